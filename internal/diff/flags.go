package diff

import "strings"

// Flag is a bit set saying which parts of a modified object differ.
type Flag uint64

// Parts of an object that may differ. Owner, Comment and ACL apply to
// every kind; the others to the kind their prefix names. Definition covers
// whatever no more specific flag describes: such a change cannot be made
// in place.
const (
	Owner Flag = 1 << iota
	Comment
	ACL
	Definition
	ColumnType
	ColumnCollation
	ColumnDefault
	ColumnNotNull
	ColumnIdentity
	ColumnIdentityOptions
	ColumnGenerated
	ColumnStorage
	ColumnStatistics
	ColumnPosition
	ColumnInherited
	TableOptions
	TableRowSecurity
	TableReplicaIdentity
	TablePersistence
	TablePartitioning
	EnumLabels
	DomainDefault
	DomainNotNull
	DomainConstraints
	CompositeAttributes
	SequenceOptions
	SequenceOwnedBy
	SequencePersistence
	ConstraintValidated
	TriggerEnabled
	PolicyRoles
	PolicyUsing
	PolicyCheck
	ViewOptions
	ViewQuery
	FunctionBody
	ExtensionVersion
	ExtensionSchema
	EventTriggerEnabled
	TextSearchMappings
	StatisticsTarget
	RuleEnabled
	PublicationObjects
	PublicationOptions
	lastFlag
)

var flagNames = []string{
	"owner", "comment", "acl", "definition", "column type", "column collation",
	"column default", "column not null", "column identity", "column identity options",
	"column generated", "column storage", "column statistics", "column position",
	"column inherited", "table options", "table row security", "table replica identity",
	"table persistence", "table partitioning", "enum labels", "domain default",
	"domain not null", "domain constraints", "composite attributes", "sequence options",
	"sequence owned by", "sequence persistence", "constraint validated", "trigger enabled",
	"policy roles", "policy using", "policy check", "view options", "view query",
	"function body", "extension version", "extension schema", "event trigger enabled",
	"text search mappings", "statistics target", "rule enabled", "publication objects", "publication options",
}

// Has reports whether every bit of o is set in f.
func (f Flag) Has(o Flag) bool { return f&o == o }

// Any reports whether some bit of o is set in f.
func (f Flag) Any(o Flag) bool { return f&o != 0 }

// String lists the set flags, e.g. "column type|column default".
func (f Flag) String() string {
	var parts []string
	for i := 0; Flag(1)<<i < lastFlag; i++ {
		if f&(1<<i) != 0 {
			parts = append(parts, flagNames[i])
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "|")
}
