package model

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// role says what the loader does with a statement.
type role int

const (
	roleApply   role = iota // apply to the scratch database
	roleSession             // a session setting (SET, set_config) for the statements after it
	roleSkip                // ignore (pg_dump's \restrict and \unrestrict)
	roleReject              // does not belong in a declarative model
)

// declarative lists the statement types a schema model may contain:
// definitions and everything pg_dump --schema-only emits.
var declarative = map[string]bool{
	"CreateSchemaStmt": true, "CreateExtensionStmt": true, "AlterExtensionStmt": true,
	"CreateStmt": true, "CreateForeignTableStmt": true, "AlterTableStmt": true,
	"IndexStmt": true, "ViewStmt": true, "CreateTableAsStmt": true,
	"CreateFunctionStmt": true, "AlterFunctionStmt": true, "DefineStmt": true,
	"CreateEnumStmt": true, "AlterEnumStmt": true, "CreateRangeStmt": true,
	"CompositeTypeStmt": true, "CreateDomainStmt": true, "AlterDomainStmt": true,
	"CreateSeqStmt": true, "AlterSeqStmt": true, "CreateTrigStmt": true,
	"CreatePolicyStmt": true, "AlterPolicyStmt": true, "RuleStmt": true,
	"CreateEventTrigStmt": true, "AlterEventTrigStmt": true,
	"CommentStmt": true, "GrantStmt": true, "AlterDefaultPrivilegesStmt": true,
	"AlterOwnerStmt": true, "CreateCastStmt": true, "CreateOpClassStmt": true,
	"CreateOpFamilyStmt": true, "AlterOpFamilyStmt": true, "AlterOperatorStmt": true,
	"CreateConversionStmt": true, "CreateStatsStmt": true, "AlterStatsStmt": true,
	"CreateTransformStmt": true, "CreatePlangStmt": true, "CreateAmStmt": true,
	"AlterTsconfigurationStmt": true, "AlterTsdictionaryStmt": true, "AlterCollationStmt": true,
	"AlterFdwStmt": true, "AlterForeignServerStmt": true, "AlterUserMappingStmt": true,
	"CreateFdwStmt": true, "CreateForeignServerStmt": true, "CreateUserMappingStmt": true,
	"ImportForeignSchemaStmt": true, "CreatePublicationStmt": true,
	"AlterPublicationStmt": true, "SecLabelStmt": true, "AlterTypeStmt": true,
	// DO blocks run in the scratch database like any statement; models
	// use them for conditional definitions (e.g. C functions where
	// permitted). Objects they create get no position of their own.
	"DoStmt": true,
}

// rejected explains, per statement type, why it does not belong in a
// model and what to do instead.
var rejected = map[string]string{
	"InsertStmt":            "INSERT changes data, not schema; move it to a migration or a post-deployment script",
	"UpdateStmt":            "UPDATE changes data, not schema; move it to a migration or a post-deployment script",
	"DeleteStmt":            "DELETE changes data, not schema; move it to a migration or a post-deployment script",
	"MergeStmt":             "MERGE changes data, not schema; move it to a migration or a post-deployment script",
	"TruncateStmt":          "TRUNCATE changes data, not schema; move it to a migration or a post-deployment script",
	"CopyStmt":              "COPY loads data, not schema; move it to a migration or a post-deployment script",
	"DropStmt":              "DROP does not belong in a declarative model; to remove an object, delete its CREATE statement",
	"RenameStmt":            "RENAME does not belong in a declarative model; write the object under its new name in its CREATE statement",
	"TransactionStmt":       "transaction control does not belong in a model (pgfleet applies each statement itself); delete it",
	"AlterObjectSchemaStmt": "SET SCHEMA moves an object; write it in its new schema in its CREATE statement",
	"CallStmt":              "CALL runs code; move it to a migration or a post-deployment script",
	"CreateRoleStmt":        "roles are cluster-wide, not part of a database schema; create them outside the model",
	"CreatedbStmt":          "CREATE DATABASE does not belong in a schema model; the model describes one database's schema",
	"VacuumStmt":            "maintenance commands do not belong in a schema model; delete it",
	"GrantRoleStmt":         "role membership is cluster-wide, not part of a database schema; grant it outside the model",
	"AlterRoleStmt":         "roles are cluster-wide, not part of a database schema; alter them outside the model",
	"SelectStmt": "SELECT does not belong in a schema model (only SELECT pg_catalog.set_config(...) as pg_dump emits is accepted; " +
		"setval sets sequence data); move it to a migration or a post-deployment script",
}

// classify decides what the loader does with a statement; for a rejected
// statement it also returns the message explaining why and what to do.
func classify(st *sqlsplit.Statement) (role, string) {
	if st.Meta != "" {
		switch st.Meta {
		case "restrict", "unrestrict":
			return roleSkip, "" // pg_dump's guard against malicious servers
		case ".":
			return roleSkip, "" // COPY data: the COPY statement itself is reported
		}
		return roleReject, "psql meta-command \\" + st.Meta + " does not belong in a schema model of plain SQL files; delete the line"
	}
	typ := st.Type()
	if kind := unmanaged(st); kind != "" {
		return roleReject, unmanagedMessage(kind)
	}
	switch {
	case declarative[typ]:
		return roleApply, ""
	case typ == "VariableSetStmt":
		return roleSession, ""
	case typ == "SelectStmt" && isSetConfig(st.Node.GetSelectStmt()):
		return roleSession, ""
	}
	if msg, ok := rejected[typ]; ok {
		return roleReject, msg
	}
	verb := strings.TrimSuffix(typ, "Stmt")
	return roleReject, verb + " statements do not belong in a schema model, which holds only declarative DDL " +
		"(CREATE, ALTER, COMMENT ON, GRANT/REVOKE, ALTER DEFAULT PRIVILEGES, SET); move it to a migration"
}

// isSetConfig reports whether a SELECT only calls set_config, as pg_dump
// emits: SELECT pg_catalog.set_config('search_path', ”, false).
func isSetConfig(s *pg_query.SelectStmt) bool {
	if s == nil || len(s.TargetList) != 1 || len(s.FromClause) > 0 || s.WhereClause != nil {
		return false
	}
	call := s.TargetList[0].GetResTarget().GetVal().GetFuncCall()
	if call == nil {
		return false
	}
	names := make([]string, 0, len(call.Funcname))
	for _, n := range call.Funcname {
		names = append(names, n.GetString_().GetSval())
	}
	name := strings.Join(names, ".")
	return name == "set_config" || name == "pg_catalog.set_config"
}
