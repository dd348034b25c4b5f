package diff

import (
	"regexp"
	"strings"
)

// PostgreSQL does not always print an expression the way it reads it
// back: `col IN ('a', 'b')` on a varchar column is stored as
// `= ANY ((ARRAY['a'::character varying, ...])::text[])` and, recreated
// from that text, prints as `= ANY (ARRAY[('a'::character varying)::text,
// ...])`. NormalizeExpr maps both spellings to one, so a definition
// recreated from its own text compares equal.
//
// Likewise a view whose UNION arm selects `NULL::integer` prints it bare
// but reads back with an implicit alias, `NULL::integer AS int4`; the alias
// of a typed NULL is dropped.
var (
	nullAlias   = regexp.MustCompile(`(NULL::[a-z][a-z0-9_ ]*(?:\([0-9, ]+\))?(?:\[\])?) AS [a-z_][a-z0-9_]*\b`)
	castedElem  = regexp.MustCompile(`\(('(?:[^']|'')*'::character varying)\)::text\b`)
	castedArray = regexp.MustCompile(`\(\(ARRAY\[([^\]]*)\]\)::text\[\]\)`)
)

// NormalizeExpr returns a canonical spelling of an expression or
// definition text for comparison.
func NormalizeExpr(s string) string {
	if strings.Contains(s, "NULL::") {
		s = nullAlias.ReplaceAllString(s, "$1")
	}
	if !strings.Contains(s, "character varying") {
		return s
	}
	s = castedElem.ReplaceAllString(s, "$1")
	return castedArray.ReplaceAllString(s, "(ARRAY[$1])")
}
