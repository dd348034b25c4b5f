package catalog

// Schema is a namespace.
type Schema struct {
	Name string `json:"name"`
	Meta
}

// Extension is an installed extension. Its member objects are not part of
// the catalog.
type Extension struct {
	Name    string `json:"name"`
	Schema  string `json:"schema"`
	Version string `json:"version"`
	Meta
}

// Collation is a user-defined collation.
type Collation struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Provider is "libc", "icu" or "default".
	Provider      string `json:"provider"`
	Deterministic bool   `json:"deterministic"`
	Collate       string `json:"collate,omitempty"`
	Ctype         string `json:"ctype,omitempty"`
	// Locale is the ICU locale (or builtin locale on PostgreSQL 17).
	Locale string `json:"locale,omitempty"`
	// Rules are the ICU tailoring rules (PostgreSQL 16+).
	Rules string `json:"rules,omitempty"`
	Meta
}

// TextSearchDict is a text search dictionary: a template and the options
// it was created with.
type TextSearchDict struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Template is the template, qualified unless in pg_catalog, e.g.
	// "snowball".
	Template string `json:"template"`
	// Options are the initialization options as PostgreSQL keeps them
	// (pg_ts_dict.dictinitoption), e.g. "language = 'english'"; empty when
	// there are none.
	Options string `json:"options,omitempty"`
	Meta
}

// Statistics is an extended statistics object (CREATE STATISTICS).
type Statistics struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Table is the qualified table the statistics are gathered on.
	Table string `json:"table"`
	// Definition is pg_get_statisticsobjdef: the CREATE STATISTICS
	// statement.
	Definition string `json:"definition"`
	// Target is the statistics target; -1 (the default) uses the system's.
	Target int `json:"target"`
	Meta
}

// TextSearchConfig is a text search configuration: a parser and, per
// token type, the dictionaries tried in order.
type TextSearchConfig struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Parser is the parser, qualified unless in pg_catalog, e.g. "default".
	Parser string `json:"parser"`
	// Mappings are sorted by token type; a token type without a mapping
	// is not indexed.
	Mappings []*TextSearchMapping `json:"mappings,omitempty"`
	Meta
}

// TextSearchMapping maps a token type (the parser's alias for it, such as
// "asciiword") to dictionaries, qualified unless in pg_catalog, in the
// order they are consulted.
type TextSearchMapping struct {
	TokenType    string   `json:"tokenType"`
	Dictionaries []string `json:"dictionaries"`
}

// Enum is an enum type with its labels in sort order.
type Enum struct {
	Schema string   `json:"schema"`
	Name   string   `json:"name"`
	Labels []string `json:"labels"`
	Meta
}

// Domain is a domain type.
type Domain struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// BaseType is format_type of the base type with its typmod.
	BaseType string `json:"baseType"`
	// Collation is the qualified collation when it differs from the base
	// type's default.
	Collation   string              `json:"collation,omitempty"`
	Default     string              `json:"default,omitempty"`
	NotNull     bool                `json:"notNull,omitempty"`
	Constraints []*DomainConstraint `json:"constraints,omitempty"`
	Meta
}

// DomainConstraint is a named CHECK constraint of a domain.
type DomainConstraint struct {
	Name string `json:"name"`
	// Definition is pg_get_constraintdef, e.g. "CHECK ((VALUE > 0))".
	Definition string `json:"definition"`
	NotValid   bool   `json:"notValid,omitempty"`
	Comment    string `json:"comment,omitempty"`
}

// CompositeType is a stand-alone composite type (CREATE TYPE ... AS).
type CompositeType struct {
	Schema     string       `json:"schema"`
	Name       string       `json:"name"`
	Attributes []*Attribute `json:"attributes"`
	Meta
}

// Attribute is an attribute of a composite type.
type Attribute struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	Collation string `json:"collation,omitempty"`
	Comment   string `json:"comment,omitempty"`
}

// RangeType is a range type (and its multirange on PostgreSQL 14+).
type RangeType struct {
	Schema         string `json:"schema"`
	Name           string `json:"name"`
	Subtype        string `json:"subtype"`
	SubtypeOpClass string `json:"subtypeOpClass,omitempty"`
	Collation      string `json:"collation,omitempty"`
	Canonical      string `json:"canonical,omitempty"`
	SubtypeDiff    string `json:"subtypeDiff,omitempty"`
	MultirangeName string `json:"multirangeName,omitempty"`
	Meta
}

// Sequence is a stand-alone sequence (identity sequences belong to their
// column). Current values are never part of the catalog.
type Sequence struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	SequenceOptions
	Persistence string `json:"persistence,omitempty"`
	// OwnedBy is the owning column as "schema.table.column" (quoted as
	// needed), empty when the sequence is not OWNED BY a column.
	OwnedBy string `json:"ownedBy,omitempty"`
	Meta
}

// SequenceOptions are the options of a sequence or identity column.
type SequenceOptions struct {
	Type      string `json:"type"`
	Start     int64  `json:"start"`
	Increment int64  `json:"increment"`
	Min       int64  `json:"min"`
	Max       int64  `json:"max"`
	Cache     int64  `json:"cache"`
	Cycle     bool   `json:"cycle,omitempty"`
}

// Publication is a publication for logical replication.
type Publication struct {
	Name string `json:"name"`
	// AllTables is FOR ALL TABLES.
	AllTables bool `json:"allTables,omitempty"`
	// Publish lists the operations published, in the order insert,
	// update, delete, truncate.
	Publish []string `json:"publish"`
	// ViaRoot is publish_via_partition_root.
	ViaRoot bool `json:"viaRoot,omitempty"`
	// Tables are the tables listed, sorted by qualified name.
	Tables []*PublicationTable `json:"tables,omitempty"`
	// Schemas are the schemas of TABLES IN SCHEMA, sorted.
	Schemas []string `json:"schemas,omitempty"`
	Meta
}

// PublicationTable is a table of a publication with its column list and
// row filter, when it has them.
type PublicationTable struct {
	// Table is the qualified table name.
	Table   string   `json:"table"`
	Columns []string `json:"columns,omitempty"`
	Where   string   `json:"where,omitempty"`
}

// EventTrigger is a database-wide event trigger.
type EventTrigger struct {
	Name  string `json:"name"`
	Event string `json:"event"`
	// Function is the qualified trigger function, e.g. "app.on_ddl()".
	Function string   `json:"function"`
	Tags     []string `json:"tags,omitempty"`
	// Enabled is "origin", "disabled", "replica" or "always".
	Enabled string `json:"enabled"`
	Meta
}

// DefaultPrivileges is one ALTER DEFAULT PRIVILEGES entry: the ACL given to
// objects of ObjectType created by Role (in Schema, or anywhere when empty).
type DefaultPrivileges struct {
	Role   string `json:"role"`
	Schema string `json:"schema,omitempty"`
	// ObjectType is "tables", "sequences", "functions", "types" or "schemas".
	ObjectType string `json:"objectType"`
	Meta
}
