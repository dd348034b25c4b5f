package check

import (
	"slices"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
	"github.com/pgfleet/pgfleet/internal/plan"
	"github.com/pgfleet/pgfleet/internal/report"
)

// Locator says where the schema model defines an object; ok is false for
// objects it does not know.
type Locator func(k catalog.Key) (file string, line int, ok bool)

// Comparison lists what differs between source, the state a deployment
// wants (the model for changes), and target, the live database: objects
// only in the source (to add), only in the target (to drop), and different.
// Definitions before are the target's, after the source's. Hazards come
// from p, the plan from target to source, when given; locate adds the
// model's file and line.
func Comparison(source, target *catalog.Catalog, p *plan.Plan, locate Locator) *report.Comparison {
	cmp := newComparison()
	hazards := hazardsByKey(p)
	for _, c := range diff.Diff(target, source) {
		if backsConstraint(c) {
			continue // reported with its constraint
		}
		d := difference(c, hazards[c.Key()], locate)
		switch {
		case diff.IsAdd(c):
			cmp.OnlyInSource = append(cmp.OnlyInSource, d)
		case diff.IsDrop(c):
			cmp.OnlyInTarget = append(cmp.OnlyInTarget, d)
		default:
			cmp.Differences = append(cmp.Differences, d)
		}
	}
	return cmp
}

// Drift lists what changed on the live target since deployed, its last
// deployed snapshot: objects only in the snapshot (removed on the target),
// only in the target (added), and different. Definitions before are the
// snapshot's, after the live target's; hazards come from revert, the plan
// that takes the target back to the snapshot.
func Drift(deployed, live *catalog.Catalog, revert *plan.Plan) *report.Comparison {
	cmp := newComparison()
	hazards := hazardsByKey(revert)
	for _, c := range diff.Diff(deployed, live) {
		if backsConstraint(c) {
			continue
		}
		d := difference(c, hazards[c.Key()], nil)
		switch {
		case diff.IsAdd(c):
			cmp.OnlyInTarget = append(cmp.OnlyInTarget, d)
		case diff.IsDrop(c):
			cmp.OnlyInSource = append(cmp.OnlyInSource, d)
		default:
			cmp.Differences = append(cmp.Differences, d)
		}
	}
	return cmp
}

func newComparison() *report.Comparison {
	return &report.Comparison{OnlyInSource: []report.Difference{}, OnlyInTarget: []report.Difference{},
		Differences: []report.Difference{}}
}

// Count returns how many objects a comparison lists.
func Count(c *report.Comparison) int {
	return len(c.OnlyInSource) + len(c.OnlyInTarget) + len(c.Differences)
}

// Describe lists the differences between two catalogs, one line each, for
// messages: "+ table app.t", "- column app.u.c", "~ function app.f()".
func Describe(from, to *catalog.Catalog) []string {
	var out []string
	for _, c := range diff.Diff(from, to) {
		sign := "~ "
		if diff.IsAdd(c) {
			sign = "+ "
		} else if diff.IsDrop(c) {
			sign = "- "
		}
		line := sign + c.Key().String()
		if f := diff.Flags(c); f != 0 && sign == "~ " {
			line += " (" + f.String() + ")"
		}
		out = append(out, line)
	}
	return out
}

func difference(c diff.Change, hazards []string, locate Locator) report.Difference {
	k := c.Key()
	from, to := c.Objects()
	d := report.Difference{Name: k.Name, Schema: k.Schema, ObjectType: objectType(k.Kind), Hazards: hazards}
	if k.Table != "" {
		d.Name = k.Table + "." + k.Name
	}
	switch {
	case diff.IsAdd(c):
		d.DifferenceType = "Add"
	case diff.IsDrop(c):
		d.DifferenceType = "Drop"
	default:
		d.DifferenceType = "Change"
	}
	if from.Value != nil {
		d.DefinitionBefore = definition(from)
	}
	if to.Value != nil {
		d.DefinitionAfter = definition(to)
	}
	if locate != nil {
		if file, line, ok := locate(k); ok {
			d.SourceFile, d.SourceLine = file, line
		}
	}
	return d
}

// definition renders an object as the SQL that creates it.
func definition(o catalog.Object) string {
	stmts := plan.CreateSQL(o)
	if len(stmts) == 0 {
		return ""
	}
	return strings.Join(stmts, ";\n") + ";"
}

// objectType spells a kind as Flyway's reports do: "Table", "Materialized View".
func objectType(k catalog.Kind) string {
	words := strings.Fields(string(k))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func hazardsByKey(p *plan.Plan) map[catalog.Key][]string {
	out := map[catalog.Key][]string{}
	if p == nil {
		return out
	}
	for _, s := range p.Steps {
		for _, h := range s.Hazards {
			if !slices.Contains(out[s.Key], string(h)) {
				out[s.Key] = append(out[s.Key], string(h))
			}
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// backsConstraint reports a change of an index that a primary key, unique
// or exclusion constraint owns.
func backsConstraint(c diff.Change) bool {
	from, to := c.Objects()
	for _, o := range []catalog.Object{from, to} {
		if ix, ok := o.Value.(*catalog.Index); ok && ix.Constraint != "" {
			return true
		}
	}
	return false
}
