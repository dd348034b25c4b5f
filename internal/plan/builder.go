package plan

import (
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// phase orders the kinds of work on one object: drops first, then
// detaching dependencies (a default dropped before its function goes),
// in-place alterations, creations, and attachments made once everything
// exists (a sequence's OWNED BY).
type phase int

const (
	phaseDrop phase = iota
	phaseDetach
	phaseAlter
	phaseCreate
	phaseAttach
)

// stmt is one rendered statement of a node.
type stmt struct {
	sql     string
	desc    string
	hazards []Hazard
	nonTx   bool
}

// node is the work of one phase on one object: a vertex of the ordering
// graph.
type node struct {
	phase  phase
	key    catalog.Key
	change diff.Change
	stmts  []stmt
	out    []*node
	indeg  int
	rank   int
	pos    int // a column's position, so columns are added in order
	done   bool
}

type nodeID struct {
	phase phase
	key   catalog.Key
}

// builder holds the state of one Build call.
type builder struct {
	from, to       *catalog.Catalog
	fromIdx, toIdx map[catalog.Key]catalog.Object
	fromRev        map[catalog.Key][]catalog.Key
	opts           Options
	changes        map[catalog.Key]diff.Change
	drop, create   map[catalog.Key]bool
	alter          map[catalog.Key]diff.Change
	typeChanged    []catalog.Key
	resetDefault   map[catalog.Key]bool
	swap           map[catalog.Key]bool          // enums recreated under their columns
	swapUsers      map[catalog.Key][]catalog.Key // columns retyped to a swapped enum
	retype         map[catalog.Key]bool          // columns retyped to a recreated enum
	enums          map[string]bool               // qualified names of enums on either side
	queued         map[catalog.Key]bool
	nodes          map[nodeID]*node
	list           []*node
}

func newBuilder(from, to *catalog.Catalog, opts Options) *builder {
	b := &builder{
		from: from, to: to, opts: opts,
		fromIdx: from.Index(), toIdx: to.Index(),
		changes:      map[catalog.Key]diff.Change{},
		drop:         map[catalog.Key]bool{},
		create:       map[catalog.Key]bool{},
		alter:        map[catalog.Key]diff.Change{},
		resetDefault: map[catalog.Key]bool{},
		swap:         map[catalog.Key]bool{},
		swapUsers:    map[catalog.Key][]catalog.Key{},
		retype:       map[catalog.Key]bool{},
		enums:        map[string]bool{},
		nodes:        map[nodeID]*node{},
	}
	for _, c := range []*catalog.Catalog{from, to} {
		for _, e := range c.Enums {
			b.enums[qname(e.Schema, e.Name)] = true
		}
	}
	return b
}

// reverseDeps maps each object to the objects depending on it.
func reverseDeps(idx map[catalog.Key]catalog.Object) map[catalog.Key][]catalog.Key {
	rev := make(map[catalog.Key][]catalog.Key)
	for k, o := range idx {
		for _, d := range structuralDeps(idx, o) {
			rev[d] = append(rev[d], k)
		}
		for _, d := range o.Meta.DependsOn {
			rev[d] = append(rev[d], k)
		}
	}
	for _, ks := range rev {
		sortKeys(ks)
	}
	return rev
}

// classify sorts each change into drops, creations and in-place
// alterations, and rejects changes that cannot be made safely.
func (b *builder) classify(changes []diff.Change) error {
	for _, c := range changes {
		k := c.Key()
		b.changes[k] = c
		switch {
		case diff.IsAdd(c):
			b.create[k] = true
		case diff.IsDrop(c):
			b.drop[k] = true
		default:
			re, err := b.needsRecreate(c)
			if err != nil {
				return err
			}
			if re {
				b.drop[k], b.create[k] = true, true
				continue
			}
			b.alter[k] = c
			if diff.Flags(c).Any(diff.ColumnType | diff.ColumnCollation) {
				b.typeChanged = append(b.typeChanged, k)
			}
		}
	}
	return b.checkColumnOrder()
}

// propagate drops and recreates what depends on a dropped or recreated
// object (and on a column whose type changes), transitively.
func (b *builder) propagate() error {
	work := make([]catalog.Key, 0, len(b.drop)+len(b.typeChanged))
	for k := range b.drop {
		work = append(work, k)
	}
	sortKeys(work)
	work = append(work, b.typeChanged...)
	if len(work) > 0 {
		b.fromRev = reverseDeps(b.fromIdx)
	}
	for len(work) > 0 {
		k := work[0]
		work = work[1:]
		if ix, ok := b.backingIndex(k); ok && !b.drop[ix] {
			// The index goes with its constraint, and what depends on
			// it (foreign keys) must follow.
			b.drop[ix] = true
			if _, inTo := b.toIdx[ix]; inTo {
				b.create[ix] = true
			}
			work = append(work, ix)
		}
		for _, d := range b.dependents(k) {
			added, err := b.bringAlong(k, d)
			if err != nil {
				return err
			}
			if added {
				work = append(work, d)
			}
		}
	}
	return nil
}

// backingIndex returns the key of the index behind a dropped primary
// key, unique or exclusion constraint.
func (b *builder) backingIndex(k catalog.Key) (catalog.Key, bool) {
	if k.Kind != catalog.KindConstraint || !b.drop[k] {
		return catalog.Key{}, false
	}
	c, ok := b.fromIdx[k].Value.(*catalog.Constraint)
	if !ok || c.Index == "" {
		return catalog.Key{}, false
	}
	ix := catalog.Key{Kind: catalog.KindIndex, Schema: k.Schema, Table: k.Table, Name: c.Index}
	_, ok = b.fromIdx[ix]
	return ix, ok
}

// dependents lists what depends on k in the source catalog, including the
// sub-objects of a relation.
func (b *builder) dependents(k catalog.Key) []catalog.Key {
	out := b.fromRev[k]
	if o, ok := b.fromIdx[k]; ok && b.drop[k] {
		var cols []*catalog.Column
		switch v := o.Value.(type) {
		case *catalog.Table:
			cols = v.Columns
		case *catalog.View:
			cols = v.Columns
		}
		for _, c := range cols {
			out = append(out, b.fromRev[catalog.Key{Kind: catalog.KindColumn, Schema: k.Schema, Table: k.Name, Name: c.Name}]...)
		}
	}
	return out
}

// bringAlong makes dependent d follow the drop (or type change) of k.
// It reports whether d is newly dropped.
func (b *builder) bringAlong(k, d catalog.Key) (bool, error) {
	if b.drop[d] {
		return false, nil
	}
	o, inTo := b.toIdx[d]
	if !inTo {
		return false, nil
	}
	switch d.Kind {
	case catalog.KindColumn:
		return b.columnFollows(k, d, o)
	case catalog.KindTable, catalog.KindSequence, catalog.KindSchema, catalog.KindExtension:
		return false, nil
	}
	b.drop[d], b.create[d] = true, true
	delete(b.alter, d)
	return true, nil
}

// columnFollows handles a table column depending on a dropped or
// recreated object: a default is dropped first and set again after; a
// column whose type must be recreated cannot follow.
// It reports whether d's own dependents must follow in turn (a column
// retyped to a recreated enum).
func (b *builder) columnFollows(k, d catalog.Key, o catalog.Object) (bool, error) {
	col := o.Value.(*catalog.Column)
	if _, isTable := b.toIdx[catalog.Key{Kind: catalog.KindTable, Schema: d.Schema, Name: d.Table}]; !isTable {
		return false, nil // a view column follows its view
	}
	if k.Kind == catalog.KindColumn && k.Table == d.Table && k.Schema == d.Schema {
		if col.Generated != "" && b.alter[k] != nil {
			return false, fmt.Errorf("planning %s: its generation expression uses %s, whose type changes; "+
				"PostgreSQL cannot change it in place: drop the generated column in one deployment and add it back in the next", d, k)
		}
		return false, nil
	}
	if !b.create[k] {
		return false, nil // a dropped object: the column's own alteration removes the use
	}
	old := b.fromIdx[d].Value.(*catalog.Column)
	if col.Generated == "" && !typeMentions(old.Type, k) && !typeMentions(col.Type, k) {
		b.resetDefault[d] = true
		return false, nil
	}
	if !typeMentions(col.Type, k) {
		return false, nil // the column's own type change moves it off k
	}
	if k.Kind == catalog.KindEnum && col.Generated == "" && typeMentions(col.Type, k) {
		b.swap[k] = true
		b.swapUsers[k] = append(b.swapUsers[k], d)
		b.retype[d] = true
		if old.Default != "" {
			b.resetDefault[d] = true
		}
		return !b.retyped(d), nil
	}
	return false, fmt.Errorf("planning %s: %s must be dropped and recreated to change, and column %s uses it; "+
		"pgfleet never drops a column to recreate a type: make the change in steps (add a new type, migrate the column, drop the old type)", k, k, d)
}

// retyped reports whether column d was already queued for a retype (and
// its dependents with it), marking it queued.
func (b *builder) retyped(d catalog.Key) bool {
	if b.queued == nil {
		b.queued = map[catalog.Key]bool{}
	}
	was := b.queued[d]
	b.queued[d] = true
	return was
}

// viaText reports whether a column's type change must cast through text:
// from or to an enum, or to an enum recreated under it.
func (b *builder) viaText(from, to catalog.Object) bool {
	if b.retype[to.Key] {
		return true
	}
	a, ok1 := from.Value.(*catalog.Column)
	z, ok2 := to.Value.(*catalog.Column)
	if !ok1 || !ok2 || a.Type == z.Type {
		return false
	}
	return b.enums[strings.TrimSuffix(a.Type, "[]")] || b.enums[strings.TrimSuffix(z.Type, "[]")]
}

// typeMentions reports whether a column type text names the type k.
func typeMentions(typ string, k catalog.Key) bool {
	return strings.Contains(typ, qname(k.Schema, k.Name))
}

func (b *builder) isRelation(k catalog.Key) bool {
	switch k.Kind {
	case catalog.KindTable, catalog.KindView, catalog.KindMaterializedView:
		return true
	}
	return false
}
