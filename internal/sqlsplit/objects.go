package sqlsplit

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// Kind is the kind of object a statement defines, in PostgreSQL's words:
// "table", "index", "function", "materialized view", "constraint", ...
type Kind string

// Kinds of objects statements define or alter.
const (
	KindSchema           Kind = "schema"
	KindExtension        Kind = "extension"
	KindTable            Kind = "table"
	KindForeignTable     Kind = "foreign table"
	KindColumn           Kind = "column"
	KindConstraint       Kind = "constraint"
	KindIndex            Kind = "index"
	KindView             Kind = "view"
	KindMaterializedView Kind = "materialized view"
	KindSequence         Kind = "sequence"
	KindFunction         Kind = "function"
	KindProcedure        Kind = "procedure"
	KindAggregate        Kind = "aggregate"
	KindTrigger          Kind = "trigger"
	KindPolicy           Kind = "policy"
	KindRule             Kind = "rule"
	KindType             Kind = "type"
	KindDomain           Kind = "domain"
	KindCollation        Kind = "collation"
	KindTextSearchConfig Kind = "text search configuration"
	KindTextSearchDict   Kind = "text search dictionary"
	KindStatistics       Kind = "statistics"
	KindPublication      Kind = "publication"
	KindEventTrigger     Kind = "event trigger"
)

// Action says what a statement does to an object.
type Action string

// Actions a statement can take on an object.
const (
	ActionCreate  Action = "create"  // CREATE (or ADD COLUMN / ADD CONSTRAINT)
	ActionAlter   Action = "alter"   // any other ALTER
	ActionComment Action = "comment" // COMMENT ON
	ActionGrant   Action = "grant"   // GRANT or REVOKE
	ActionOwner   Action = "owner"   // ALTER ... OWNER TO
)

// Object is an object a statement defines or alters, named as written
// (unqualified names have an empty Schema: the search_path decides).
type Object struct {
	Kind   Kind
	Action Action
	Schema string
	Name   string
	// Table is the table (or view) of a sub-object: column, constraint,
	// trigger, policy, rule, index.
	Table string
	// Args are a routine's identifying argument types, each rendered by
	// TypeNameSQL; nil for other kinds.
	Args []string
	// Line and Column locate the object's definition in the file: the
	// statement's start, or the sub-object's own clause inside it.
	Line, Column int
	offset       int // byte offset of the object's name when known, else 0
}

// objectsOf lists what a statement defines or alters, positioned; base is
// the offset the statement's parse-tree locations are relative to.
func (f *File) objectsOf(st *Statement, base int) []Object {
	objs := describe(st.Node)
	for i := range objs {
		off := st.Offset
		if objs[i].offset > 0 && base+objs[i].offset > st.Offset {
			off = base + objs[i].offset
		}
		objs[i].Line, objs[i].Column = f.Position(off)
		objs[i].offset = 0
	}
	return objs
}

// describe derives objects from one statement's parse tree.
func describe(n *pg_query.Node) []Object {
	switch {
	case n.GetCreateStmt() != nil:
		return createTable(n.GetCreateStmt(), KindTable)
	case n.GetCreateForeignTableStmt() != nil:
		return createTable(n.GetCreateForeignTableStmt().BaseStmt, KindForeignTable)
	case n.GetAlterTableStmt() != nil:
		return alterTable(n.GetAlterTableStmt())
	case n.GetCommentStmt() != nil:
		c := n.GetCommentStmt()
		return with(ActionComment, genericObject(c.Objtype, c.Object))
	case n.GetAlterOwnerStmt() != nil:
		a := n.GetAlterOwnerStmt()
		if a.Relation != nil {
			return with(ActionOwner, rangeVarObject(kindOf(a.ObjectType), a.Relation))
		}
		return with(ActionOwner, genericObject(a.ObjectType, a.Object))
	case n.GetGrantStmt() != nil:
		return grantObjects(n.GetGrantStmt())
	}
	if o, ok := describeCreate(n); ok {
		return with(ActionCreate, o)
	}
	if o, ok := describeAlter(n); ok {
		return with(ActionAlter, o)
	}
	return nil
}

// with sets the action of objects and returns them as a list.
func with(a Action, objs ...Object) []Object {
	for i := range objs {
		objs[i].Action = a
	}
	return objs
}

// describeCreate describes the object a CREATE statement defines.
func describeCreate(n *pg_query.Node) (Object, bool) {
	switch s := n.Node.(type) {
	case *pg_query.Node_IndexStmt:
		o := rangeVarObject(KindIndex, s.IndexStmt.Relation)
		o.Table, o.Name = o.Name, s.IndexStmt.Idxname
		return o, true
	case *pg_query.Node_ViewStmt:
		return rangeVarObject(KindView, s.ViewStmt.View), true
	case *pg_query.Node_CreateTableAsStmt:
		return rangeVarObject(kindOf(s.CreateTableAsStmt.Objtype), s.CreateTableAsStmt.Into.GetRel()), true
	case *pg_query.Node_CreateFunctionStmt:
		return createFunction(s.CreateFunctionStmt), true
	case *pg_query.Node_DefineStmt:
		return defineObject(s.DefineStmt), true
	case *pg_query.Node_CreatePublicationStmt:
		return Object{Kind: KindPublication, Name: s.CreatePublicationStmt.Pubname}, true
	case *pg_query.Node_CreateStatsStmt:
		return namesObject(KindStatistics, s.CreateStatsStmt.Defnames), true
	case *pg_query.Node_CreateTrigStmt:
		o := rangeVarObject(KindTrigger, s.CreateTrigStmt.Relation)
		o.Table, o.Name = o.Name, s.CreateTrigStmt.Trigname
		return o, true
	case *pg_query.Node_CreatePolicyStmt:
		o := rangeVarObject(KindPolicy, s.CreatePolicyStmt.Table)
		o.Table, o.Name = o.Name, s.CreatePolicyStmt.PolicyName
		return o, true
	case *pg_query.Node_RuleStmt:
		o := rangeVarObject(KindRule, s.RuleStmt.Relation)
		o.Table, o.Name = o.Name, s.RuleStmt.Rulename
		return o, true
	case *pg_query.Node_CreateEnumStmt:
		return namesObject(KindType, s.CreateEnumStmt.TypeName), true
	case *pg_query.Node_CreateRangeStmt:
		return namesObject(KindType, s.CreateRangeStmt.TypeName), true
	case *pg_query.Node_CompositeTypeStmt:
		return rangeVarObject(KindType, s.CompositeTypeStmt.Typevar), true
	case *pg_query.Node_CreateDomainStmt:
		return namesObject(KindDomain, s.CreateDomainStmt.Domainname), true
	case *pg_query.Node_CreateSeqStmt:
		return rangeVarObject(KindSequence, s.CreateSeqStmt.Sequence), true
	case *pg_query.Node_CreateExtensionStmt:
		return Object{Kind: KindExtension, Name: s.CreateExtensionStmt.Extname}, true
	case *pg_query.Node_CreateSchemaStmt:
		return Object{Kind: KindSchema, Name: s.CreateSchemaStmt.Schemaname}, true
	case *pg_query.Node_CreateEventTrigStmt:
		return Object{Kind: KindEventTrigger, Name: s.CreateEventTrigStmt.Trigname}, true
	}
	return Object{}, false
}

// describeAlter describes the object an ALTER statement (other than ALTER
// TABLE and OWNER TO) changes.
func describeAlter(n *pg_query.Node) (Object, bool) {
	switch s := n.Node.(type) {
	case *pg_query.Node_AlterSeqStmt:
		return rangeVarObject(KindSequence, s.AlterSeqStmt.Sequence), true
	case *pg_query.Node_AlterEnumStmt:
		return namesObject(KindType, s.AlterEnumStmt.TypeName), true
	case *pg_query.Node_AlterDomainStmt:
		return namesObject(KindDomain, s.AlterDomainStmt.TypeName), true
	case *pg_query.Node_AlterFunctionStmt:
		return objectWithArgs(kindOf(s.AlterFunctionStmt.Objtype), s.AlterFunctionStmt.Func), true
	case *pg_query.Node_AlterExtensionStmt:
		return Object{Kind: KindExtension, Name: s.AlterExtensionStmt.Extname}, true
	case *pg_query.Node_AlterEventTrigStmt:
		return Object{Kind: KindEventTrigger, Name: s.AlterEventTrigStmt.Trigname}, true
	case *pg_query.Node_AlterPublicationStmt:
		return Object{Kind: KindPublication, Name: s.AlterPublicationStmt.Pubname}, true
	case *pg_query.Node_AlterTsdictionaryStmt:
		return namesObject(KindTextSearchDict, s.AlterTsdictionaryStmt.Dictname), true
	case *pg_query.Node_AlterStatsStmt:
		return namesObject(KindStatistics, s.AlterStatsStmt.Defnames), true
	case *pg_query.Node_AlterTsconfigurationStmt:
		return namesObject(KindTextSearchConfig, s.AlterTsconfigurationStmt.Cfgname), true
	case *pg_query.Node_AlterPolicyStmt:
		o := rangeVarObject(KindPolicy, s.AlterPolicyStmt.Table)
		o.Table, o.Name = o.Name, s.AlterPolicyStmt.PolicyName
		return o, true
	}
	return Object{}, false
}

// createFunction describes CREATE FUNCTION / PROCEDURE.
func createFunction(s *pg_query.CreateFunctionStmt) Object {
	kind := KindFunction
	if s.IsProcedure {
		kind = KindProcedure
	}
	o := namesObject(kind, s.Funcname)
	o.Args = routineArgs(s.Parameters, s.IsProcedure)
	return o
}

// defineObject describes CREATE AGGREGATE / COLLATION / TYPE / OPERATOR ...
func defineObject(s *pg_query.DefineStmt) Object {
	o := namesObject(kindOf(s.Kind), s.Defnames)
	if s.Kind == pg_query.ObjectType_OBJECT_AGGREGATE && len(s.Args) > 0 {
		o.Args = []string{}
		for _, a := range s.Args[0].GetList().GetItems() {
			o.Args = append(o.Args, TypeNameSQL(a.GetFunctionParameter().GetArgType()))
		}
	}
	return o
}

// kindOf names a parse-tree ObjectType as a Kind.
func kindOf(t pg_query.ObjectType) Kind {
	switch t {
	case pg_query.ObjectType_OBJECT_MATVIEW:
		return KindMaterializedView
	case pg_query.ObjectType_OBJECT_TABCONSTRAINT:
		return KindConstraint
	case pg_query.ObjectType_OBJECT_DOMCONSTRAINT:
		return "domain constraint"
	case pg_query.ObjectType_OBJECT_TSCONFIGURATION:
		return KindTextSearchConfig
	case pg_query.ObjectType_OBJECT_TSDICTIONARY:
		return KindTextSearchDict
	case pg_query.ObjectType_OBJECT_STATISTIC_EXT:
		return KindStatistics
	}
	name := strings.TrimPrefix(t.String(), "OBJECT_")
	return Kind(strings.ReplaceAll(strings.ToLower(name), "_", " "))
}
