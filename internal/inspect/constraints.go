package inspect

import (
	"github.com/pgfleet/pgfleet/internal/catalog"
)

// attachConstraints adds constraints to their tables, resolving column
// numbers to names and the backing index from the rows of the columns and
// indexes queries.
func (r *reader) attachConstraints(rels map[relKey]relation, ids *idMap) {
	attnames := make(map[objID]string, len(r.columns))
	for _, col := range r.columns {
		attnames[objID{classRelation, col.RelOID, col.Attnum}] = col.Name
	}
	indexes := make(map[uint32]*indexRow, len(r.indexes))
	for _, idx := range r.indexes {
		indexes[idx.OID] = idx
	}
	for _, con := range r.constraints {
		rel, ok := rels[relKey{con.Schema, con.TableName}]
		if !ok || rel.table == nil {
			continue
		}
		con.resolve(attnames, indexes)
		rel.table.Constraints = append(rel.table.Constraints, &con.Constraint)
		ids.add(classConstraint, con.OID, 0,
			subKey(catalog.KindConstraint, con.Schema, con.TableName, con.Name), &con.Meta)
	}
}

// resolve fills the constraint's derived fields.
func (con *constraintRow) resolve(attnames map[objID]string, indexes map[uint32]*indexRow) {
	con.Type = constraintTypes[con.Contype]
	con.Columns = names(attnames, con.RelOID, con.KeyAttnums)
	if idx, ok := indexes[con.IndexOID]; ok && con.Contype != "f" {
		con.Index = idx.Name
		con.NullsNotDistinct = idx.NullsNotDistinct && con.Contype == "u"
	}
	if con.Contype != "f" {
		return
	}
	con.OnUpdate = fkActions[con.UpdateAction]
	con.OnDelete = fkActions[con.DeleteAction]
	con.Match = fkMatch[con.MatchType]
}

func names(attnames map[objID]string, rel uint32, attnums []int) []string {
	if len(attnums) == 0 {
		return nil
	}
	out := make([]string, len(attnums))
	for i, n := range attnums {
		out[i] = attnames[objID{classRelation, rel, n}]
	}
	return out
}

var constraintTypes = map[string]string{
	"p": catalog.ConstraintPrimaryKey,
	"u": catalog.ConstraintUnique,
	"f": catalog.ConstraintForeignKey,
	"c": catalog.ConstraintCheck,
	"x": catalog.ConstraintExclusion,
}

var fkActions = map[string]string{
	"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default",
}

var fkMatch = map[string]string{"s": "simple", "f": "full", "p": "partial"}
