package plan

import (
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// This file is the one place identifiers and literals are quoted. Catalog
// texts from pg_get_*def and format_type are already valid SQL and are
// used as they are.

// ident quotes one identifier the way quote_ident does: also when it is a
// keyword PostgreSQL reserves in some context.
func ident(s string) string {
	q := catalog.QuoteIdent(s)
	if q == s && keywords[s] {
		return `"` + s + `"`
	}
	return q
}

// qname quotes a schema-qualified name.
func qname(schema, name string) string {
	if schema == "" {
		return ident(name)
	}
	return ident(schema) + "." + ident(name)
}

// keywords are PostgreSQL's reserved, column-name and type-function-name
// keywords (kwlist.h minus the unreserved ones): as identifiers they must
// be quoted.
var keywords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(keywordList) {
		m[w] = true
	}
	return m
}()

const keywordList = `all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean
both case cast char character check coalesce collate collation column concurrently constraint create
cross current_catalog current_date current_role current_schema current_time current_timestamp
current_user dec decimal default deferrable desc distinct do else end except exists extract false
fetch float for foreign freeze from full grant greatest group grouping having ilike in initially
inner inout int integer intersect interval into is isnull join json json_array json_arrayagg
json_exists json_object json_objectagg json_query json_scalar json_serialize json_table json_value
lateral leading least left like limit localtime localtimestamp merge_action national natural nchar
none normalize not notnull null nullif numeric offset on only or order out outer overlaps overlay
placing position precision primary real references returning right row select session_user setof
similar smallint some substring symmetric system_user table tablesample then time timestamp to
trailing treat trim true union unique user using values varchar variadic verbose when where window
with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot
xmlserialize xmltable`

// literal quotes a string constant.
func literal(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// relName is the qualified name of the relation owning a sub-object, or of
// a relation itself.
func relName(k catalog.Key) string {
	if k.Table != "" {
		return qname(k.Schema, k.Table)
	}
	return qname(k.Schema, k.Name)
}

// routineName is a routine's qualified name with its identity arguments.
func routineName(k catalog.Key) string {
	i := strings.IndexByte(k.Name, '(')
	if i < 0 {
		return qname(k.Schema, k.Name)
	}
	return qname(k.Schema, k.Name[:i]) + k.Name[i:]
}

// objectRef names an object the way COMMENT ON, ALTER ... OWNER TO and
// GRANT expect: the SQL kind word and the object's reference.
func objectRef(k catalog.Key) (word, ref string) {
	switch k.Kind {
	case catalog.KindSchema, catalog.KindExtension, catalog.KindEventTrigger, catalog.KindPublication:
		return sqlWord(k.Kind), ident(k.Name)
	case catalog.KindFunction, catalog.KindProcedure, catalog.KindAggregate:
		return sqlWord(k.Kind), routineName(k)
	case catalog.KindColumn:
		return "COLUMN", relName(k) + "." + ident(k.Name)
	case catalog.KindConstraint, catalog.KindTrigger, catalog.KindPolicy, catalog.KindRule:
		return sqlWord(k.Kind), ident(k.Name) + " ON " + relName(k)
	case catalog.KindIndex:
		return "INDEX", qname(k.Schema, k.Name)
	}
	return sqlWord(k.Kind), qname(k.Schema, k.Name)
}

// sqlWord is the SQL keyword of a kind.
func sqlWord(k catalog.Kind) string {
	switch k {
	case catalog.KindEnum, catalog.KindCompositeType, catalog.KindRangeType:
		return "TYPE"
	}
	return strings.ToUpper(string(k))
}

// joinIdents quotes and joins identifiers with ", ".
func joinIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = ident(n)
	}
	return strings.Join(q, ", ")
}

// alterTable starts an ALTER TABLE statement on the relation of k.
func alterTable(k catalog.Key) string { return "ALTER TABLE " + relName(k) }
