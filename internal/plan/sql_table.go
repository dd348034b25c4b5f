package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// createTable renders CREATE TABLE with its own (non-inherited) columns;
// constraints, indexes, triggers and policies are steps of their own.
func createTable(k catalog.Key, t *catalog.Table) []stmt {
	var b strings.Builder
	b.WriteString("CREATE ")
	if t.Persistence == "unlogged" {
		b.WriteString("UNLOGGED ")
	}
	b.WriteString("TABLE " + qname(t.Schema, t.Name))
	var cols []string
	for _, c := range t.Columns {
		if !c.Inherited {
			cols = append(cols, "    "+columnDef(t.Schema, c))
		}
	}
	if t.PartitionOf != "" {
		b.WriteString(" PARTITION OF " + t.PartitionOf)
		if len(cols) > 0 {
			b.WriteString(" (\n" + strings.Join(cols, ",\n") + "\n)")
		}
		b.WriteString(" " + t.PartitionBound)
	} else {
		b.WriteString(" (\n" + strings.Join(cols, ",\n") + "\n)")
		if len(t.Inherits) > 0 {
			b.WriteString(" INHERITS (" + strings.Join(t.Inherits, ", ") + ")")
		}
	}
	if t.PartitionKey != "" {
		b.WriteString(" PARTITION BY " + t.PartitionKey)
	}
	if t.AccessMethod != "" {
		b.WriteString(" USING " + ident(t.AccessMethod))
	}
	if len(t.Options) > 0 {
		b.WriteString(" WITH (" + strings.Join(t.Options, ", ") + ")")
	}
	out := []stmt{{sql: b.String(), desc: "create " + k.String()}}
	out = append(out, tableSettings(k, &catalog.Table{}, t)...)
	for _, c := range t.Columns {
		ck := catalog.Key{Kind: catalog.KindColumn, Schema: k.Schema, Table: k.Name, Name: c.Name}
		if c.Inherited {
			out = append(out, inheritedColumn(ck, c)...)
		}
		out = append(out, columnExtras(ck, c)...)
		out = append(out, metaStmts(ck, nil, &c.Meta, "")...)
	}
	return out
}

// inheritedColumn sets what a partition or child column may hold on its
// own beyond what it inherits.
func inheritedColumn(k catalog.Key, c *catalog.Column) []stmt {
	var out []stmt
	if c.Default != "" {
		out = append(out, stmt{sql: alterTable(k) + " ALTER COLUMN " + ident(c.Name) + " SET DEFAULT " + c.Default,
			desc: "set default of " + k.String()})
	}
	if c.NotNull {
		out = append(out, stmt{sql: alterTable(k) + " ALTER COLUMN " + ident(c.Name) + " SET NOT NULL",
			desc: "set not null on " + k.String()})
	}
	return out
}

// columnDef renders a column definition for CREATE TABLE or ADD COLUMN.
func columnDef(schema string, c *catalog.Column) string {
	s := ident(c.Name) + " " + c.Type
	if c.Collation != "" {
		s += " COLLATE " + c.Collation
	}
	if c.Generated != "" {
		s += " GENERATED ALWAYS AS (" + c.Generated + ") STORED"
	}
	if c.Identity != "" {
		s += " GENERATED " + strings.ToUpper(c.Identity) + " AS IDENTITY"
		if c.IdentitySequence != nil {
			s += " (" + identityOptions(schema, c.IdentitySequence) + ")"
		}
	}
	if c.Default != "" && c.Identity == "" && c.Generated == "" {
		s += " DEFAULT " + c.Default
	}
	if c.NotNull {
		s += " NOT NULL"
	}
	return s
}

// identityOptions renders an identity's sequence options; the sequence
// lives in its table's schema and takes the column's type.
func identityOptions(schema string, s *catalog.IdentitySequence) string {
	var clauses []string
	if s.Name != "" {
		clauses = append(clauses, "SEQUENCE NAME "+qname(schema, s.Name))
	}
	for _, c := range sequenceClauses(s.SequenceOptions, nil) {
		if !strings.HasPrefix(c, "AS ") {
			clauses = append(clauses, c)
		}
	}
	return strings.Join(clauses, " ")
}

// columnExtras renders the storage and statistics settings of a column.
func columnExtras(k catalog.Key, c *catalog.Column) []stmt {
	var out []stmt
	if c.Storage != "" {
		out = append(out, stmt{sql: alterTable(k) + " ALTER COLUMN " + ident(c.Name) + " SET STORAGE " + strings.ToUpper(c.Storage),
			desc: "set storage of " + k.String()})
	}
	if c.Statistics != nil {
		out = append(out, stmt{sql: fmt.Sprintf("%s ALTER COLUMN %s SET STATISTICS %d", alterTable(k), ident(c.Name), *c.Statistics),
			desc: "set statistics of " + k.String()})
	}
	return out
}

// addColumn renders ALTER TABLE ADD COLUMN.
func addColumn(k catalog.Key, c *catalog.Column) []stmt {
	hz := []Hazard{AccessExclusiveLock}
	if c.Generated != "" || c.Identity != "" || volatileDefault(c.Default) {
		hz = append(hz, RewritesTable)
	}
	out := []stmt{{sql: alterTable(k) + " ADD COLUMN " + columnDef(k.Schema, c), desc: "add " + k.String(), hazards: hz}}
	return append(out, columnExtras(k, c)...)
}

// volatileDefault guesses whether a default forces a rewrite on ADD
// COLUMN: a function call other than a few stable ones.
func volatileDefault(d string) bool {
	return strings.Contains(d, "nextval(") || strings.Contains(d, "random(") ||
		strings.Contains(d, "gen_random_uuid(") || strings.Contains(d, "clock_timestamp(")
}

// tableSettings renders the table-level settings that differ between a
// and b: options, row-level security, replica identity, persistence.
func tableSettings(k catalog.Key, a, b *catalog.Table) []stmt {
	var out []stmt
	at := "ALTER TABLE " + qname(k.Schema, k.Name)
	if add, rm := setDiff(a.Options, b.Options); len(add)+len(rm) > 0 {
		if len(rm) > 0 {
			out = append(out, stmt{sql: at + " RESET (" + strings.Join(optionNames(rm), ", ") + ")", desc: "reset options of " + k.String()})
		}
		if len(add) > 0 {
			out = append(out, stmt{sql: at + " SET (" + strings.Join(add, ", ") + ")", desc: "set options of " + k.String()})
		}
	}
	if a.RowSecurity != b.RowSecurity {
		out = append(out, stmt{sql: at + map[bool]string{true: " ENABLE", false: " DISABLE"}[b.RowSecurity] + " ROW LEVEL SECURITY",
			desc: "row level security on " + k.String(), hazards: []Hazard{ChangesPrivileges}})
	}
	if a.ForceRowSecurity != b.ForceRowSecurity {
		out = append(out, stmt{sql: at + map[bool]string{true: " FORCE", false: " NO FORCE"}[b.ForceRowSecurity] + " ROW LEVEL SECURITY",
			desc: "force row level security on " + k.String(), hazards: []Hazard{ChangesPrivileges}})
	}
	if a.ReplicaIdentity != b.ReplicaIdentity && b.ReplicaIdentity != "index" {
		ri := strings.ToUpper(b.ReplicaIdentity)
		if ri == "" {
			ri = "DEFAULT"
		}
		out = append(out, stmt{sql: at + " REPLICA IDENTITY " + ri, desc: "replica identity of " + k.String()})
	}
	if a.Persistence != b.Persistence && a.Schema != "" {
		p := map[bool]string{true: " SET UNLOGGED", false: " SET LOGGED"}[b.Persistence == "unlogged"]
		out = append(out, stmt{sql: at + p, desc: "persistence of " + k.String(), hazards: []Hazard{RewritesTable, AccessExclusiveLock}})
	}
	return out
}

// optionNames strips values: "fillfactor=70" → "fillfactor".
func optionNames(opts []string) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i], _, _ = strings.Cut(o, "=")
	}
	return out
}

// setDiff returns the options set in b but not in a, and the names only
// in a (to reset).
func setDiff(a, b []string) (add, rm []string) {
	for _, o := range b {
		if !slices.Contains(a, o) {
			add = append(add, o)
		}
	}
	bn := optionNames(b)
	for _, o := range a {
		n, _, _ := strings.Cut(o, "=")
		if !slices.Contains(bn, n) {
			rm = append(rm, o)
		}
	}
	return add, rm
}

// alterTableStmts renders an in-place table modification.
func alterTableStmts(k catalog.Key, a, b *catalog.Table, f diff.Flag) []stmt {
	out := tableSettings(k, a, b)
	if f.Has(diff.TablePartitioning) {
		for _, p := range a.Inherits {
			if !slices.Contains(b.Inherits, p) {
				out = append(out, stmt{sql: "ALTER TABLE " + qname(k.Schema, k.Name) + " NO INHERIT " + p, desc: "stop inheriting " + p})
			}
		}
		for _, p := range b.Inherits {
			if !slices.Contains(a.Inherits, p) {
				out = append(out, stmt{sql: "ALTER TABLE " + qname(k.Schema, k.Name) + " INHERIT " + p, desc: "inherit " + p,
					hazards: []Hazard{AccessExclusiveLock}})
			}
		}
	}
	return out
}
