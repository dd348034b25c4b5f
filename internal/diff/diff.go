// Package diff compares two catalogs and returns the closed set of typed
// changes that turn the first into the second: additions, removals and
// modifications of every object kind, including owners, comments and
// privileges. It is pure Go and never talks to a database.
package diff

import (
	"github.com/pgfleet/pgfleet/internal/catalog"
)

// Change is one difference between two catalogs. The set is closed: a
// Change is always one of the Add, Drop or Modify instantiations below
// (AddTable, DropColumn, ModifyFunction ...).
type Change interface {
	// Key identifies the object that changes.
	Key() catalog.Key
	// Objects returns the object before and after the change; From is the
	// zero Object for an addition and To for a removal.
	Objects() (from, to catalog.Object)
	change()
}

// Value is the constraint on the object types a change carries: every
// catalog object type embeds catalog.Meta.
type Value interface {
	ObjectMeta() *catalog.Meta
}

// Add is an object present only in the target catalog.
type Add[T Value] struct {
	K      catalog.Key
	Object T
}

// Drop is an object present only in the source catalog.
type Drop[T Value] struct {
	K      catalog.Key
	Object T
}

// Modify is an object present in both catalogs with different
// definitions; Flags say which parts differ.
type Modify[T Value] struct {
	K        catalog.Key
	From, To T
	Flags    Flag
}

// Key returns the key of the added object.
func (c *Add[T]) Key() catalog.Key { return c.K }

// Key returns the key of the dropped object.
func (c *Drop[T]) Key() catalog.Key { return c.K }

// Key returns the key of the modified object.
func (c *Modify[T]) Key() catalog.Key { return c.K }

// Objects returns the zero Object and the added object.
func (c *Add[T]) Objects() (from, to catalog.Object) {
	return catalog.Object{}, object(c.K, c.Object)
}

// Objects returns the dropped object and the zero Object.
func (c *Drop[T]) Objects() (from, to catalog.Object) {
	return object(c.K, c.Object), catalog.Object{}
}

// Objects returns the object before and after the modification.
func (c *Modify[T]) Objects() (from, to catalog.Object) {
	return object(c.K, c.From), object(c.K, c.To)
}

func (*Add[T]) change()    {}
func (*Drop[T]) change()   {}
func (*Modify[T]) change() {}

func object[T Value](k catalog.Key, v T) catalog.Object {
	return catalog.Object{Key: k, Meta: v.ObjectMeta(), Value: v}
}

// Named instantiations of the change set, one triple per object kind.
type (
	AddSchema              = Add[*catalog.Schema]
	DropSchema             = Drop[*catalog.Schema]
	ModifySchema           = Modify[*catalog.Schema]
	AddExtension           = Add[*catalog.Extension]
	DropExtension          = Drop[*catalog.Extension]
	ModifyExtension        = Modify[*catalog.Extension]
	AddCollation           = Add[*catalog.Collation]
	DropCollation          = Drop[*catalog.Collation]
	ModifyCollation        = Modify[*catalog.Collation]
	AddTextSearchConfig    = Add[*catalog.TextSearchConfig]
	DropTextSearchConfig   = Drop[*catalog.TextSearchConfig]
	ModifyTextSearchConfig = Modify[*catalog.TextSearchConfig]
	AddTextSearchDict      = Add[*catalog.TextSearchDict]
	DropTextSearchDict     = Drop[*catalog.TextSearchDict]
	ModifyTextSearchDict   = Modify[*catalog.TextSearchDict]
	AddStatistics          = Add[*catalog.Statistics]
	DropStatistics         = Drop[*catalog.Statistics]
	ModifyStatistics       = Modify[*catalog.Statistics]
	AddEnum                = Add[*catalog.Enum]
	DropEnum               = Drop[*catalog.Enum]
	ModifyEnum             = Modify[*catalog.Enum]
	AddDomain              = Add[*catalog.Domain]
	DropDomain             = Drop[*catalog.Domain]
	ModifyDomain           = Modify[*catalog.Domain]
	AddCompositeType       = Add[*catalog.CompositeType]
	DropCompositeType      = Drop[*catalog.CompositeType]
	ModifyComposite        = Modify[*catalog.CompositeType]
	AddRangeType           = Add[*catalog.RangeType]
	DropRangeType          = Drop[*catalog.RangeType]
	ModifyRangeType        = Modify[*catalog.RangeType]
	AddSequence            = Add[*catalog.Sequence]
	DropSequence           = Drop[*catalog.Sequence]
	ModifySequence         = Modify[*catalog.Sequence]
	AddTable               = Add[*catalog.Table]
	DropTable              = Drop[*catalog.Table]
	ModifyTable            = Modify[*catalog.Table]
	AddColumn              = Add[*catalog.Column]
	DropColumn             = Drop[*catalog.Column]
	ModifyColumn           = Modify[*catalog.Column]
	AddConstraint          = Add[*catalog.Constraint]
	DropConstraint         = Drop[*catalog.Constraint]
	ModifyConstraint       = Modify[*catalog.Constraint]
	AddIndex               = Add[*catalog.Index]
	DropIndex              = Drop[*catalog.Index]
	ModifyIndex            = Modify[*catalog.Index]
	AddTrigger             = Add[*catalog.Trigger]
	DropTrigger            = Drop[*catalog.Trigger]
	ModifyTrigger          = Modify[*catalog.Trigger]
	AddRule                = Add[*catalog.Rule]
	DropRule               = Drop[*catalog.Rule]
	ModifyRule             = Modify[*catalog.Rule]
	AddPublication         = Add[*catalog.Publication]
	DropPublication        = Drop[*catalog.Publication]
	ModifyPublication      = Modify[*catalog.Publication]
	AddPolicy              = Add[*catalog.Policy]
	DropPolicy             = Drop[*catalog.Policy]
	ModifyPolicy           = Modify[*catalog.Policy]
	AddView                = Add[*catalog.View] // views and materialized views
	DropView               = Drop[*catalog.View]
	ModifyView             = Modify[*catalog.View]
	AddFunction            = Add[*catalog.Function] // functions and procedures
	DropFunction           = Drop[*catalog.Function]
	ModifyFunction         = Modify[*catalog.Function]
	AddAggregate           = Add[*catalog.Aggregate]
	DropAggregate          = Drop[*catalog.Aggregate]
	ModifyAggregate        = Modify[*catalog.Aggregate]
	AddEventTrigger        = Add[*catalog.EventTrigger]
	DropEventTrigger       = Drop[*catalog.EventTrigger]
	ModifyEventTrig        = Modify[*catalog.EventTrigger]
	AddDefaultPrivs        = Add[*catalog.DefaultPrivileges]
	DropDefaultPrivs       = Drop[*catalog.DefaultPrivileges]
	ModifyDefaultPriv      = Modify[*catalog.DefaultPrivileges]
)
