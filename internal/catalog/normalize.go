package catalog

import (
	"cmp"
	"slices"
)

// Normalize puts every list of the catalog in its canonical order: objects
// by key, columns by position, enum labels and inheritance parents as
// PostgreSQL orders them, and sets (ACLs, dependencies, options, roles,
// tags) sorted without duplicates. It is idempotent; CanonicalJSON and
// Objects call it.
func (c *Catalog) Normalize() {
	sortByKey(c.Schemas, (*Schema).Key)
	sortByKey(c.Extensions, (*Extension).Key)
	sortByKey(c.Collations, (*Collation).Key)
	sortByKey(c.Enums, (*Enum).Key)
	sortByKey(c.Domains, (*Domain).Key)
	sortByKey(c.CompositeTypes, (*CompositeType).Key)
	sortByKey(c.RangeTypes, (*RangeType).Key)
	sortByKey(c.Sequences, (*Sequence).Key)
	sortByKey(c.Tables, (*Table).Key)
	sortByKey(c.Views, func(v *View) Key { return v.Key(KindView) })
	sortByKey(c.MaterializedViews, func(v *View) Key { return v.Key(KindMaterializedView) })
	sortByKey(c.Functions, (*Function).Key)
	sortByKey(c.Aggregates, (*Aggregate).Key)
	sortByKey(c.EventTriggers, (*EventTrigger).Key)
	sortByKey(c.DefaultPrivileges, (*DefaultPrivileges).Key)
	for _, o := range c.objects() {
		normalizeMeta(o.Meta)
	}
	for _, d := range c.Domains {
		slices.SortFunc(d.Constraints, func(a, b *DomainConstraint) int { return cmp.Compare(a.Name, b.Name) })
	}
	for _, t := range c.Tables {
		t.normalize()
	}
	for _, v := range append(slices.Clone(c.Views), c.MaterializedViews...) {
		v.normalize()
	}
	for _, f := range c.Functions {
		f.Config = sortedSet(f.Config)
	}
	for _, e := range c.EventTriggers {
		e.Tags = sortedSet(e.Tags)
	}
}

func (t *Table) normalize() {
	t.Options = sortedSet(t.Options)
	slices.SortFunc(t.Columns, func(a, b *Column) int { return cmp.Compare(a.Position, b.Position) })
	byName(t.Constraints, func(o *Constraint) string { return o.Name })
	byName(t.Indexes, func(o *Index) string { return o.Name })
	byName(t.Triggers, func(o *Trigger) string { return o.Name })
	byName(t.Policies, func(o *Policy) string { return o.Name })
	for _, p := range t.Policies {
		p.Roles = sortedSet(p.Roles)
	}
}

func (v *View) normalize() {
	v.Options = sortedSet(v.Options)
	slices.SortFunc(v.Columns, func(a, b *Column) int { return cmp.Compare(a.Position, b.Position) })
	byName(v.Indexes, func(o *Index) string { return o.Name })
	byName(v.Triggers, func(o *Trigger) string { return o.Name })
}

func normalizeMeta(m *Meta) {
	m.ACL = sortedSet(m.ACL)
	slices.SortFunc(m.DependsOn, Key.Compare)
	m.DependsOn = slices.Compact(m.DependsOn)
	if len(m.DependsOn) == 0 {
		m.DependsOn = nil
	}
}

func sortByKey[T any](s []T, key func(T) Key) {
	slices.SortStableFunc(s, func(a, b T) int { return key(a).Compare(key(b)) })
}

func byName[T any](s []T, name func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(name(a), name(b)) })
}

// sortedSet returns s sorted without duplicates; nil for an empty set.
func sortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	slices.Sort(s)
	return slices.Compact(s)
}
