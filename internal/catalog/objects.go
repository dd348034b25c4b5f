package catalog

// Object is one object of a catalog with its key: Value is a pointer to
// the object's type (*Table, *Column, *Function ...) and Meta its common
// fields.
type Object struct {
	Key   Key
	Meta  *Meta
	Value any
}

// Objects returns every object of the catalog, sub-objects included, in
// deterministic order (each relation followed by its sub-objects).
func (c *Catalog) Objects() []Object {
	c.Normalize()
	return c.objects()
}

func (c *Catalog) objects() []Object {
	var out []Object
	add := func(k Key, m *Meta, v any) { out = append(out, Object{Key: k, Meta: m, Value: v}) }
	for _, s := range c.Schemas {
		add(s.Key(), &s.Meta, s)
	}
	for _, e := range c.Extensions {
		add(e.Key(), &e.Meta, e)
	}
	for _, o := range c.Collations {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.TextSearchDicts {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.TextSearchConfigs {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.Enums {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.Domains {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.CompositeTypes {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.RangeTypes {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.Sequences {
		add(o.Key(), &o.Meta, o)
	}
	for _, t := range c.Tables {
		add(t.Key(), &t.Meta, t)
		out = t.appendSubObjects(out)
	}
	for _, v := range c.Views {
		add(v.Key(KindView), &v.Meta, v)
		out = v.appendSubObjects(out)
	}
	for _, v := range c.MaterializedViews {
		add(v.Key(KindMaterializedView), &v.Meta, v)
		out = v.appendSubObjects(out)
	}
	for _, o := range c.Statistics {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.Functions {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.Aggregates {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.EventTriggers {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.Publications {
		add(o.Key(), &o.Meta, o)
	}
	for _, o := range c.DefaultPrivileges {
		add(o.Key(), &o.Meta, o)
	}
	return out
}

func (t *Table) appendSubObjects(out []Object) []Object {
	return appendSub(out, t.Schema, t.Name, t.Columns, t.Constraints, t.Indexes, t.Triggers, t.Rules, t.Policies)
}

func (v *View) appendSubObjects(out []Object) []Object {
	return appendSub(out, v.Schema, v.Name, v.Columns, nil, v.Indexes, v.Triggers, v.Rules, nil)
}

func appendSub(out []Object, schema, table string, cols []*Column, cons []*Constraint,
	idx []*Index, trg []*Trigger, rules []*Rule, pol []*Policy) []Object {
	sub := func(kind Kind, name string) Key {
		return Key{Kind: kind, Schema: schema, Table: table, Name: name}
	}
	for _, o := range cols {
		out = append(out, Object{Key: sub(KindColumn, o.Name), Meta: &o.Meta, Value: o})
	}
	for _, o := range cons {
		out = append(out, Object{Key: sub(KindConstraint, o.Name), Meta: &o.Meta, Value: o})
	}
	for _, o := range idx {
		out = append(out, Object{Key: sub(KindIndex, o.Name), Meta: &o.Meta, Value: o})
	}
	for _, o := range trg {
		out = append(out, Object{Key: sub(KindTrigger, o.Name), Meta: &o.Meta, Value: o})
	}
	for _, o := range rules {
		out = append(out, Object{Key: sub(KindRule, o.Name), Meta: &o.Meta, Value: o})
	}
	for _, o := range pol {
		out = append(out, Object{Key: sub(KindPolicy, o.Name), Meta: &o.Meta, Value: o})
	}
	return out
}

// Index returns every object of the catalog by key.
func (c *Catalog) Index() map[Key]Object {
	objs := c.Objects()
	m := make(map[Key]Object, len(objs))
	for _, o := range objs {
		m[o.Key] = o
	}
	return m
}

// Lookup returns the object with the given key. For repeated look-ups,
// build the map once with Index.
func (c *Catalog) Lookup(k Key) (Object, bool) {
	for _, o := range c.Objects() {
		if o.Key == k {
			return o, true
		}
	}
	return Object{}, false
}

// Table returns the table with the given schema and name, or nil.
func (c *Catalog) Table(schema, name string) *Table {
	for _, t := range c.Tables {
		if t.Schema == schema && t.Name == name {
			return t
		}
	}
	return nil
}

// Key returns the schema's key.
func (s *Schema) Key() Key { return Key{Kind: KindSchema, Name: s.Name} }

// Key returns the extension's key.
func (e *Extension) Key() Key { return Key{Kind: KindExtension, Name: e.Name} }

// Key returns the collation's key.
func (o *Collation) Key() Key { return Key{Kind: KindCollation, Schema: o.Schema, Name: o.Name} }

// Key returns the publication's key.
func (o *Publication) Key() Key { return Key{Kind: KindPublication, Name: o.Name} }

// Key returns the text search dictionary's key.
func (o *TextSearchDict) Key() Key {
	return Key{Kind: KindTextSearchDict, Schema: o.Schema, Name: o.Name}
}

// Key returns the statistics object's key.
func (o *Statistics) Key() Key { return Key{Kind: KindStatistics, Schema: o.Schema, Name: o.Name} }

// Key returns the text search configuration's key.
func (o *TextSearchConfig) Key() Key {
	return Key{Kind: KindTextSearchConfig, Schema: o.Schema, Name: o.Name}
}

// Key returns the enum's key.
func (o *Enum) Key() Key { return Key{Kind: KindEnum, Schema: o.Schema, Name: o.Name} }

// Key returns the domain's key.
func (o *Domain) Key() Key { return Key{Kind: KindDomain, Schema: o.Schema, Name: o.Name} }

// Key returns the composite type's key.
func (o *CompositeType) Key() Key {
	return Key{Kind: KindCompositeType, Schema: o.Schema, Name: o.Name}
}

// Key returns the range type's key.
func (o *RangeType) Key() Key { return Key{Kind: KindRangeType, Schema: o.Schema, Name: o.Name} }

// Key returns the sequence's key.
func (o *Sequence) Key() Key { return Key{Kind: KindSequence, Schema: o.Schema, Name: o.Name} }

// Key returns the table's key.
func (t *Table) Key() Key { return Key{Kind: KindTable, Schema: t.Schema, Name: t.Name} }

// Key returns the view's key; kind is KindView or KindMaterializedView.
func (v *View) Key(kind Kind) Key { return Key{Kind: kind, Schema: v.Schema, Name: v.Name} }

// Key returns the function's or procedure's key.
func (f *Function) Key() Key {
	kind := KindFunction
	if f.Procedure {
		kind = KindProcedure
	}
	return Key{Kind: kind, Schema: f.Schema, Name: f.Name + "(" + f.Signature + ")"}
}

// Key returns the aggregate's key.
func (a *Aggregate) Key() Key {
	return Key{Kind: KindAggregate, Schema: a.Schema, Name: a.Name + "(" + a.Signature + ")"}
}

// Key returns the event trigger's key.
func (o *EventTrigger) Key() Key { return Key{Kind: KindEventTrigger, Name: o.Name} }

// Key returns the default privileges entry's key.
func (o *DefaultPrivileges) Key() Key {
	return Key{Kind: KindDefaultPrivileges, Schema: o.Schema, Name: o.Role + " " + o.ObjectType}
}
