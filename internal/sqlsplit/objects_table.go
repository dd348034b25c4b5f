package sqlsplit

import (
	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// createTable describes a table with its columns and named constraints.
func createTable(s *pg_query.CreateStmt, kind Kind) []Object {
	t := rangeVarObject(kind, s.Relation)
	objs := []Object{t}
	sub := func(k Kind, name string, loc int32) {
		objs = append(objs, Object{Kind: k, Schema: t.Schema, Table: t.Name, Name: name, offset: int(loc)})
	}
	for _, e := range s.TableElts {
		if cd := e.GetColumnDef(); cd != nil {
			sub(KindColumn, cd.Colname, cd.Location)
			for _, c := range cd.Constraints {
				if con := c.GetConstraint(); con != nil && con.Conname != "" {
					sub(KindConstraint, con.Conname, con.Location)
				}
			}
		}
		if con := e.GetConstraint(); con != nil && con.Conname != "" {
			sub(KindConstraint, con.Conname, con.Location)
		}
	}
	return with(ActionCreate, objs...)
}

// alterTable describes ALTER TABLE (and ALTER INDEX, VIEW, SEQUENCE ...):
// added columns and constraints are created, anything else alters the
// relation.
func alterTable(s *pg_query.AlterTableStmt) []Object {
	rel := rangeVarObject(kindOf(s.Objtype), s.Relation)
	var objs []Object
	altered := false
	for _, c := range s.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd == nil {
			continue
		}
		switch cmd.Subtype {
		case pg_query.AlterTableType_AT_AddConstraint:
			con := cmd.Def.GetConstraint()
			objs = append(objs, Object{Kind: KindConstraint, Action: ActionCreate, Schema: rel.Schema,
				Table: rel.Name, Name: con.GetConname(), offset: int(con.GetLocation())})
		case pg_query.AlterTableType_AT_AddColumn:
			cd := cmd.Def.GetColumnDef()
			objs = append(objs, Object{Kind: KindColumn, Action: ActionCreate, Schema: rel.Schema,
				Table: rel.Name, Name: cd.GetColname(), offset: int(cd.GetLocation())})
		default:
			altered = true
		}
	}
	if altered || len(objs) == 0 {
		rel.Action = ActionAlter
		objs = append(objs, rel)
	}
	return objs
}

// grantObjects describes the objects of GRANT / REVOKE ... ON objects.
func grantObjects(s *pg_query.GrantStmt) []Object {
	if s.Targtype != pg_query.GrantTargetType_ACL_TARGET_OBJECT {
		return nil
	}
	objs := make([]Object, 0, len(s.Objects))
	for _, n := range s.Objects {
		objs = append(objs, genericObject(s.Objtype, n))
	}
	return with(ActionGrant, objs...)
}

// genericObject describes an object given as an ObjectType and the node
// naming it, as COMMENT ON, OWNER TO and GRANT do.
func genericObject(t pg_query.ObjectType, n *pg_query.Node) Object {
	kind := kindOf(t)
	if t == pg_query.ObjectType_OBJECT_TABLE || t == pg_query.ObjectType_OBJECT_FOREIGN_TABLE {
		kind = KindTable // GRANT ON TABLE also covers views and sequences
	}
	switch v := n.GetNode().(type) {
	case *pg_query.Node_String_:
		return Object{Kind: kind, Name: v.String_.Sval}
	case *pg_query.Node_RangeVar:
		return rangeVarObject(kind, v.RangeVar)
	case *pg_query.Node_ObjectWithArgs:
		return objectWithArgs(kind, v.ObjectWithArgs)
	case *pg_query.Node_TypeName:
		return namesObject(kind, v.TypeName.Names)
	case *pg_query.Node_List:
		switch t {
		case pg_query.ObjectType_OBJECT_COLUMN, pg_query.ObjectType_OBJECT_TABCONSTRAINT,
			pg_query.ObjectType_OBJECT_TRIGGER, pg_query.ObjectType_OBJECT_POLICY,
			pg_query.ObjectType_OBJECT_RULE:
			return subObject(kind, v.List.Items)
		}
		return namesObject(kind, v.List.Items)
	}
	return Object{Kind: kind}
}
