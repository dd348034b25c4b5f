package diff

import (
	"reflect"
	"slices"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// set returns flag when differ is true.
func set(differ bool, flag Flag) Flag {
	if differ {
		return flag
	}
	return 0
}

func metaFlags(a, b *catalog.Meta) Flag {
	return set(a.Owner != b.Owner, Owner) | set(a.Comment != b.Comment, Comment) |
		set(!slices.Equal(a.ACL, b.ACL), ACL)
}

// flags compares two objects of the same key and kind.
func flags(from, to catalog.Object) Flag {
	f := metaFlags(from.Meta, to.Meta)
	switch a := from.Value.(type) {
	case *catalog.Column:
		f |= columnFlags(a, to.Value.(*catalog.Column))
	case *catalog.Table:
		f |= tableFlags(a, to.Value.(*catalog.Table))
	case *catalog.Enum:
		b := to.Value.(*catalog.Enum)
		f |= set(!slices.Equal(a.Labels, b.Labels), EnumLabels)
	case *catalog.Domain:
		f |= domainFlags(a, to.Value.(*catalog.Domain))
	case *catalog.CompositeType:
		b := to.Value.(*catalog.CompositeType)
		f |= set(!reflect.DeepEqual(a.Attributes, b.Attributes), CompositeAttributes)
	case *catalog.Sequence:
		b := to.Value.(*catalog.Sequence)
		f |= set(a.SequenceOptions != b.SequenceOptions, SequenceOptions) |
			set(a.OwnedBy != b.OwnedBy, SequenceOwnedBy) |
			set(a.Persistence != b.Persistence, SequencePersistence)
	case *catalog.Constraint:
		f |= constraintFlags(a, to.Value.(*catalog.Constraint))
	case *catalog.Trigger:
		b := to.Value.(*catalog.Trigger)
		f |= set(a.Definition != b.Definition || a.Function != b.Function || a.Constraint != b.Constraint, Definition) |
			set(a.Enabled != b.Enabled, TriggerEnabled)
	case *catalog.Policy:
		f |= policyFlags(a, to.Value.(*catalog.Policy))
	case *catalog.View:
		f |= viewFlags(a, to.Value.(*catalog.View))
	case *catalog.Function:
		f |= functionFlags(a, to.Value.(*catalog.Function))
	case *catalog.Index:
		x, y := *a, *to.Value.(*catalog.Index)
		x.Definition, y.Definition = NormalizeExpr(x.Definition), NormalizeExpr(y.Definition)
		x.Predicate, y.Predicate = NormalizeExpr(x.Predicate), NormalizeExpr(y.Predicate)
		f |= set(!sameBody(&x, &y), Definition)
	case *catalog.Extension:
		b := to.Value.(*catalog.Extension)
		f |= set(a.Version != b.Version, ExtensionVersion) | set(a.Schema != b.Schema, ExtensionSchema)
	case *catalog.Publication:
		b := to.Value.(*catalog.Publication)
		f |= set(a.AllTables != b.AllTables, Definition) |
			set(!reflect.DeepEqual(a.Tables, b.Tables) || !slices.Equal(a.Schemas, b.Schemas), PublicationObjects) |
			set(!slices.Equal(a.Publish, b.Publish) || a.ViaRoot != b.ViaRoot, PublicationOptions)
	case *catalog.Rule:
		b := to.Value.(*catalog.Rule)
		f |= set(a.Definition != b.Definition, Definition) | set(a.Enabled != b.Enabled, RuleEnabled)
	case *catalog.Statistics:
		b := to.Value.(*catalog.Statistics)
		f |= set(a.Target != b.Target, StatisticsTarget) |
			set(a.Table != b.Table || a.Definition != b.Definition, Definition)
	case *catalog.TextSearchConfig:
		b := to.Value.(*catalog.TextSearchConfig)
		f |= set(a.Parser != b.Parser, Definition) |
			set(!reflect.DeepEqual(a.Mappings, b.Mappings), TextSearchMappings)
	case *catalog.EventTrigger:
		b := to.Value.(*catalog.EventTrigger)
		f |= set(a.Enabled != b.Enabled, EventTriggerEnabled) |
			set(a.Event != b.Event || a.Function != b.Function || !slices.Equal(a.Tags, b.Tags), Definition)
	default:
		f |= set(!sameBody(from.Value, to.Value), Definition)
	}
	return f
}

// sameBody compares two values of the same type ignoring their Meta.
func sameBody(a, b any) bool {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		if va.Type().Field(i).Name == "Meta" {
			continue
		}
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return false
		}
	}
	return true
}

func columnFlags(a, b *catalog.Column) Flag {
	return set(a.Type != b.Type, ColumnType) |
		set(a.Collation != b.Collation, ColumnCollation) |
		set(NormalizeExpr(a.Default) != NormalizeExpr(b.Default), ColumnDefault) |
		set(a.NotNull != b.NotNull, ColumnNotNull) |
		set(a.Identity != b.Identity, ColumnIdentity) |
		set(!reflect.DeepEqual(a.IdentitySequence, b.IdentitySequence), ColumnIdentityOptions) |
		set(a.Generated != b.Generated, ColumnGenerated) |
		set(a.Storage != b.Storage, ColumnStorage) |
		set(!reflect.DeepEqual(a.Statistics, b.Statistics), ColumnStatistics) |
		set(a.Position != b.Position, ColumnPosition) |
		set(a.Inherited != b.Inherited, ColumnInherited)
}

func tableFlags(a, b *catalog.Table) Flag {
	return set(!slices.Equal(a.Options, b.Options), TableOptions) |
		set(a.RowSecurity != b.RowSecurity || a.ForceRowSecurity != b.ForceRowSecurity, TableRowSecurity) |
		set(a.ReplicaIdentity != b.ReplicaIdentity, TableReplicaIdentity) |
		set(a.Persistence != b.Persistence, TablePersistence) |
		set(a.PartitionKey != b.PartitionKey || a.PartitionOf != b.PartitionOf ||
			a.PartitionBound != b.PartitionBound || !slices.Equal(a.Inherits, b.Inherits) ||
			a.AccessMethod != b.AccessMethod, TablePartitioning)
}

func domainFlags(a, b *catalog.Domain) Flag {
	return set(a.BaseType != b.BaseType || a.Collation != b.Collation, Definition) |
		set(a.Default != b.Default, DomainDefault) |
		set(a.NotNull != b.NotNull, DomainNotNull) |
		set(!reflect.DeepEqual(a.Constraints, b.Constraints), DomainConstraints)
}

func constraintFlags(a, b *catalog.Constraint) Flag {
	x, y := *a, *b
	x.Meta, y.Meta = catalog.Meta{}, catalog.Meta{}
	f := set(x.NotValid != y.NotValid, ConstraintValidated)
	x.NotValid, y.NotValid = false, false
	x.Definition = NormalizeExpr(trimNotValid(x.Definition))
	y.Definition = NormalizeExpr(trimNotValid(y.Definition))
	return f | set(!reflect.DeepEqual(x, y), Definition)
}

func trimNotValid(def string) string {
	const s = " NOT VALID"
	if len(def) >= len(s) && def[len(def)-len(s):] == s {
		return def[:len(def)-len(s)]
	}
	return def
}

func policyFlags(a, b *catalog.Policy) Flag {
	return set(a.Permissive != b.Permissive || a.Command != b.Command, Definition) |
		set(!slices.Equal(a.Roles, b.Roles), PolicyRoles) |
		set(NormalizeExpr(a.Using) != NormalizeExpr(b.Using), PolicyUsing) |
		set(NormalizeExpr(a.WithCheck) != NormalizeExpr(b.WithCheck), PolicyCheck)
}

func viewFlags(a, b *catalog.View) Flag {
	return set(!slices.Equal(a.Options, b.Options) || a.CheckOption != b.CheckOption, ViewOptions) |
		set(NormalizeExpr(a.Definition) != NormalizeExpr(b.Definition) || !sameColumns(a.Columns, b.Columns), ViewQuery)
}

func sameColumns(a, b []*catalog.Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Type != b[i].Type || a[i].Collation != b[i].Collation {
			return false
		}
	}
	return true
}

func functionFlags(a, b *catalog.Function) Flag {
	if a.Result != b.Result || a.Arguments != b.Arguments || a.Procedure != b.Procedure {
		return Definition
	}
	return set(a.Definition != b.Definition || !sameBody(a, b), FunctionBody)
}
