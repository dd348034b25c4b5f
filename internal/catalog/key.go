// Package catalog is the canonical, deterministic model of a PostgreSQL
// schema: value types for every object kind pgfleet manages, their keys,
// canonical JSON encoding, fingerprints and the snapshot file format.
//
// The package is pure Go: it never talks to a database. Package inspect
// fills a Catalog from a live database; snapshots read one back from JSON.
package catalog

import (
	"strings"
)

// Kind names an object kind.
type Kind string

// Object kinds in scope of a catalog.
const (
	KindSchema            Kind = "schema"
	KindExtension         Kind = "extension"
	KindCollation         Kind = "collation"
	KindTextSearchDict    Kind = "text search dictionary"
	KindTextSearchConfig  Kind = "text search configuration"
	KindEnum              Kind = "enum"
	KindDomain            Kind = "domain"
	KindCompositeType     Kind = "composite type"
	KindRangeType         Kind = "range type"
	KindSequence          Kind = "sequence"
	KindTable             Kind = "table"
	KindColumn            Kind = "column"
	KindConstraint        Kind = "constraint"
	KindIndex             Kind = "index"
	KindStatistics        Kind = "statistics"
	KindView              Kind = "view"
	KindMaterializedView  Kind = "materialized view"
	KindFunction          Kind = "function"
	KindProcedure         Kind = "procedure"
	KindAggregate         Kind = "aggregate"
	KindTrigger           Kind = "trigger"
	KindPolicy            Kind = "policy"
	KindRule              Kind = "rule"
	KindEventTrigger      Kind = "event trigger"
	KindPublication       Kind = "publication"
	KindDefaultPrivileges Kind = "default privileges"
)

// Key identifies an object within a catalog.
//
// Schema is empty for database-wide objects (schemas, extensions, event
// triggers). Table is set for sub-objects of a relation (column, constraint,
// index, trigger, policy). Functions, procedures and aggregates carry their
// call signature in Name: the argument types as format_type prints them,
// joined by ", " (oidvectortypes of proargtypes), e.g.
// "add_item(integer, text)" — argument names and modes are not part of it. A schema's own name is in Name.
// Default privileges use Name "<role> <objtype>", e.g. "app_owner tables",
// with Schema empty when they apply to every schema.
type Key struct {
	Kind   Kind   `json:"kind"`
	Schema string `json:"schema,omitempty"`
	Table  string `json:"table,omitempty"`
	Name   string `json:"name"`
}

// String returns a stable, readable form of the key, such as
// "table app.users", "column app.users.email" or
// "function app.add_item(integer, text)". Names that are not plain
// lower-case identifiers are double-quoted.
func (k Key) String() string {
	if k.Kind == KindDefaultPrivileges {
		role, obj, _ := strings.Cut(k.Name, " ")
		s := "default privileges for role " + QuoteIdent(role)
		if k.Schema != "" {
			s += " in schema " + QuoteIdent(k.Schema)
		}
		return s + " on " + obj
	}
	parts := make([]string, 0, 3)
	if k.Schema != "" {
		parts = append(parts, QuoteIdent(k.Schema))
	}
	if k.Table != "" {
		parts = append(parts, QuoteIdent(k.Table))
	}
	parts = append(parts, k.displayName())
	return string(k.Kind) + " " + strings.Join(parts, ".")
}

// displayName quotes the name, leaving a routine's argument list as is.
func (k Key) displayName() string {
	switch k.Kind {
	case KindFunction, KindProcedure, KindAggregate:
		if i := strings.IndexByte(k.Name, '('); i >= 0 {
			return QuoteIdent(k.Name[:i]) + k.Name[i:]
		}
	}
	return QuoteIdent(k.Name)
}

// Less orders keys by kind, schema, table and name.
func (k Key) Less(o Key) bool {
	return k.Compare(o) < 0
}

// Compare returns -1, 0 or +1 ordering keys by kind, schema, table and name.
func (k Key) Compare(o Key) int {
	if c := strings.Compare(string(k.Kind), string(o.Kind)); c != 0 {
		return c
	}
	if c := strings.Compare(k.Schema, o.Schema); c != 0 {
		return c
	}
	if c := strings.Compare(k.Table, o.Table); c != 0 {
		return c
	}
	return strings.Compare(k.Name, o.Name)
}

// Parent returns the key of the relation owning a sub-object, and false for
// objects that are not sub-objects. The relation kind is reported as table;
// look it up with Catalog.Relation to know whether it is a view.
func (k Key) Parent() (Key, bool) {
	if k.Table == "" {
		return Key{}, false
	}
	return Key{Kind: KindTable, Schema: k.Schema, Name: k.Table}, true
}

// QuoteIdent double-quotes an identifier unless it is a plain lower-case
// identifier, the way PostgreSQL's quote_ident does for non-keywords.
func QuoteIdent(s string) string {
	if isPlainIdent(s) {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func isPlainIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case (r >= '0' && r <= '9') || r == '$':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// QualifiedName returns schema.name with each part quoted as needed.
func QualifiedName(schema, name string) string {
	if schema == "" {
		return QuoteIdent(name)
	}
	return QuoteIdent(schema) + "." + QuoteIdent(name)
}
