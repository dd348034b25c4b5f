package inspect

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// reader holds the rows of every query of one inspection; each query
// writes only its own field, so queries run concurrently without locks.
type reader struct {
	version       int
	schemas       []*schemaRow
	extensions    []*extensionRow
	collations    []*collationRow
	tsDicts       []*textSearchDictRow
	tsConfigs     []*textSearchConfigRow
	statistics    []*statisticsRow
	enums         []*enumRow
	domains       []*domainRow
	composites    []*compositeRow
	ranges        []*rangeRow
	sequences     []*sequenceRow
	tables        []*tableRow
	columns       []*columnRow
	constraints   []*constraintRow
	indexes       []*indexRow
	views         []*viewRow
	triggers      []*triggerRow
	policies      []*policyRow
	rules         []*ruleRow
	publications  []*publicationRow
	functions     []*functionRow
	aggregates    []*aggregateRow
	eventTriggers []*eventTriggerRow
	defaultPrivs  []*defaultPrivilegesRow
	depends       []*dependRow
	comments      []*commentRow
}

func newReader(version int) *reader { return &reader{version: version} }

// queries lists every catalog query, slowest first so they start early.
var queries = []query{
	{name: "columns", scan: collect(func(r *reader) *[]*columnRow { return &r.columns })},
	{name: "depends", scan: scanDepends},
	{name: "constraints", scan: collect(func(r *reader) *[]*constraintRow { return &r.constraints })},
	{name: "indexes", scan: collect(func(r *reader) *[]*indexRow { return &r.indexes })},
	{name: "tables", scan: collect(func(r *reader) *[]*tableRow { return &r.tables })},
	{name: "functions", scan: collect(func(r *reader) *[]*functionRow { return &r.functions })},
	{name: "views", scan: collect(func(r *reader) *[]*viewRow { return &r.views })},
	{name: "sequences", scan: collect(func(r *reader) *[]*sequenceRow { return &r.sequences })},
	{name: "triggers", scan: collect(func(r *reader) *[]*triggerRow { return &r.triggers })},
	{name: "policies", scan: collect(func(r *reader) *[]*policyRow { return &r.policies })},
	{name: "publications", scan: collect(func(r *reader) *[]*publicationRow { return &r.publications })},
	{name: "rules", scan: collect(func(r *reader) *[]*ruleRow { return &r.rules })},
	{name: "schemas", scan: collect(func(r *reader) *[]*schemaRow { return &r.schemas })},
	{name: "extensions", scan: collect(func(r *reader) *[]*extensionRow { return &r.extensions })},
	{name: "collations", scan: collect(func(r *reader) *[]*collationRow { return &r.collations })},
	{name: "text_search_dicts", scan: collect(func(r *reader) *[]*textSearchDictRow { return &r.tsDicts })},
	{name: "statistics", scan: collect(func(r *reader) *[]*statisticsRow { return &r.statistics })},
	{name: "text_search_configs", scan: collect(func(r *reader) *[]*textSearchConfigRow { return &r.tsConfigs })},
	{name: "enums", scan: collect(func(r *reader) *[]*enumRow { return &r.enums })},
	{name: "domains", scan: collect(func(r *reader) *[]*domainRow { return &r.domains })},
	{name: "composites", scan: collect(func(r *reader) *[]*compositeRow { return &r.composites })},
	{name: "ranges", scan: collect(func(r *reader) *[]*rangeRow { return &r.ranges })},
	{name: "aggregates", scan: collect(func(r *reader) *[]*aggregateRow { return &r.aggregates })},
	{name: "event_triggers", scan: collect(func(r *reader) *[]*eventTriggerRow { return &r.eventTriggers })},
	{name: "default_privileges", scan: collect(func(r *reader) *[]*defaultPrivilegesRow { return &r.defaultPrivs })},
	{name: "comments", scan: collect(func(r *reader) *[]*commentRow { return &r.comments })},
}

// assemble builds the catalog from the rows: sub-objects are attached to
// their relation and dependencies resolved from OIDs to keys.
func (r *reader) assemble() *catalog.Catalog {
	c := &catalog.Catalog{}
	ids := newIDMap()
	r.assembleTypes(c, ids)
	rels := r.assembleRelations(c, ids)
	r.attachColumns(rels, ids)
	r.attachIndexes(rels, ids)
	r.attachConstraints(rels, ids)
	r.attachTriggers(rels, ids)
	r.attachPolicies(rels, ids)
	r.attachRules(rels, ids)
	r.assembleRoutines(c, ids)
	ids.resolve(r.depends)
	ids.comment(r.comments)
	return c
}

// assembleTypes adds schemas, extensions, collations, text search
// dictionaries and configurations, extended statistics, types and
// sequences.
func (r *reader) assembleTypes(c *catalog.Catalog, ids *idMap) {
	for _, s := range r.schemas {
		c.Schemas = append(c.Schemas, &s.Schema)
		ids.add(classNamespace, s.OID, 0, s.Key(), &s.Meta)
	}
	for _, e := range r.extensions {
		c.Extensions = append(c.Extensions, &e.Extension)
		ids.add(classExtension, e.OID, 0, e.Key(), &e.Meta)
	}
	for _, o := range r.collations {
		c.Collations = append(c.Collations, &o.Collation)
		ids.add(classCollation, o.OID, 0, o.Key(), &o.Meta)
	}
	for _, o := range r.tsDicts {
		c.TextSearchDicts = append(c.TextSearchDicts, &o.TextSearchDict)
		ids.add(classTSDict, o.OID, 0, o.Key(), &o.Meta)
	}
	for _, o := range r.statistics {
		c.Statistics = append(c.Statistics, &o.Statistics)
		ids.add(classStatistics, o.OID, 0, o.Key(), &o.Meta)
	}
	for _, o := range r.tsConfigs {
		c.TextSearchConfigs = append(c.TextSearchConfigs, &o.TextSearchConfig)
		ids.add(classTSConfig, o.OID, 0, o.Key(), &o.Meta)
	}
	for _, o := range r.enums {
		c.Enums = append(c.Enums, &o.Enum)
		ids.addType(o.OID, o.ArrayOID, o.Key(), &o.Meta)
	}
	for _, o := range r.domains {
		c.Domains = append(c.Domains, &o.Domain)
		ids.addType(o.OID, o.ArrayOID, o.Key(), &o.Meta)
		for _, con := range o.ConstraintOIDs {
			ids.alias(classConstraint, con, 0, o.Key(), &o.Meta)
		}
	}
	for _, o := range r.composites {
		c.CompositeTypes = append(c.CompositeTypes, &o.CompositeType)
		ids.addType(o.OID, o.ArrayOID, o.Key(), &o.Meta)
		ids.alias(classRelation, o.RelOID, 0, o.Key(), &o.Meta)
	}
	for _, o := range r.ranges {
		c.RangeTypes = append(c.RangeTypes, &o.RangeType)
		ids.addType(o.OID, o.ArrayOID, o.Key(), &o.Meta)
	}
	for _, o := range r.sequences {
		c.Sequences = append(c.Sequences, &o.Sequence)
		ids.add(classRelation, o.OID, 0, o.Key(), &o.Meta)
	}
}

// relation is a table or view that sub-objects attach to.
type relation struct {
	table *catalog.Table
	view  *catalog.View
}

// relKey identifies a relation by schema and name while assembling.
type relKey struct{ schema, name string }

// assembleRelations adds tables and views and returns them by name.
func (r *reader) assembleRelations(c *catalog.Catalog, ids *idMap) map[relKey]relation {
	rels := make(map[relKey]relation, len(r.tables)+len(r.views))
	for _, t := range r.tables {
		c.Tables = append(c.Tables, &t.Table)
		rels[relKey{t.Schema, t.Name}] = relation{table: &t.Table}
		ids.add(classRelation, t.OID, 0, t.Key(), &t.Meta)
		ids.alias(classType, t.TypeOID, 0, t.Key(), &t.Meta)
	}
	for _, v := range r.views {
		kind := catalog.KindView
		if v.Relkind == "m" {
			kind = catalog.KindMaterializedView
			c.MaterializedViews = append(c.MaterializedViews, &v.View)
		} else {
			c.Views = append(c.Views, &v.View)
		}
		v.CheckOption = checkOption(v.Options)
		rels[relKey{v.Schema, v.Name}] = relation{view: &v.View}
		ids.add(classRelation, v.OID, 0, v.Key(kind), &v.Meta)
		ids.alias(classType, v.TypeOID, 0, v.Key(kind), &v.Meta)
	}
	return rels
}

// checkOption extracts WITH CHECK OPTION from view reloptions.
func checkOption(options []string) string {
	for _, o := range options {
		if v, ok := strings.CutPrefix(o, "check_option="); ok {
			return v
		}
	}
	return ""
}

// subKey returns the key of a sub-object of a relation.
func subKey(kind catalog.Kind, schema, table, name string) catalog.Key {
	return catalog.Key{Kind: kind, Schema: schema, Table: table, Name: name}
}

func (r *reader) attachColumns(rels map[relKey]relation, ids *idMap) {
	numberColumns(r.columns)
	for _, col := range r.columns {
		rel, ok := rels[relKey{col.Schema, col.TableName}]
		if !ok {
			continue
		}
		switch {
		case rel.table != nil:
			rel.table.Columns = append(rel.table.Columns, &col.Column)
		default:
			rel.view.Columns = append(rel.view.Columns, &col.Column)
		}
		ids.add(classRelation, col.RelOID, col.Attnum,
			subKey(catalog.KindColumn, col.Schema, col.TableName, col.Name), &col.Meta)
	}
}

// numberColumns sets each column's position among its relation's live
// columns, in attnum order.
func numberColumns(cols []*columnRow) {
	slices.SortFunc(cols, func(a, b *columnRow) int {
		if c := cmp.Compare(a.RelOID, b.RelOID); c != 0 {
			return c
		}
		return cmp.Compare(a.Attnum, b.Attnum)
	})
	for i, col := range cols {
		if i == 0 || cols[i-1].RelOID != col.RelOID {
			col.Position = 1
		} else {
			col.Position = cols[i-1].Position + 1
		}
	}
}

func (r *reader) attachIndexes(rels map[relKey]relation, ids *idMap) {
	for _, idx := range r.indexes {
		rel, ok := rels[relKey{idx.Schema, idx.TableName}]
		if !ok {
			continue
		}
		if rel.table != nil {
			rel.table.Indexes = append(rel.table.Indexes, &idx.Index)
		} else {
			rel.view.Indexes = append(rel.view.Indexes, &idx.Index)
		}
		ids.add(classRelation, idx.OID, 0,
			subKey(catalog.KindIndex, idx.Schema, idx.TableName, idx.Name), &idx.Meta)
	}
}

func (r *reader) attachTriggers(rels map[relKey]relation, ids *idMap) {
	for _, t := range r.triggers {
		rel, ok := rels[relKey{t.Schema, t.TableName}]
		if !ok {
			continue
		}
		if rel.table != nil {
			rel.table.Triggers = append(rel.table.Triggers, &t.Trigger)
		} else {
			rel.view.Triggers = append(rel.view.Triggers, &t.Trigger)
		}
		ids.add(classTrigger, t.OID, 0,
			subKey(catalog.KindTrigger, t.Schema, t.TableName, t.Name), &t.Meta)
	}
}

func (r *reader) attachRules(rels map[relKey]relation, ids *idMap) {
	for _, o := range r.rules {
		rel, ok := rels[relKey{o.Schema, o.TableName}]
		if !ok {
			continue
		}
		if rel.table != nil {
			rel.table.Rules = append(rel.table.Rules, &o.Rule)
		} else {
			rel.view.Rules = append(rel.view.Rules, &o.Rule)
		}
		ids.add(classRewrite, o.OID, 0, subKey(catalog.KindRule, o.Schema, o.TableName, o.Name), &o.Meta)
	}
}

func (r *reader) attachPolicies(rels map[relKey]relation, ids *idMap) {
	for _, p := range r.policies {
		rel, ok := rels[relKey{p.Schema, p.TableName}]
		if !ok || rel.table == nil {
			continue
		}
		rel.table.Policies = append(rel.table.Policies, &p.Policy)
		ids.add(classPolicy, p.OID, 0,
			subKey(catalog.KindPolicy, p.Schema, p.TableName, p.Name), &p.Meta)
	}
}

// assembleRoutines adds functions, aggregates, event triggers and default
// privileges.
func (r *reader) assembleRoutines(c *catalog.Catalog, ids *idMap) {
	for _, f := range r.functions {
		c.Functions = append(c.Functions, &f.Function)
		ids.add(classProc, f.OID, 0, f.Key(), &f.Meta)
	}
	for _, a := range r.aggregates {
		c.Aggregates = append(c.Aggregates, &a.Aggregate)
		ids.add(classProc, a.OID, 0, a.Key(), &a.Meta)
	}
	for _, e := range r.eventTriggers {
		c.EventTriggers = append(c.EventTriggers, &e.EventTrigger)
		ids.add(classEventTrigger, e.OID, 0, e.Key(), &e.Meta)
	}
	for _, p := range r.publications {
		c.Publications = append(c.Publications, &p.Publication)
		ids.add(classPublication, p.OID, 0, p.Key(), &p.Meta)
	}
	for _, d := range r.defaultPrivs {
		c.DefaultPrivileges = append(c.DefaultPrivileges, &d.DefaultPrivileges)
	}
}
