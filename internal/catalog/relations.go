package catalog

// Table is an ordinary or partitioned table with its sub-objects.
type Table struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Persistence is "unlogged" for unlogged tables, empty otherwise.
	Persistence string `json:"persistence,omitempty"`
	// AccessMethod is the table access method when it is not heap.
	AccessMethod string `json:"accessMethod,omitempty"`
	// PartitionKey is pg_get_partkeydef, e.g. "RANGE (created_at)".
	PartitionKey string `json:"partitionKey,omitempty"`
	// PartitionOf is the qualified parent of a partition.
	PartitionOf string `json:"partitionOf,omitempty"`
	// PartitionBound is e.g. "FOR VALUES FROM ('2024-01-01') TO (...)".
	PartitionBound string `json:"partitionBound,omitempty"`
	// Inherits lists qualified parents (INHERITS) in inheritance order.
	Inherits []string `json:"inherits,omitempty"`
	// Options are the sorted reloptions, e.g. "fillfactor=70".
	Options          []string `json:"options,omitempty"`
	RowSecurity      bool     `json:"rowSecurity,omitempty"`
	ForceRowSecurity bool     `json:"forceRowSecurity,omitempty"`
	// ReplicaIdentity is "nothing", "full" or "index"; empty for default.
	ReplicaIdentity string        `json:"replicaIdentity,omitempty"`
	Columns         []*Column     `json:"columns,omitempty"`
	Constraints     []*Constraint `json:"constraints,omitempty"`
	Indexes         []*Index      `json:"indexes,omitempty"`
	Triggers        []*Trigger    `json:"triggers,omitempty"`
	Rules           []*Rule       `json:"rules,omitempty"`
	Policies        []*Policy     `json:"policies,omitempty"`
	Meta
}

// Column is a column of a table, view or materialized view.
type Column struct {
	Name string `json:"name"`
	// Position is the 1-based ordinal among the relation's live columns
	// (dropped columns are not counted, unlike attnum).
	Position int `json:"position"`
	// Type is format_type with typmod, e.g. "character varying(80)".
	Type string `json:"type"`
	// Collation is the qualified collation when it differs from the type's.
	Collation string `json:"collation,omitempty"`
	NotNull   bool   `json:"notNull,omitempty"`
	Default   string `json:"default,omitempty"`
	// Identity is "always" or "by default" for identity columns.
	Identity         string            `json:"identity,omitempty"`
	IdentitySequence *IdentitySequence `json:"identitySequence,omitempty"`
	// Generated is the expression of a GENERATED ALWAYS AS (...) STORED column.
	Generated string `json:"generated,omitempty"`
	// Inherited is true for columns with no local definition (inherited
	// from a parent or partitioned table).
	Inherited bool `json:"inherited,omitempty"`
	// Storage is the storage mode when it differs from the type's default.
	Storage string `json:"storage,omitempty"`
	// Statistics is the per-column statistics target when set.
	Statistics *int `json:"statistics,omitempty"`
	Meta
}

// IdentitySequence is the sequence behind an identity column.
type IdentitySequence struct {
	Name string `json:"name"`
	SequenceOptions
}

// Constraint types.
const (
	ConstraintPrimaryKey = "primary key"
	ConstraintUnique     = "unique"
	ConstraintForeignKey = "foreign key"
	ConstraintCheck      = "check"
	ConstraintExclusion  = "exclusion"
)

// Constraint is a table constraint. Constraint triggers are Triggers.
type Constraint struct {
	Name string `json:"name"`
	// Type is one of the Constraint* constants.
	Type string `json:"type"`
	// Definition is pg_get_constraintdef, e.g. "FOREIGN KEY (a) REFERENCES
	// app.t(id) ON DELETE CASCADE DEFERRABLE".
	Definition string `json:"definition"`
	// Columns are the constrained columns in key order.
	Columns []string `json:"columns,omitempty"`
	// Index is the name of the index backing a primary key, unique or
	// exclusion constraint.
	Index string `json:"index,omitempty"`
	// References is the qualified referenced table of a foreign key.
	References        string   `json:"references,omitempty"`
	ReferencedColumns []string `json:"referencedColumns,omitempty"`
	// OnUpdate and OnDelete are "no action", "restrict", "cascade",
	// "set null" or "set default".
	OnUpdate string `json:"onUpdate,omitempty"`
	OnDelete string `json:"onDelete,omitempty"`
	// Match is "simple", "full" or "partial".
	Match             string `json:"match,omitempty"`
	Deferrable        bool   `json:"deferrable,omitempty"`
	InitiallyDeferred bool   `json:"initiallyDeferred,omitempty"`
	NotValid          bool   `json:"notValid,omitempty"`
	NoInherit         bool   `json:"noInherit,omitempty"`
	NullsNotDistinct  bool   `json:"nullsNotDistinct,omitempty"`
	// Inherited is true when the constraint has no local definition.
	Inherited bool `json:"inherited,omitempty"`
	Meta
}

// Index is an index of a table or materialized view.
type Index struct {
	Name string `json:"name"`
	// Definition is pg_get_indexdef: the full CREATE INDEX statement,
	// including method, expressions, opclasses, collations, ordering,
	// INCLUDE and the partial predicate.
	Definition string `json:"definition"`
	Unique     bool   `json:"unique,omitempty"`
	Primary    bool   `json:"primary,omitempty"`
	Method     string `json:"method"`
	// Predicate is the WHERE clause of a partial index.
	Predicate        string `json:"predicate,omitempty"`
	NullsNotDistinct bool   `json:"nullsNotDistinct,omitempty"`
	// Constraint names the constraint this index backs, if any; such an
	// index is created and dropped with its constraint.
	Constraint string `json:"constraint,omitempty"`
	// Parent is the qualified index on the partitioned parent table this
	// index is attached to.
	Parent string `json:"parent,omitempty"`
	Meta
}

// Trigger is a (possibly constraint) trigger on a table or view.
type Trigger struct {
	Name string `json:"name"`
	// Definition is pg_get_triggerdef.
	Definition string `json:"definition"`
	// Function is the qualified trigger function, e.g. "app.audit()".
	Function   string `json:"function"`
	Constraint bool   `json:"constraint,omitempty"`
	// Enabled is "origin", "disabled", "replica" or "always".
	Enabled string `json:"enabled"`
	Meta
}

// Rule is a rewrite rule on a table or view. A view's own ON SELECT rule
// is its query, not a Rule.
type Rule struct {
	Name string `json:"name"`
	// Definition is pg_get_ruledef without its final semicolon: the
	// CREATE RULE statement.
	Definition string `json:"definition"`
	// Enabled is "origin", "disabled", "replica" or "always".
	Enabled string `json:"enabled"`
	Meta
}

// Policy is a row-level security policy.
type Policy struct {
	Name string `json:"name"`
	// Permissive is false for RESTRICTIVE policies.
	Permissive bool `json:"permissive"`
	// Command is "ALL", "SELECT", "INSERT", "UPDATE" or "DELETE".
	Command string `json:"command"`
	// Roles are sorted role names; "public" for PUBLIC.
	Roles     []string `json:"roles"`
	Using     string   `json:"using,omitempty"`
	WithCheck string   `json:"withCheck,omitempty"`
	Meta
}

// View is a view or materialized view.
type View struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Definition is pg_get_viewdef (pretty), the SELECT text.
	Definition string `json:"definition"`
	// Options are the sorted reloptions, e.g. "check_option=cascaded",
	// "security_barrier=true", "security_invoker=true".
	Options []string `json:"options,omitempty"`
	// CheckOption is "local" or "cascaded" for WITH CHECK OPTION views.
	CheckOption string     `json:"checkOption,omitempty"`
	Columns     []*Column  `json:"columns,omitempty"`
	Indexes     []*Index   `json:"indexes,omitempty"`
	Triggers    []*Trigger `json:"triggers,omitempty"`
	Rules       []*Rule    `json:"rules,omitempty"`
	Meta
}
