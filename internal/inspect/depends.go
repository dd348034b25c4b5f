package inspect

import (
	"github.com/pgfleet/pgfleet/internal/catalog"
)

// objID identifies an object by catalog, OID and sub-id (column number).
type objID struct {
	class string
	oid   uint32
	sub   int
}

// entry is an object found by an inspection query.
type entry struct {
	key  catalog.Key
	meta *catalog.Meta
}

// idMap resolves pg_depend rows to catalog keys.
type idMap struct{ m map[objID]entry }

func newIDMap() *idMap { return &idMap{m: make(map[objID]entry)} }

func (ids *idMap) add(class string, oid uint32, sub int, k catalog.Key, m *catalog.Meta) {
	ids.m[objID{class, oid, sub}] = entry{k, m}
}

// addType registers a type and its array type under the same key.
func (ids *idMap) addType(oid, arrayOID uint32, k catalog.Key, m *catalog.Meta) {
	ids.add("pg_type", oid, 0, k, m)
	if arrayOID != 0 {
		ids.add("pg_type", arrayOID, 0, k, m)
	}
}

// lookup finds an object; a column not in the catalog falls back to its
// relation.
func (ids *idMap) lookup(class string, oid uint32, sub int) (entry, bool) {
	if e, ok := ids.m[objID{class, oid, sub}]; ok {
		return e, true
	}
	if sub != 0 {
		e, ok := ids.m[objID{class, oid, 0}]
		return e, ok
	}
	return entry{}, false
}

// resolve records each dependency between two catalog objects on the
// dependent object's DependsOn. Left out: self edges, edges from a
// sub-object to its own relation, and a sequence's OWNED BY edge to its
// column (kept in Sequence.OwnedBy; as an edge it would form a cycle with
// the column default using the sequence).
func (ids *idMap) resolve(rows []*dependRow) {
	for _, d := range rows {
		from, ok := ids.lookup(d.Class, d.OID, d.Sub)
		if !ok {
			continue
		}
		to, ok := ids.lookup(d.RefClass, d.RefOID, d.RefSub)
		if !ok || from.key == to.key || isParent(from.key, to.key) {
			continue
		}
		if from.key.Kind == catalog.KindSequence && to.key.Kind == catalog.KindColumn {
			continue
		}
		from.meta.DependsOn = append(from.meta.DependsOn, to.key)
	}
}

// isParent reports whether rel is the relation owning sub.
func isParent(sub, rel catalog.Key) bool {
	return sub.Table != "" && rel.Table == "" && sub.Schema == rel.Schema && sub.Table == rel.Name
}
