package plan

import (
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// This file is the one place identifiers and literals are quoted. Catalog
// texts from pg_get_*def and format_type are already valid SQL and are
// used as they are.

// ident quotes one identifier.
func ident(s string) string { return catalog.QuoteIdent(s) }

// qname quotes a schema-qualified name.
func qname(schema, name string) string { return catalog.QualifiedName(schema, name) }

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
	case catalog.KindSchema, catalog.KindExtension, catalog.KindEventTrigger:
		return sqlWord(k.Kind), ident(k.Name)
	case catalog.KindFunction, catalog.KindProcedure, catalog.KindAggregate:
		return sqlWord(k.Kind), routineName(k)
	case catalog.KindColumn:
		return "COLUMN", relName(k) + "." + ident(k.Name)
	case catalog.KindConstraint, catalog.KindTrigger, catalog.KindPolicy:
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
