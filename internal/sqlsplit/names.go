package sqlsplit

import (
	"fmt"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// NodeType returns the name of a parse-tree node's type, such as
// "CreateStmt" or "InsertStmt".
func NodeType(n *pg_query.Node) string {
	if n == nil || n.Node == nil {
		return ""
	}
	t := fmt.Sprintf("%T", n.Node)
	return strings.TrimPrefix(t, "*pg_query.Node_")
}

// strs returns the String values of a list of String nodes.
func strs(nodes []*pg_query.Node) []string {
	out := make([]string, 0, len(nodes))
	for _, n := range nodes {
		if s := n.GetString_(); s != nil {
			out = append(out, s.Sval)
		}
	}
	return out
}

// qualified splits a possibly qualified name (catalog.schema.name,
// schema.name or name) into schema and name.
func qualified(names []string) (schema, name string) {
	switch len(names) {
	case 0:
		return "", ""
	case 1:
		return "", names[0]
	default:
		return names[len(names)-2], names[len(names)-1]
	}
}

// quoteIdent quotes an identifier for PostgreSQL, always, so that keywords
// and mixed case survive.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// TypeNameSQL renders a parse-tree type name as SQL that PostgreSQL's type
// input functions (regtype, regprocedure) accept: every identifier quoted,
// array bounds as [], type modifiers left out.
func TypeNameSQL(tn *pg_query.TypeName) string {
	if tn == nil {
		return ""
	}
	names := strs(tn.Names)
	for i, n := range names {
		names[i] = quoteIdent(n)
	}
	s := strings.Join(names, ".")
	if tn.PctType {
		s += "%TYPE"
	}
	return s + strings.Repeat("[]", len(tn.ArrayBounds))
}

// rangeVarObject describes the relation a RangeVar names.
func rangeVarObject(kind Kind, rv *pg_query.RangeVar) Object {
	if rv == nil {
		return Object{Kind: kind}
	}
	return Object{Kind: kind, Schema: rv.Schemaname, Name: rv.Relname}
}

// namesObject describes an object named by a list of String nodes.
func namesObject(kind Kind, names []*pg_query.Node) Object {
	schema, name := qualified(strs(names))
	return Object{Kind: kind, Schema: schema, Name: name}
}

// subObject describes an object named by a table's qualified name followed
// by the object's own name (constraints, triggers, policies, rules,
// columns).
func subObject(kind Kind, names []*pg_query.Node) Object {
	all := strs(names)
	if len(all) == 0 {
		return Object{Kind: kind}
	}
	schema, table := qualified(all[:len(all)-1])
	return Object{Kind: kind, Schema: schema, Table: table, Name: all[len(all)-1]}
}

// routineArgs returns the types that identify a routine: IN, INOUT and
// VARIADIC arguments, plus OUT arguments for procedures.
func routineArgs(params []*pg_query.Node, procedure bool) []string {
	args := []string{}
	for _, p := range params {
		fp := p.GetFunctionParameter()
		if fp == nil {
			continue
		}
		switch fp.Mode {
		case pg_query.FunctionParameterMode_FUNC_PARAM_TABLE:
			continue
		case pg_query.FunctionParameterMode_FUNC_PARAM_OUT:
			if !procedure {
				continue
			}
		}
		args = append(args, TypeNameSQL(fp.ArgType))
	}
	return args
}

// objectWithArgs describes a routine named with its argument types.
func objectWithArgs(kind Kind, owa *pg_query.ObjectWithArgs) Object {
	o := namesObject(kind, owa.Objname)
	if owa.ArgsUnspecified {
		return o
	}
	o.Args = []string{}
	for _, a := range owa.Objargs {
		o.Args = append(o.Args, TypeNameSQL(a.GetTypeName()))
	}
	return o
}
