package diff

import (
	"github.com/pgfleet/pgfleet/internal/catalog"
)

// Diff returns the changes turning from into to: modifications and
// additions in to's canonical object order, then removals in from's.
// Columns of an added or removed relation are part of that relation's
// change; columns of views change with their view's query, so only their
// comments and privileges are compared, and they are never added or
// dropped on their own. Nil catalogs are empty.
func Diff(from, to *catalog.Catalog) []Change {
	if from == nil {
		from = &catalog.Catalog{}
	}
	if to == nil {
		to = &catalog.Catalog{}
	}
	fromIdx := from.Index()
	toObjs := to.Objects()
	toIdx := make(map[catalog.Key]catalog.Object, len(toObjs))
	for _, o := range toObjs {
		toIdx[o.Key] = o
	}
	var out []Change
	for _, o := range toObjs {
		old, ok := fromIdx[o.Key]
		if !ok {
			if !isNestedColumn(o.Key, fromIdx) && !isViewColumn(o.Key, toIdx) {
				out = append(out, newChange(addKind, catalog.Object{}, o, 0))
			}
			continue
		}
		f := flags(old, o)
		if isViewColumn(o.Key, toIdx) {
			f &= Owner | Comment | ACL
		}
		if f != 0 {
			out = append(out, newChange(modifyKind, old, o, f))
		}
	}
	for _, o := range from.Objects() {
		if _, ok := toIdx[o.Key]; !ok && !isNestedColumn(o.Key, toIdx) && !isViewColumn(o.Key, fromIdx) {
			out = append(out, newChange(dropKind, o, catalog.Object{}, 0))
		}
	}
	return out
}

// isNestedColumn reports whether k is a column whose relation is missing
// from other, so that it is added or dropped with its relation.
func isNestedColumn(k catalog.Key, other map[catalog.Key]catalog.Object) bool {
	if k.Kind != catalog.KindColumn {
		return false
	}
	return !hasRelation(k, other)
}

// hasRelation reports whether the relation owning sub-object k exists.
func hasRelation(k catalog.Key, idx map[catalog.Key]catalog.Object) bool {
	for _, kind := range []catalog.Kind{catalog.KindTable, catalog.KindView, catalog.KindMaterializedView} {
		if _, ok := idx[catalog.Key{Kind: kind, Schema: k.Schema, Name: k.Table}]; ok {
			return true
		}
	}
	return false
}

// isViewColumn reports whether k is a column of a view or materialized view.
func isViewColumn(k catalog.Key, idx map[catalog.Key]catalog.Object) bool {
	if k.Kind != catalog.KindColumn {
		return false
	}
	_, ok := idx[catalog.Key{Kind: catalog.KindTable, Schema: k.Schema, Name: k.Table}]
	return !ok
}

type changeKind int

const (
	addKind changeKind = iota
	dropKind
	modifyKind
)

// newChange builds the typed change for an object's value type.
func newChange(ck changeKind, from, to catalog.Object, f Flag) Change {
	v := to.Value
	if ck == dropKind {
		v = from.Value
	}
	switch v.(type) {
	case *catalog.Schema:
		return mk[*catalog.Schema](ck, from, to, f)
	case *catalog.Extension:
		return mk[*catalog.Extension](ck, from, to, f)
	case *catalog.Collation:
		return mk[*catalog.Collation](ck, from, to, f)
	case *catalog.TextSearchConfig:
		return mk[*catalog.TextSearchConfig](ck, from, to, f)
	case *catalog.TextSearchDict:
		return mk[*catalog.TextSearchDict](ck, from, to, f)
	case *catalog.Statistics:
		return mk[*catalog.Statistics](ck, from, to, f)
	case *catalog.Enum:
		return mk[*catalog.Enum](ck, from, to, f)
	case *catalog.Domain:
		return mk[*catalog.Domain](ck, from, to, f)
	case *catalog.CompositeType:
		return mk[*catalog.CompositeType](ck, from, to, f)
	case *catalog.RangeType:
		return mk[*catalog.RangeType](ck, from, to, f)
	case *catalog.Sequence:
		return mk[*catalog.Sequence](ck, from, to, f)
	case *catalog.Table:
		return mk[*catalog.Table](ck, from, to, f)
	case *catalog.Column:
		return mk[*catalog.Column](ck, from, to, f)
	case *catalog.Constraint:
		return mk[*catalog.Constraint](ck, from, to, f)
	case *catalog.Index:
		return mk[*catalog.Index](ck, from, to, f)
	case *catalog.Trigger:
		return mk[*catalog.Trigger](ck, from, to, f)
	case *catalog.Rule:
		return mk[*catalog.Rule](ck, from, to, f)
	case *catalog.Publication:
		return mk[*catalog.Publication](ck, from, to, f)
	case *catalog.Policy:
		return mk[*catalog.Policy](ck, from, to, f)
	case *catalog.View:
		return mk[*catalog.View](ck, from, to, f)
	case *catalog.Function:
		return mk[*catalog.Function](ck, from, to, f)
	case *catalog.Aggregate:
		return mk[*catalog.Aggregate](ck, from, to, f)
	case *catalog.EventTrigger:
		return mk[*catalog.EventTrigger](ck, from, to, f)
	case *catalog.DefaultPrivileges:
		return mk[*catalog.DefaultPrivileges](ck, from, to, f)
	}
	panic("diff: unknown object type")
}

func mk[T Value](ck changeKind, from, to catalog.Object, f Flag) Change {
	switch ck {
	case addKind:
		return &Add[T]{K: to.Key, Object: to.Value.(T)}
	case dropKind:
		return &Drop[T]{K: from.Key, Object: from.Value.(T)}
	}
	return &Modify[T]{K: to.Key, From: from.Value.(T), To: to.Value.(T), Flags: f}
}

// Flags returns the flags of a modification, and 0 for additions and
// removals.
func Flags(c Change) Flag {
	if m, ok := c.(interface{ flags() Flag }); ok {
		return m.flags()
	}
	return 0
}

func (c *Modify[T]) flags() Flag { return c.Flags }

// IsAdd reports whether c adds an object.
func IsAdd(c Change) bool { from, _ := c.Objects(); return from.Value == nil }

// IsDrop reports whether c removes an object.
func IsDrop(c Change) bool { _, to := c.Objects(); return to.Value == nil }
