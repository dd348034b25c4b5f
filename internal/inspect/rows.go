package inspect

import "github.com/pgfleet/pgfleet/internal/catalog"

// Row types: a catalog type embedded with the OIDs the reader needs to
// attach sub-objects and resolve dependencies. OIDs never leave the reader.

type schemaRow struct {
	OID uint32
	catalog.Schema
}

type extensionRow struct {
	OID uint32
	catalog.Extension
}

type collationRow struct {
	OID uint32
	catalog.Collation
}

type publicationRow struct {
	OID uint32
	catalog.Publication
}

type ruleRow struct {
	OID       uint32
	TableName string
	Schema    string
	catalog.Rule
}

type textSearchDictRow struct {
	OID uint32
	catalog.TextSearchDict
}

type statisticsRow struct {
	OID uint32
	catalog.Statistics
}

type textSearchConfigRow struct {
	OID uint32
	catalog.TextSearchConfig
}

type enumRow struct {
	OID, ArrayOID uint32
	catalog.Enum
}

type domainRow struct {
	OID, ArrayOID  uint32
	ConstraintOIDs []uint32
	catalog.Domain
}

type compositeRow struct {
	OID, ArrayOID, RelOID uint32
	catalog.CompositeType
}

type rangeRow struct {
	OID, ArrayOID uint32
	catalog.RangeType
}

type sequenceRow struct {
	OID uint32
	catalog.Sequence
}

type tableRow struct {
	OID, TypeOID uint32
	catalog.Table
}

type columnRow struct {
	RelOID    uint32
	Relkind   string
	Attnum    int
	Schema    string
	TableName string
	catalog.Column
}

type constraintRow struct {
	OID, RelOID, IndexOID      uint32
	KeyAttnums                 []int
	Schema                     string
	TableName                  string
	Contype                    string
	UpdateAction, DeleteAction string
	MatchType                  string
	catalog.Constraint
}

type indexRow struct {
	OID       uint32
	Relkind   string
	Schema    string
	TableName string
	catalog.Index
}

type viewRow struct {
	OID, TypeOID uint32
	Relkind      string
	catalog.View
}

type triggerRow struct {
	OID       uint32
	Relkind   string
	Schema    string
	TableName string
	catalog.Trigger
}

type policyRow struct {
	OID       uint32
	Schema    string
	TableName string
	catalog.Policy
}

type functionRow struct {
	OID uint32
	catalog.Function
}

type aggregateRow struct {
	OID uint32
	catalog.Aggregate
}

type eventTriggerRow struct {
	OID uint32
	catalog.EventTrigger
}

type defaultPrivilegesRow struct{ catalog.DefaultPrivileges }

type dependRow struct {
	Kind     string
	Class    uint32
	OID      uint32
	Sub      int
	RefClass uint32
	RefOID   uint32
	RefSub   int
}

type commentRow struct {
	Class   uint32
	OID     uint32
	Sub     int
	Comment string
}
