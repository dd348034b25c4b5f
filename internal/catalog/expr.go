package catalog

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
// definition text. Both spellings are valid SQL with the same meaning.
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

// NormalizeExpressions rewrites every expression of the catalog to its
// canonical spelling (NormalizeExpr), so that a schema read back after
// being recreated from its own definitions has the same fingerprint.
// Inspect calls it on every catalog it reads.
func (c *Catalog) NormalizeExpressions() {
	for _, d := range c.Domains {
		norm(&d.Default)
		for _, dc := range d.Constraints {
			norm(&dc.Definition)
		}
	}
	for _, t := range c.Tables {
		normRelation(t.Columns, t.Indexes)
		for _, k := range t.Constraints {
			norm(&k.Definition)
		}
		for _, p := range t.Policies {
			norm(&p.Using)
			norm(&p.WithCheck)
		}
	}
	for _, v := range append(append([]*View{}, c.Views...), c.MaterializedViews...) {
		norm(&v.Definition)
		normRelation(v.Columns, v.Indexes)
	}
}

func normRelation(cols []*Column, idx []*Index) {
	for _, col := range cols {
		norm(&col.Default)
		norm(&col.Generated)
	}
	for _, ix := range idx {
		norm(&ix.Definition)
		norm(&ix.Predicate)
	}
}

func norm(s *string) {
	if n := NormalizeExpr(*s); n != *s {
		*s = n
	}
}
