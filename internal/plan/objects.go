package plan

import (
	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// CreateSQL returns the statements creating obj from nothing, with its
// owner, comment and privileges, as a full-create plan renders them.
// Sub-objects (constraints, indexes, triggers, policies) are objects of
// their own; a table's columns are part of the table.
func CreateSQL(obj catalog.Object) []string {
	var out []string
	for _, s := range createObject(obj, false, "") {
		out = append(out, s.sql)
	}
	// A plan attaches a sequence to its column once the table exists;
	// the object's definition includes it.
	if seq, ok := obj.Value.(*catalog.Sequence); ok && seq.OwnedBy != "" {
		out = append(out, ownedBySQL(obj.Key, seq.OwnedBy).sql)
	}
	return out
}

// createObject renders the creation of o; online applies to sub-objects
// of existing tables.
func createObject(o catalog.Object, online bool, role string) []stmt {
	k := o.Key
	meta := func(out []stmt) []stmt { return append(out, metaStmts(k, nil, o.Meta, role)...) }
	switch v := o.Value.(type) {
	case *catalog.Schema:
		return meta([]stmt{{sql: "CREATE SCHEMA " + ident(k.Name), desc: "create " + k.String()}})
	case *catalog.Extension:
		out := createExtension(k, v)
		if v.Comment != "" {
			out = append(out, commentStmt(k, v.Comment))
		}
		return out
	case *catalog.Collation:
		return meta(createCollation(k, v))
	case *catalog.TextSearchConfig:
		return meta(createTextSearchConfig(k, v))
	case *catalog.TextSearchDict:
		return meta(createTextSearchDict(k, v))
	case *catalog.Statistics:
		return meta(createStatistics(k, v))
	case *catalog.Enum:
		return meta(createEnum(k, v))
	case *catalog.Domain:
		return meta(createDomain(k, v))
	case *catalog.CompositeType:
		return meta(createComposite(k, v))
	case *catalog.RangeType:
		return meta(createRange(k, v))
	case *catalog.Sequence:
		return meta(createSequence(k, v))
	case *catalog.Table:
		return meta(createTable(k, v))
	case *catalog.Column:
		if v.Inherited {
			return nil
		}
		return meta(addColumn(k, v))
	case *catalog.Constraint:
		if v.Inherited {
			return nil
		}
		return meta(addConstraint(k, v, online, online))
	case *catalog.Index:
		if v.Constraint != "" || v.Parent != "" {
			return meta(nil)
		}
		return meta(createIndex(k, v, online))
	case *catalog.Trigger:
		return meta(createTrigger(k, v))
	case *catalog.Rule:
		return meta(createRule(k, v))
	case *catalog.Publication:
		return meta(createPublication(k, v))
	case *catalog.Policy:
		return meta(createPolicy(k, v))
	case *catalog.View:
		return append(meta(createView(k, v, false)), viewColumnMeta(k, nil, v)...)
	case *catalog.Function:
		return meta(createFunction(k, v))
	case *catalog.Aggregate:
		return meta(createAggregate(k, v))
	case *catalog.EventTrigger:
		return meta(createEventTrigger(k, v))
	case *catalog.DefaultPrivileges:
		return defaultPrivStmts(k, v, defaultPrivBase(v), v.ACL)
	}
	return nil
}

// dropSQL renders the removal of o.
func dropSQL(o catalog.Object, online bool) []stmt {
	k := o.Key
	simple := func(word, ref string, hz ...Hazard) []stmt {
		return []stmt{{sql: "DROP " + word + " " + ref, desc: "drop " + k.String(), hazards: hz}}
	}
	switch v := o.Value.(type) {
	case *catalog.Schema:
		return simple("SCHEMA", ident(k.Name))
	case *catalog.Extension:
		return simple("EXTENSION", ident(k.Name))
	case *catalog.Sequence:
		return simple("SEQUENCE IF EXISTS", qname(k.Schema, k.Name), DeletesData, Irreversible)
	case *catalog.Table:
		return simple("TABLE", qname(k.Schema, k.Name), DeletesData, Irreversible)
	case *catalog.Column:
		if v.Inherited {
			return nil
		}
		return []stmt{{sql: alterTable(k) + " DROP COLUMN " + ident(k.Name), desc: "drop " + k.String(),
			hazards: []Hazard{DeletesData, Irreversible, AccessExclusiveLock}}}
	case *catalog.Constraint:
		if v.Inherited {
			return nil
		}
		return dropConstraint(k)
	case *catalog.Index:
		if v.Constraint != "" || v.Parent != "" {
			return nil
		}
		return dropIndex(k, online)
	case *catalog.Trigger:
		return dropTrigger(k)
	case *catalog.Rule:
		return []stmt{{sql: "DROP RULE " + ident(k.Name) + " ON " + relName(k), desc: "drop " + k.String()}}
	case *catalog.Policy:
		return dropPolicy(k)
	case *catalog.Aggregate:
		if v.Signature == "" {
			return simple("AGGREGATE", qname(k.Schema, v.Name)+"(*)")
		}
		word, ref := objectRef(k)
		return simple(word, ref)
	case *catalog.Publication:
		return simple("PUBLICATION", ident(k.Name), StopsReplication)
	case *catalog.View, *catalog.Function, *catalog.EventTrigger,
		*catalog.Enum, *catalog.CompositeType, *catalog.RangeType:
		word, ref := objectRef(k)
		return simple(word, ref)
	case *catalog.Domain, *catalog.Collation, *catalog.TextSearchConfig, *catalog.TextSearchDict, *catalog.Statistics:
		word, ref := objectRef(k)
		return simple(word, ref)
	case *catalog.DefaultPrivileges:
		return defaultPrivStmts(k, v, v.ACL, defaultPrivBase(v))
	}
	return nil
}

// alterObject renders an in-place modification; pre must run before the
// objects the old definition used are dropped.
func alterObject(from, to catalog.Object, f diff.Flag, online bool, role string, viaText bool) (pre, main []stmt) {
	k := to.Key
	switch a := from.Value.(type) {
	case *catalog.Column:
		// A view column's flags are reduced to owner, comment and ACL by
		// diff, so only those render.
		pre, main = alterColumn(k, a, to.Value.(*catalog.Column), f, online, viaText)
	case *catalog.Table:
		main = alterTableStmts(k, a, to.Value.(*catalog.Table), f)
	case *catalog.Enum:
		main = addEnumValues(k, a.Labels, to.Value.(*catalog.Enum).Labels)
	case *catalog.Statistics:
		if f.Has(diff.StatisticsTarget) {
			main = []stmt{statisticsTarget(k, to.Value.(*catalog.Statistics).Target)}
		}
	case *catalog.TextSearchConfig:
		if f.Has(diff.TextSearchMappings) {
			main = alterTextSearchMappings(k, a.Mappings, to.Value.(*catalog.TextSearchConfig).Mappings)
		}
	case *catalog.Domain:
		main = alterDomain(k, a, to.Value.(*catalog.Domain), f)
	case *catalog.CompositeType:
		main, _ = alterComposite(k, a, to.Value.(*catalog.CompositeType))
	case *catalog.Sequence:
		main = alterSequence(k, a, to.Value.(*catalog.Sequence), f)
	case *catalog.Constraint:
		if f.Has(diff.ConstraintValidated) {
			main = []stmt{validateConstraint(k, online)}
		}
	case *catalog.Rule:
		main = alterRule(k, to.Value.(*catalog.Rule), f)
	case *catalog.Publication:
		main = alterPublication(k, a, to.Value.(*catalog.Publication), f)
	case *catalog.Trigger:
		if f.Has(diff.TriggerEnabled) {
			main = []stmt{triggerEnabled(k, to.Value.(*catalog.Trigger).Enabled)}
		}
	case *catalog.Policy:
		if f.Any(diff.PolicyRoles | diff.PolicyUsing | diff.PolicyCheck) {
			main = alterPolicy(k, a, to.Value.(*catalog.Policy))
		}
	case *catalog.View:
		main = alterView(k, a, to.Value.(*catalog.View), f)
	case *catalog.Function:
		if f.Has(diff.FunctionBody) {
			main = createFunction(k, to.Value.(*catalog.Function))
		}
	case *catalog.Extension:
		main = alterExtension(k, a, to.Value.(*catalog.Extension), f)
		if f.Has(diff.Comment) {
			main = append(main, commentStmt(k, to.Meta.Comment))
		}
		return pre, main
	case *catalog.EventTrigger:
		if f.Has(diff.EventTriggerEnabled) {
			main = []stmt{eventTriggerEnabled(k, to.Value.(*catalog.EventTrigger).Enabled)}
		}
	case *catalog.DefaultPrivileges:
		return nil, defaultPrivStmts(k, a, a.ACL, to.Meta.ACL)
	}
	if f.Any(diff.Owner | diff.Comment | diff.ACL) {
		main = append(main, metaStmts(k, from.Meta, to.Meta, role)...)
	}
	return pre, main
}

func alterView(k catalog.Key, a, b *catalog.View, f diff.Flag) []stmt {
	var out []stmt
	if f.Has(diff.ViewQuery) {
		out = append(out, createView(k, b, true)...)
	} else if f.Has(diff.ViewOptions) {
		out = append(out, alterViewOptions(k, a, b)...)
	}
	return out
}
