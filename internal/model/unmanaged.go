package model

import (
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// unmanagedKinds names, per object type, the object kinds a schema model
// may not declare because the catalog does not hold them: pgfleet would
// never deploy them, compare them or see them drift.
var unmanagedKinds = map[pg_query.ObjectType]string{
	pg_query.ObjectType_OBJECT_FOREIGN_TABLE:  "foreign tables",
	pg_query.ObjectType_OBJECT_FDW:            "foreign-data wrappers",
	pg_query.ObjectType_OBJECT_FOREIGN_SERVER: "foreign servers",
	pg_query.ObjectType_OBJECT_USER_MAPPING:   "user mappings",
	pg_query.ObjectType_OBJECT_CAST:           "casts",
	pg_query.ObjectType_OBJECT_OPERATOR:       "operators",
	pg_query.ObjectType_OBJECT_OPCLASS:        "operator classes",
	pg_query.ObjectType_OBJECT_OPFAMILY:       "operator families",
	pg_query.ObjectType_OBJECT_CONVERSION:     "conversions",
	pg_query.ObjectType_OBJECT_TRANSFORM:      "transforms",
	pg_query.ObjectType_OBJECT_LANGUAGE:       "procedural languages",
	pg_query.ObjectType_OBJECT_ACCESS_METHOD:  "access methods",
	pg_query.ObjectType_OBJECT_TSPARSER:       "text search parsers",
	pg_query.ObjectType_OBJECT_TSTEMPLATE:     "text search templates",
}

// unmanagedStatements maps statement types that only ever define an
// unmanaged kind to that kind's object type.
var unmanagedStatements = map[string]pg_query.ObjectType{
	"CreateForeignTableStmt":  pg_query.ObjectType_OBJECT_FOREIGN_TABLE,
	"ImportForeignSchemaStmt": pg_query.ObjectType_OBJECT_FOREIGN_TABLE,
	"CreateFdwStmt":           pg_query.ObjectType_OBJECT_FDW,
	"AlterFdwStmt":            pg_query.ObjectType_OBJECT_FDW,
	"CreateForeignServerStmt": pg_query.ObjectType_OBJECT_FOREIGN_SERVER,
	"AlterForeignServerStmt":  pg_query.ObjectType_OBJECT_FOREIGN_SERVER,
	"CreateUserMappingStmt":   pg_query.ObjectType_OBJECT_USER_MAPPING,
	"AlterUserMappingStmt":    pg_query.ObjectType_OBJECT_USER_MAPPING,
	"CreateCastStmt":          pg_query.ObjectType_OBJECT_CAST,
	"AlterOperatorStmt":       pg_query.ObjectType_OBJECT_OPERATOR,
	"CreateOpClassStmt":       pg_query.ObjectType_OBJECT_OPCLASS,
	"CreateOpFamilyStmt":      pg_query.ObjectType_OBJECT_OPFAMILY,
	"AlterOpFamilyStmt":       pg_query.ObjectType_OBJECT_OPFAMILY,
	"CreateConversionStmt":    pg_query.ObjectType_OBJECT_CONVERSION,
	"CreateTransformStmt":     pg_query.ObjectType_OBJECT_TRANSFORM,
	"CreatePlangStmt":         pg_query.ObjectType_OBJECT_LANGUAGE,
	"CreateAmStmt":            pg_query.ObjectType_OBJECT_ACCESS_METHOD,
}

// unmanaged returns the kind of object st defines, comments on, grants on
// or gives an owner when pgfleet does not manage that kind, and "" when it
// does. Security labels are never managed.
func unmanaged(st *sqlsplit.Statement) string {
	n := st.Node
	typ := st.Type()
	if ot, ok := unmanagedStatements[typ]; ok {
		return unmanagedKinds[ot]
	}
	switch {
	case typ == "SecLabelStmt":
		return "security labels"
	case n.GetDefineStmt() != nil:
		return definedKind(n.GetDefineStmt())
	case n.GetCommentStmt() != nil:
		return unmanagedKinds[n.GetCommentStmt().Objtype]
	case n.GetAlterOwnerStmt() != nil:
		return unmanagedKinds[n.GetAlterOwnerStmt().ObjectType]
	case n.GetGrantStmt() != nil:
		return unmanagedKinds[n.GetGrantStmt().Objtype]
	case n.GetAlterTableStmt() != nil:
		return unmanagedKinds[n.GetAlterTableStmt().Objtype]
	}
	return ""
}

// definedKind is the unmanaged kind a CREATE of the DefineStmt family
// (CREATE AGGREGATE, OPERATOR, TYPE, COLLATION, TEXT SEARCH ...) makes.
// Base and shell types (CREATE TYPE name (INPUT = ...), CREATE TYPE name)
// are unmanaged too: they need C functions a model cannot hold.
func definedKind(d *pg_query.DefineStmt) string {
	if d.Kind == pg_query.ObjectType_OBJECT_TYPE {
		return "base types"
	}
	return unmanagedKinds[d.Kind]
}

// unmanagedMessage explains why a statement of an unmanaged kind is not
// accepted and what to do with it.
func unmanagedMessage(kind string) string {
	return "pgfleet does not manage " + kind + " yet: the model's catalog would not hold this object, so it would never be " +
		"deployed, compared or checked for drift; remove it from the schema model and create it with a migration " +
		"(migrations/) or a post-deployment script"
}
