package plan

import (
	"strconv"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// addConstraint renders ALTER TABLE ADD CONSTRAINT; online, foreign keys
// and checks are added NOT VALID and validated outside the transaction.
func addConstraint(k catalog.Key, c *catalog.Constraint, online, existing bool) []stmt {
	def := strings.TrimSuffix(c.Definition, " NOT VALID")
	s := alterTable(k) + " ADD CONSTRAINT " + ident(k.Name) + " " + def
	var hz []Hazard
	if existing {
		hz = append(hz, AccessExclusiveLock)
		switch c.Type {
		case catalog.ConstraintPrimaryKey, catalog.ConstraintUnique, catalog.ConstraintExclusion:
			hz = append(hz, BuildsIndex)
		default:
			if !c.NotValid {
				hz = append(hz, ValidatesConstraint)
			}
		}
	}
	validatable := c.Type == catalog.ConstraintForeignKey || c.Type == catalog.ConstraintCheck
	if c.NotValid && validatable {
		return []stmt{{sql: s + " NOT VALID", desc: "add " + k.String(), hazards: hz}}
	}
	if online && existing && validatable {
		return []stmt{
			{sql: s + " NOT VALID", desc: "add " + k.String() + " without validation", hazards: []Hazard{AccessExclusiveLock}},
			validateConstraint(k, true),
		}
	}
	return []stmt{{sql: s, desc: "add " + k.String(), hazards: hz}}
}

func validateConstraint(k catalog.Key, nonTx bool) stmt {
	return stmt{sql: alterTable(k) + " VALIDATE CONSTRAINT " + ident(k.Name), desc: "validate " + k.String(),
		nonTx: nonTx, hazards: []Hazard{ValidatesConstraint}}
}

func dropConstraint(k catalog.Key) []stmt {
	return []stmt{{sql: alterTable(k) + " DROP CONSTRAINT " + ident(k.Name), desc: "drop " + k.String(),
		hazards: []Hazard{AccessExclusiveLock}}}
}

// createIndex uses pg_get_indexdef's statement; online, CONCURRENTLY,
// after dropping an INVALID leftover of a failed earlier attempt.
func createIndex(k catalog.Key, ix *catalog.Index, online bool) []stmt {
	// pg_get_indexdef prints an index of a partitioned table ON ONLY;
	// created that way it would not cascade to the partitions, whose
	// indexes are attached to it and not created on their own.
	def := strings.Replace(ix.Definition, " ON ONLY ", " ON ", 1)
	if !online {
		return []stmt{{sql: def, desc: "create " + k.String(), hazards: []Hazard{BuildsIndex}}}
	}
	def = strings.Replace(def, " INDEX ", " INDEX CONCURRENTLY ", 1)
	return []stmt{
		{sql: "DROP INDEX CONCURRENTLY IF EXISTS " + qname(k.Schema, k.Name), desc: "drop a leftover of " + k.String(), nonTx: true},
		{sql: def, desc: "create " + k.String() + " concurrently", nonTx: true, hazards: []Hazard{BuildsIndex}},
	}
}

func dropIndex(k catalog.Key, online bool) []stmt {
	if online {
		return []stmt{{sql: "DROP INDEX CONCURRENTLY IF EXISTS " + qname(k.Schema, k.Name), desc: "drop " + k.String() + " concurrently", nonTx: true}}
	}
	return []stmt{{sql: "DROP INDEX " + qname(k.Schema, k.Name), desc: "drop " + k.String(), hazards: []Hazard{AccessExclusiveLock}}}
}

func createTrigger(k catalog.Key, t *catalog.Trigger) []stmt {
	out := []stmt{{sql: t.Definition, desc: "create " + k.String()}}
	if t.Enabled != "" && t.Enabled != "origin" {
		out = append(out, triggerEnabled(k, t.Enabled))
	}
	return out
}

func triggerEnabled(k catalog.Key, enabled string) stmt {
	w := enabledWords[enabled]
	return stmt{sql: alterTable(k) + " " + w + " TRIGGER " + ident(k.Name), desc: strings.ToLower(w) + " " + k.String()}
}

// enabledWords are the ALTER TABLE words setting a trigger's or rule's
// enabled state.
var enabledWords = map[string]string{"origin": "ENABLE", "disabled": "DISABLE", "replica": "ENABLE REPLICA", "always": "ENABLE ALWAYS"}

// createRule creates a rule with its enabled state.
func createRule(k catalog.Key, r *catalog.Rule) []stmt {
	out := []stmt{{sql: r.Definition, desc: "create " + k.String()}}
	if r.Enabled != "" && r.Enabled != "origin" {
		out = append(out, ruleEnabled(k, r.Enabled))
	}
	return out
}

// alterRule replaces a rule's definition (CREATE OR REPLACE RULE keeps its
// enabled state) and sets its enabled state, as f says they differ.
func alterRule(k catalog.Key, r *catalog.Rule, f diff.Flag) []stmt {
	var out []stmt
	if f.Has(diff.Definition) {
		out = append(out, stmt{sql: strings.Replace(r.Definition, "CREATE RULE", "CREATE OR REPLACE RULE", 1),
			desc: "replace " + k.String()})
	}
	if f.Has(diff.RuleEnabled) {
		out = append(out, ruleEnabled(k, r.Enabled))
	}
	return out
}

func ruleEnabled(k catalog.Key, enabled string) stmt {
	w := enabledWords[enabled]
	return stmt{sql: alterTable(k) + " " + w + " RULE " + ident(k.Name), desc: strings.ToLower(w) + " " + k.String()}
}

func dropTrigger(k catalog.Key) []stmt {
	return []stmt{{sql: "DROP TRIGGER " + ident(k.Name) + " ON " + relName(k), desc: "drop " + k.String()}}
}

func createPolicy(k catalog.Key, p *catalog.Policy) []stmt {
	s := "CREATE POLICY " + ident(k.Name) + " ON " + relName(k)
	if !p.Permissive {
		s += " AS RESTRICTIVE"
	}
	s += " FOR " + p.Command + " TO " + policyRoles(p.Roles)
	if p.Using != "" {
		s += " USING (" + p.Using + ")"
	}
	if p.WithCheck != "" {
		s += " WITH CHECK (" + p.WithCheck + ")"
	}
	return []stmt{{sql: s, desc: "create " + k.String(), hazards: []Hazard{ChangesPrivileges}}}
}

func policyRoles(roles []string) string {
	if len(roles) == 0 {
		return "PUBLIC"
	}
	q := make([]string, len(roles))
	for i, r := range roles {
		if r == "public" {
			q[i] = "PUBLIC"
		} else {
			q[i] = ident(r)
		}
	}
	return strings.Join(q, ", ")
}

func alterPolicy(k catalog.Key, a, b *catalog.Policy) []stmt {
	s := "ALTER POLICY " + ident(k.Name) + " ON " + relName(k)
	var parts []string
	if strings.Join(a.Roles, ",") != strings.Join(b.Roles, ",") {
		parts = append(parts, " TO "+policyRoles(b.Roles))
	}
	if a.Using != b.Using {
		parts = append(parts, " USING ("+b.Using+")")
	}
	if a.WithCheck != b.WithCheck {
		parts = append(parts, " WITH CHECK ("+b.WithCheck+")")
	}
	return []stmt{{sql: s + strings.Join(parts, ""), desc: "alter " + k.String(), hazards: []Hazard{ChangesPrivileges}}}
}

func dropPolicy(k catalog.Key) []stmt {
	return []stmt{{sql: "DROP POLICY " + ident(k.Name) + " ON " + relName(k), desc: "drop " + k.String(), hazards: []Hazard{ChangesPrivileges}}}
}

// createStatistics creates an extended statistics object with its target.
func createStatistics(k catalog.Key, s *catalog.Statistics) []stmt {
	out := []stmt{{sql: s.Definition, desc: "create " + k.String()}}
	if s.Target != -1 {
		out = append(out, statisticsTarget(k, s.Target))
	}
	return out
}

// statisticsTarget sets a statistics object's target (-1: the default).
func statisticsTarget(k catalog.Key, target int) stmt {
	return stmt{sql: "ALTER STATISTICS " + qname(k.Schema, k.Name) + " SET STATISTICS " + strconv.Itoa(target),
		desc: "set the statistics target of " + k.String()}
}
