package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// sequenceClauses renders the options of s that differ from old (all of
// them when old is nil).
func sequenceClauses(s catalog.SequenceOptions, old *catalog.SequenceOptions) []string {
	all := old == nil
	if all {
		old = &catalog.SequenceOptions{}
	}
	var out []string
	if s.Type != "" && (all || s.Type != old.Type) {
		out = append(out, "AS "+s.Type)
	}
	if all || s.Increment != old.Increment {
		out = append(out, fmt.Sprintf("INCREMENT BY %d", s.Increment))
	}
	if all || s.Min != old.Min || s.Type != old.Type {
		out = append(out, fmt.Sprintf("MINVALUE %d", s.Min))
	}
	if all || s.Max != old.Max || s.Type != old.Type {
		out = append(out, fmt.Sprintf("MAXVALUE %d", s.Max))
	}
	if all || s.Start != old.Start {
		out = append(out, fmt.Sprintf("START WITH %d", s.Start))
	}
	if all || s.Cache != old.Cache {
		out = append(out, fmt.Sprintf("CACHE %d", s.Cache))
	}
	if all || s.Cycle != old.Cycle {
		out = append(out, map[bool]string{true: "CYCLE", false: "NO CYCLE"}[s.Cycle])
	}
	if !all && (old.Start < s.Min || old.Start > s.Max) {
		// The sequence may still sit at its old start, outside the new
		// bounds, which PostgreSQL refuses.
		out = append(out, fmt.Sprintf("RESTART WITH %d", s.Start))
	}
	return out
}

func sequenceOptions(s catalog.SequenceOptions, old *catalog.SequenceOptions) string {
	return strings.Join(sequenceClauses(s, old), " ")
}

func createSequence(k catalog.Key, s *catalog.Sequence) []stmt {
	sql := "CREATE "
	if s.Persistence == "unlogged" {
		sql += "UNLOGGED "
	}
	sql += "SEQUENCE " + qname(k.Schema, k.Name) + " " + sequenceOptions(s.SequenceOptions, nil)
	return []stmt{{sql: sql, desc: "create " + k.String()}}
}

func ownedBySQL(k catalog.Key, owner string) stmt {
	return stmt{sql: "ALTER SEQUENCE " + qname(k.Schema, k.Name) + " OWNED BY " + owner,
		desc: "attach " + k.String() + " to column " + owner}
}

func alterSequence(k catalog.Key, a, b *catalog.Sequence, f diff.Flag) []stmt {
	var out []stmt
	name := qname(k.Schema, k.Name)
	if f.Has(diff.SequenceOptions) {
		out = append(out, stmt{sql: "ALTER SEQUENCE " + name + " " + sequenceOptions(b.SequenceOptions, &a.SequenceOptions),
			desc: "change options of " + k.String()})
	}
	if f.Has(diff.SequencePersistence) {
		p := map[bool]string{true: " SET UNLOGGED", false: " SET LOGGED"}[b.Persistence == "unlogged"]
		out = append(out, stmt{sql: "ALTER SEQUENCE " + name + p, desc: "change persistence of " + k.String()})
	}
	if f.Has(diff.SequenceOwnedBy) {
		owner := b.OwnedBy
		if owner == "" {
			owner = "NONE"
		}
		out = append(out, ownedBySQL(k, owner))
	}
	return out
}

func createEnum(k catalog.Key, e *catalog.Enum) []stmt {
	labels := make([]string, len(e.Labels))
	for i, l := range e.Labels {
		labels[i] = literal(l)
	}
	return []stmt{{sql: "CREATE TYPE " + qname(k.Schema, k.Name) + " AS ENUM (" + strings.Join(labels, ", ") + ")",
		desc: "create " + k.String()}}
}

// enumAppendable reports whether b only adds labels to a, keeping a's
// labels in the same order.
func enumAppendable(a, b []string) bool {
	i := 0
	for _, l := range b {
		if i < len(a) && a[i] == l {
			i++
		}
	}
	return i == len(a)
}

// addEnumValues renders ALTER TYPE ADD VALUE for each new label, placed
// before the next existing label (or after the last one).
func addEnumValues(k catalog.Key, a, b []string) []stmt {
	var out []stmt
	name := qname(k.Schema, k.Name)
	for i, l := range b {
		if slices.Contains(a, l) {
			continue
		}
		pos := ""
		for _, next := range b[i+1:] {
			if slices.Contains(a, next) {
				pos = " BEFORE " + literal(next)
				break
			}
		}
		out = append(out, stmt{sql: "ALTER TYPE " + name + " ADD VALUE " + literal(l) + pos,
			desc: "add value " + literal(l) + " to " + k.String(), hazards: []Hazard{Irreversible}})
	}
	return out
}

func createDomain(k catalog.Key, d *catalog.Domain) []stmt {
	s := "CREATE DOMAIN " + qname(k.Schema, k.Name) + " AS " + d.BaseType
	if d.Collation != "" {
		s += " COLLATE " + d.Collation
	}
	if d.Default != "" {
		s += " DEFAULT " + d.Default
	}
	if d.NotNull {
		s += " NOT NULL"
	}
	for _, c := range d.Constraints {
		s += " CONSTRAINT " + ident(c.Name) + " " + strings.TrimSuffix(c.Definition, " NOT VALID")
	}
	out := []stmt{{sql: s, desc: "create " + k.String()}}
	for _, c := range d.Constraints {
		if c.Comment != "" {
			out = append(out, domainConstraintComment(k, c))
		}
	}
	return out
}

func domainConstraintComment(k catalog.Key, c *catalog.DomainConstraint) stmt {
	v := "NULL"
	if c.Comment != "" {
		v = literal(c.Comment)
	}
	return stmt{sql: "COMMENT ON CONSTRAINT " + ident(c.Name) + " ON DOMAIN " + qname(k.Schema, k.Name) + " IS " + v,
		desc: "comment on constraint " + c.Name + " of " + k.String()}
}

func alterDomain(k catalog.Key, a, b *catalog.Domain, f diff.Flag) []stmt {
	var out []stmt
	ad := "ALTER DOMAIN " + qname(k.Schema, k.Name)
	if f.Has(diff.DomainDefault) {
		if b.Default == "" {
			out = append(out, stmt{sql: ad + " DROP DEFAULT", desc: "drop default of " + k.String()})
		} else {
			out = append(out, stmt{sql: ad + " SET DEFAULT " + b.Default, desc: "set default of " + k.String()})
		}
	}
	if f.Has(diff.DomainNotNull) {
		w := map[bool]string{true: " SET NOT NULL", false: " DROP NOT NULL"}[b.NotNull]
		out = append(out, stmt{sql: ad + w, desc: "not null on " + k.String(), hazards: []Hazard{ValidatesConstraint}})
	}
	if f.Has(diff.DomainConstraints) {
		out = append(out, domainConstraints(k, a, b)...)
	}
	return out
}

func domainConstraints(k catalog.Key, a, b *catalog.Domain) []stmt {
	var out []stmt
	ad := "ALTER DOMAIN " + qname(k.Schema, k.Name)
	find := func(cs []*catalog.DomainConstraint, n string) *catalog.DomainConstraint {
		for _, c := range cs {
			if c.Name == n {
				return c
			}
		}
		return nil
	}
	for _, c := range a.Constraints {
		if n := find(b.Constraints, c.Name); n == nil || n.Definition != c.Definition {
			out = append(out, stmt{sql: ad + " DROP CONSTRAINT " + ident(c.Name), desc: "drop constraint " + c.Name + " of " + k.String()})
		}
	}
	for _, c := range b.Constraints {
		o := find(a.Constraints, c.Name)
		if o == nil || o.Definition != c.Definition {
			out = append(out, stmt{sql: ad + " ADD CONSTRAINT " + ident(c.Name) + " " + c.Definition,
				desc: "add constraint " + c.Name + " to " + k.String(), hazards: []Hazard{ValidatesConstraint}})
		}
		if (o == nil && c.Comment != "") || (o != nil && o.Comment != c.Comment) {
			out = append(out, domainConstraintComment(k, c))
		}
	}
	return out
}

func createComposite(k catalog.Key, t *catalog.CompositeType) []stmt {
	attrs := make([]string, len(t.Attributes))
	for i, a := range t.Attributes {
		attrs[i] = attributeDef(a)
	}
	out := []stmt{{sql: "CREATE TYPE " + qname(k.Schema, k.Name) + " AS (" + strings.Join(attrs, ", ") + ")",
		desc: "create " + k.String()}}
	for _, a := range t.Attributes {
		if a.Comment != "" {
			out = append(out, attributeComment(k, a))
		}
	}
	return out
}

func attributeDef(a *catalog.Attribute) string {
	s := ident(a.Name) + " " + a.Type
	if a.Collation != "" {
		s += " COLLATE " + a.Collation
	}
	return s
}

func attributeComment(k catalog.Key, a *catalog.Attribute) stmt {
	v := "NULL"
	if a.Comment != "" {
		v = literal(a.Comment)
	}
	return stmt{sql: "COMMENT ON COLUMN " + qname(k.Schema, k.Name) + "." + ident(a.Name) + " IS " + v,
		desc: "comment on attribute " + a.Name + " of " + k.String()}
}

// alterComposite changes attributes in place when the surviving ones keep
// their order and new ones come last; ok is false otherwise.
func alterComposite(k catalog.Key, a, b *catalog.CompositeType) (out []stmt, ok bool) {
	at := "ALTER TYPE " + qname(k.Schema, k.Name)
	byName := func(as []*catalog.Attribute, n string) *catalog.Attribute {
		for _, x := range as {
			if x.Name == n {
				return x
			}
		}
		return nil
	}
	var kept []string
	for _, x := range a.Attributes {
		if y := byName(b.Attributes, x.Name); y == nil {
			out = append(out, stmt{sql: at + " DROP ATTRIBUTE " + ident(x.Name), desc: "drop attribute " + x.Name + " of " + k.String()})
		} else {
			kept = append(kept, x.Name)
			if y.Type != x.Type || y.Collation != x.Collation {
				s := at + " ALTER ATTRIBUTE " + ident(x.Name) + " TYPE " + y.Type
				if y.Collation != "" {
					s += " COLLATE " + y.Collation
				}
				out = append(out, stmt{sql: s, desc: "change attribute " + x.Name + " of " + k.String()})
			}
			if y.Comment != x.Comment {
				out = append(out, attributeComment(k, y))
			}
		}
	}
	for i, y := range b.Attributes {
		if i < len(kept) {
			if kept[i] != y.Name {
				return nil, false
			}
			continue
		}
		out = append(out, stmt{sql: at + " ADD ATTRIBUTE " + attributeDef(y), desc: "add attribute " + y.Name + " to " + k.String()})
		if y.Comment != "" {
			out = append(out, attributeComment(k, y))
		}
	}
	return out, true
}

func createRange(k catalog.Key, r *catalog.RangeType) []stmt {
	parts := []string{"SUBTYPE = " + r.Subtype}
	add := func(name, v string) {
		if v != "" {
			parts = append(parts, name+" = "+v)
		}
	}
	add("SUBTYPE_OPCLASS", r.SubtypeOpClass)
	add("COLLATION", r.Collation)
	add("CANONICAL", stripArgs(r.Canonical))
	add("SUBTYPE_DIFF", stripArgs(r.SubtypeDiff))
	if r.MultirangeName != "" {
		mr := r.MultirangeName
		if len(splitIdents(mr)) == 1 {
			mr = qname(k.Schema, mr)
		}
		add("MULTIRANGE_TYPE_NAME", mr)
	}
	return []stmt{{sql: "CREATE TYPE " + qname(k.Schema, k.Name) + " AS RANGE (" + strings.Join(parts, ", ") + ")",
		desc: "create " + k.String()}}
}

func createCollation(k catalog.Key, c *catalog.Collation) []stmt {
	parts := []string{"PROVIDER = " + c.Provider}
	if c.Locale != "" {
		parts = append(parts, "LOCALE = "+literal(c.Locale))
	} else {
		parts = append(parts, "LC_COLLATE = "+literal(c.Collate), "LC_CTYPE = "+literal(c.Ctype))
	}
	if !c.Deterministic {
		parts = append(parts, "DETERMINISTIC = false")
	}
	if c.Rules != "" {
		parts = append(parts, "RULES = "+literal(c.Rules))
	}
	return []stmt{{sql: "CREATE COLLATION " + qname(k.Schema, k.Name) + " (" + strings.Join(parts, ", ") + ")",
		desc: "create " + k.String()}}
}

func createExtension(k catalog.Key, e *catalog.Extension) []stmt {
	s := "CREATE EXTENSION IF NOT EXISTS " + ident(e.Name) + " WITH SCHEMA " + ident(e.Schema)
	if e.Version != "" {
		s += " VERSION " + literal(e.Version)
	}
	return []stmt{{sql: s, desc: "create " + k.String()}}
}

func alterExtension(k catalog.Key, a, b *catalog.Extension, f diff.Flag) []stmt {
	var out []stmt
	if f.Has(diff.ExtensionSchema) {
		out = append(out, stmt{sql: "ALTER EXTENSION " + ident(k.Name) + " SET SCHEMA " + ident(b.Schema), desc: "move " + k.String()})
	}
	if f.Has(diff.ExtensionVersion) {
		out = append(out, stmt{sql: "ALTER EXTENSION " + ident(k.Name) + " UPDATE TO " + literal(b.Version), desc: "update " + k.String()})
	}
	return out
}

// swappedName is the temporary name of an enum recreated under columns
// that use it.
func swappedName(k catalog.Key) string { return truncateName(k.Name + "__pgfleet_old") }

// swapOut renames an enum out of the way so its replacement can be
// created and columns converted to it.
func swapOut(k catalog.Key) []stmt {
	return []stmt{{sql: "ALTER TYPE " + qname(k.Schema, k.Name) + " RENAME TO " + ident(swappedName(k)),
		desc: "rename " + k.String() + " out of the way to recreate it"}}
}

// dropSwapped drops the renamed enum once no column uses it.
func dropSwapped(k catalog.Key) []stmt {
	return []stmt{{sql: "DROP TYPE " + qname(k.Schema, swappedName(k)), desc: "drop the previous " + k.String(),
		hazards: []Hazard{Irreversible}}}
}
