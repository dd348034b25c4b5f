package catalog

import (
	"cmp"
	"slices"
)

// Normalize puts every list of the catalog in its canonical order: objects
// by key, columns by position, enum labels and inheritance parents as
// PostgreSQL orders them, and sets (ACLs, dependencies, options, roles,
// tags) sorted without duplicates. It is idempotent; CanonicalJSON,
// Fingerprint and Objects call it.
//
// Normalize writes only what is out of order, so on a catalog that is
// already normalized (as Inspect and ReadSnapshot return them) it writes
// nothing, and such a catalog may be read from several goroutines at once.
func (c *Catalog) Normalize() {
	sortByKey(c.Schemas, (*Schema).Key)
	sortByKey(c.Extensions, (*Extension).Key)
	sortByKey(c.Collations, (*Collation).Key)
	sortByKey(c.TextSearchDicts, (*TextSearchDict).Key)
	sortByKey(c.TextSearchConfigs, (*TextSearchConfig).Key)
	sortByKey(c.Enums, (*Enum).Key)
	sortByKey(c.Domains, (*Domain).Key)
	sortByKey(c.CompositeTypes, (*CompositeType).Key)
	sortByKey(c.RangeTypes, (*RangeType).Key)
	sortByKey(c.Sequences, (*Sequence).Key)
	sortByKey(c.Tables, (*Table).Key)
	sortByKey(c.Views, func(v *View) Key { return v.Key(KindView) })
	sortByKey(c.MaterializedViews, func(v *View) Key { return v.Key(KindMaterializedView) })
	sortByKey(c.Statistics, (*Statistics).Key)
	sortByKey(c.Functions, (*Function).Key)
	sortByKey(c.Aggregates, (*Aggregate).Key)
	sortByKey(c.EventTriggers, (*EventTrigger).Key)
	sortByKey(c.Publications, (*Publication).Key)
	sortByKey(c.DefaultPrivileges, (*DefaultPrivileges).Key)
	for _, t := range c.TextSearchConfigs {
		byName(t.Mappings, func(m *TextSearchMapping) string { return m.TokenType })
	}
	for _, d := range c.Domains {
		byName(d.Constraints, func(o *DomainConstraint) string { return o.Name })
	}
	for _, t := range c.Tables {
		t.normalize()
	}
	for _, v := range c.Views {
		v.normalize()
	}
	for _, v := range c.MaterializedViews {
		v.normalize()
	}
	for _, f := range c.Functions {
		setSorted(&f.Config)
	}
	for _, p := range c.Publications {
		byName(p.Tables, func(t *PublicationTable) string { return t.Table })
		setSorted(&p.Schemas)
	}
	for _, e := range c.EventTriggers {
		setSorted(&e.Tags)
	}
	for _, o := range c.objects() {
		normalizeMeta(o.Meta)
	}
}

func (t *Table) normalize() {
	setSorted(&t.Options)
	byPosition(t.Columns)
	byName(t.Constraints, func(o *Constraint) string { return o.Name })
	byName(t.Indexes, func(o *Index) string { return o.Name })
	byName(t.Triggers, func(o *Trigger) string { return o.Name })
	byName(t.Rules, func(o *Rule) string { return o.Name })
	byName(t.Policies, func(o *Policy) string { return o.Name })
	for _, p := range t.Policies {
		setSorted(&p.Roles)
	}
}

func (v *View) normalize() {
	setSorted(&v.Options)
	byPosition(v.Columns)
	byName(v.Indexes, func(o *Index) string { return o.Name })
	byName(v.Triggers, func(o *Trigger) string { return o.Name })
	byName(v.Rules, func(o *Rule) string { return o.Name })
}

func normalizeMeta(m *Meta) {
	setSorted(&m.ACL)
	if !isStrictlySorted(m.DependsOn, Key.Compare) {
		deps := slices.Clone(m.DependsOn)
		slices.SortFunc(deps, Key.Compare)
		m.DependsOn = slices.Compact(deps)
	}
	if m.DependsOn != nil && len(m.DependsOn) == 0 {
		m.DependsOn = nil
	}
}

func byPosition(cols []*Column) {
	f := func(a, b *Column) int { return cmp.Compare(a.Position, b.Position) }
	if !slices.IsSortedFunc(cols, f) {
		slices.SortStableFunc(cols, f)
	}
}

func sortByKey[T any](s []T, key func(T) Key) {
	f := func(a, b T) int { return key(a).Compare(key(b)) }
	if !slices.IsSortedFunc(s, f) {
		slices.SortStableFunc(s, f)
	}
}

func byName[T any](s []T, name func(T) string) {
	f := func(a, b T) int { return cmp.Compare(name(a), name(b)) }
	if !slices.IsSortedFunc(s, f) {
		slices.SortStableFunc(s, f)
	}
}

// setSorted makes *s sorted without duplicates, nil when empty, writing
// only when it is not so already.
func setSorted(s *[]string) {
	if len(*s) == 0 {
		if *s != nil {
			*s = nil
		}
		return
	}
	if !isStrictlySorted(*s, cmp.Compare[string]) {
		v := slices.Clone(*s)
		slices.Sort(v)
		*s = slices.Compact(v)
	}
}

// isStrictlySorted reports whether s is sorted without duplicates.
func isStrictlySorted[T any](s []T, cmp func(a, b T) int) bool {
	for i := 1; i < len(s); i++ {
		if cmp(s[i-1], s[i]) >= 0 {
			return false
		}
	}
	return true
}
