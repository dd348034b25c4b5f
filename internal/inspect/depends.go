package inspect

import (
	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// OIDs of the system catalogs objects live in, fixed by PostgreSQL's
// catalog headers (RelationRelationId ...) and equal on every version.
const (
	classType         uint32 = 1247
	classProc         uint32 = 1255
	classRelation     uint32 = 1259
	classAttrDef      uint32 = 2604
	classConstraint   uint32 = 2606
	classNamespace    uint32 = 2615
	classRewrite      uint32 = 2618
	classTrigger      uint32 = 2620
	classExtension    uint32 = 3079
	classPolicy       uint32 = 3256
	classCollation    uint32 = 3456
	classTSConfig     uint32 = 3602
	classTSDict       uint32 = 3600
	classStatistics   uint32 = 3381
	classPublication  uint32 = 6104
	classEventTrigger uint32 = 3466
)

// objID identifies an object by catalog, OID and sub-id (column number).
type objID struct {
	class, oid uint32
	sub        int
}

// entry is an object found by an inspection query. An alias entry stands
// for an object under another identity (a type's array type, a table's row
// type, a domain's constraint): it resolves dependencies, not comments.
type entry struct {
	key   catalog.Key
	meta  *catalog.Meta
	alias bool
}

// idMap resolves pg_depend and pg_description rows to catalog objects.
type idMap struct{ m map[objID]entry }

func newIDMap() *idMap { return &idMap{m: make(map[objID]entry)} }

func (ids *idMap) add(class, oid uint32, sub int, k catalog.Key, m *catalog.Meta) {
	ids.m[objID{class, oid, sub}] = entry{key: k, meta: m}
}

func (ids *idMap) alias(class, oid uint32, sub int, k catalog.Key, m *catalog.Meta) {
	if oid != 0 {
		ids.m[objID{class, oid, sub}] = entry{key: k, meta: m, alias: true}
	}
}

// addType registers a type, and its array type as an alias.
func (ids *idMap) addType(oid, arrayOID uint32, k catalog.Key, m *catalog.Meta) {
	ids.add(classType, oid, 0, k, m)
	ids.alias(classType, arrayOID, 0, k, m)
}

// lookup finds an object; a column not in the catalog (of a composite
// type, say) falls back to its relation.
func (ids *idMap) lookup(id objID) (entry, bool) {
	if e, ok := ids.m[id]; ok {
		return e, true
	}
	if id.sub != 0 {
		id.sub = 0
		e, ok := ids.m[id]
		return e, ok
	}
	return entry{}, false
}

// comment sets the comments of the objects in the catalog.
func (ids *idMap) comment(rows []*commentRow) {
	for _, c := range rows {
		if e, ok := ids.m[objID{c.Class, c.OID, c.Sub}]; ok && !e.alias {
			e.meta.Comment = c.Comment
		}
	}
}

// resolve records each dependency between two catalog objects on the
// dependent object's DependsOn, after standing rewrite rules for their
// view, column defaults for their column and extension members for their
// extension. Left out: self edges, edges from a sub-object to its own
// relation, and a sequence's OWNED BY edge to its column (kept in
// Sequence.OwnedBy; as an edge it would form a cycle with the column
// default using the sequence).
func (ids *idMap) resolve(rows []*dependRow) {
	standIn := make(map[objID]objID)
	for _, d := range rows {
		if d.Kind != "d" {
			standIn[objID{d.Class, d.OID, d.Sub}] = objID{d.RefClass, d.RefOID, d.RefSub}
		}
	}
	norm := func(id objID) objID {
		if s, ok := standIn[objID{id.class, id.oid, 0}]; ok {
			return s
		}
		return id
	}
	for _, d := range rows {
		if d.Kind != "d" {
			continue
		}
		from, ok := ids.lookup(norm(objID{d.Class, d.OID, d.Sub}))
		if !ok {
			continue
		}
		to, ok := ids.lookup(norm(objID{d.RefClass, d.RefOID, d.RefSub}))
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

// scanDepends stores the rows of the depends query. It scans by position:
// the query returns tens of thousands of rows on large schemas, where
// scanning by name costs more than the query.
func scanDepends(rows pgx.Rows, r *reader) error {
	defer rows.Close()
	for rows.Next() {
		d := &dependRow{}
		if err := rows.Scan(&d.Kind, &d.Class, &d.OID, &d.Sub, &d.RefClass, &d.RefOID, &d.RefSub); err != nil {
			return err
		}
		r.depends = append(r.depends, d)
	}
	return rows.Err()
}
