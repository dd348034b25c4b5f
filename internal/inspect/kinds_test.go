package inspect_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/inspect"
)

// kindCase creates objects in a fresh database and checks what one of
// them reads back as.
type kindCase struct {
	name  string
	sql   string
	key   catalog.Key
	check func(t *testing.T, o catalog.Object)
}

func TestInspectKinds(t *testing.T) {
	t.Parallel()
	var cases []kindCase
	cases = append(cases, typeCases...)
	cases = append(cases, relationCases...)
	cases = append(cases, subObjectCases...)
	cases = append(cases, routineCases...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := load(t, "CREATE SCHEMA app;\n"+tc.sql)
			c := read(t, url, inspect.Options{})
			o, ok := c.Lookup(tc.key)
			if !ok {
				t.Fatalf("%s not found; catalog has %v", tc.key, keys(c))
			}
			tc.check(t, o)
		})
	}
}

func keys(c *catalog.Catalog) []string {
	var out []string
	for _, o := range c.Objects() {
		out = append(out, o.Key.String())
	}
	return out
}

// eq fails the test when got and want differ.
func eq[T any](t *testing.T, field string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", field, got, want)
	}
}

// as returns the object's value as T, failing the test otherwise.
func as[T any](t *testing.T, o catalog.Object) T {
	t.Helper()
	v, ok := o.Value.(T)
	if !ok {
		t.Fatalf("%s is %T", o.Key, o.Value)
	}
	return v
}

// hasDep fails the test unless the object depends on want.
func hasDep(t *testing.T, o catalog.Object, want catalog.Key) {
	t.Helper()
	if !slices.Contains(o.Meta.DependsOn, want) {
		t.Errorf("%s depends on %v, want it to include %s", o.Key, o.Meta.DependsOn, want)
	}
}

func key(kind catalog.Kind, schema, name string) catalog.Key {
	return catalog.Key{Kind: kind, Schema: schema, Name: name}
}

func sub(kind catalog.Kind, table, name string) catalog.Key {
	return catalog.Key{Kind: kind, Schema: "app", Table: table, Name: name}
}

var typeCases = []kindCase{
	{
		name: "schema",
		sql: `COMMENT ON SCHEMA app IS 'the app';
GRANT USAGE ON SCHEMA app TO app_reader;`,
		key: catalog.Key{Kind: catalog.KindSchema, Name: "app"},
		check: func(t *testing.T, o catalog.Object) {
			s := as[*catalog.Schema](t, o)
			eq(t, "owner", s.Owner, "postgres")
			eq(t, "comment", s.Comment, "the app")
			eq(t, "acl", s.ACL, []string{"app_reader=U/postgres", "postgres=UC/postgres"})
		},
	},
	{
		name: "extension",
		sql:  `CREATE EXTENSION citext WITH SCHEMA app;`,
		key:  catalog.Key{Kind: catalog.KindExtension, Name: "citext"},
		check: func(t *testing.T, o catalog.Object) {
			e := as[*catalog.Extension](t, o)
			eq(t, "schema", e.Schema, "app")
			if e.Version == "" {
				t.Error("version is empty")
			}
		},
	},
	{
		name: "text search configuration",
		sql: `CREATE TEXT SEARCH CONFIGURATION app.names (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION app.names ALTER MAPPING FOR asciiword WITH english_stem, simple;
ALTER TEXT SEARCH CONFIGURATION app.names DROP MAPPING FOR int, uint;
COMMENT ON TEXT SEARCH CONFIGURATION app.names IS 'names';
CREATE TABLE app.docs (body text);
CREATE INDEX docs_body ON app.docs USING gin (to_tsvector('app.names', body));`,
		key: key(catalog.KindTextSearchConfig, "app", "names"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.TextSearchConfig](t, o)
			eq(t, "parser", c.Parser, "\"default\"")
			eq(t, "comment", c.Comment, "names")
			eq(t, "owner", c.Owner, "postgres")
			byToken := map[string][]string{}
			for _, m := range c.Mappings {
				byToken[m.TokenType] = m.Dictionaries
			}
			eq(t, "asciiword", byToken["asciiword"], []string{"english_stem", "simple"})
			eq(t, "word", byToken["word"], []string{"simple"})
			if _, ok := byToken["int"]; ok {
				t.Error("int's mapping was dropped")
			}
			if !slices.IsSortedFunc(c.Mappings, func(a, b *catalog.TextSearchMapping) int { return strings.Compare(a.TokenType, b.TokenType) }) {
				t.Error("mappings are not sorted by token type")
			}
		},
	},
	{
		name: "publication",
		sql: `CREATE TABLE app.t (a int PRIMARY KEY, b int, c text); CREATE TABLE app.u (a int);
CREATE PUBLICATION cdc FOR TABLE app.t (a, b) WHERE (b > 0), TABLE app.u WITH (publish = 'insert, update');
COMMENT ON PUBLICATION cdc IS 'to the warehouse';`,
		key: catalog.Key{Kind: catalog.KindPublication, Name: "cdc"},
		check: func(t *testing.T, o catalog.Object) {
			p := as[*catalog.Publication](t, o)
			eq(t, "publish", p.Publish, []string{"insert", "update"})
			eq(t, "tables", p.Tables, []*catalog.PublicationTable{{Table: "app.t", Columns: []string{"a", "b"}, Where: "(b > 0)"}, {Table: "app.u"}})
			eq(t, "comment", p.Comment, "to the warehouse")
			eq(t, "dependsOn", p.DependsOn, []catalog.Key{{Kind: catalog.KindColumn, Schema: "app", Table: "t", Name: "a"},
				{Kind: catalog.KindColumn, Schema: "app", Table: "t", Name: "b"}, {Kind: catalog.KindTable, Schema: "app", Name: "t"},
				{Kind: catalog.KindTable, Schema: "app", Name: "u"}})
		},
	},
	{
		name: "rule",
		sql: `CREATE TABLE app.t (a int); CREATE TABLE app.log (a int);
CREATE RULE keep AS ON DELETE TO app.t DO INSTEAD INSERT INTO app.log VALUES (old.a);
ALTER TABLE app.t DISABLE RULE keep;
COMMENT ON RULE keep ON app.t IS 'never delete';`,
		key: catalog.Key{Kind: catalog.KindRule, Schema: "app", Table: "t", Name: "keep"},
		check: func(t *testing.T, o catalog.Object) {
			r := as[*catalog.Rule](t, o)
			eq(t, "definition", r.Definition, "CREATE RULE keep AS\n    ON DELETE TO app.t DO INSTEAD  INSERT INTO app.log (a)\n  VALUES (old.a)")
			eq(t, "enabled", r.Enabled, "disabled")
			eq(t, "comment", r.Comment, "never delete")
			eq(t, "dependsOn", r.DependsOn, []catalog.Key{{Kind: catalog.KindColumn, Schema: "app", Table: "log", Name: "a"},
				{Kind: catalog.KindColumn, Schema: "app", Table: "t", Name: "a"}})
		},
	},
	{
		name: "text search dictionary",
		sql: `CREATE TEXT SEARCH DICTIONARY app.en (TEMPLATE = snowball, Language = english, StopWords = english);
COMMENT ON TEXT SEARCH DICTIONARY app.en IS 'stems';`,
		key: key(catalog.KindTextSearchDict, "app", "en"),
		check: func(t *testing.T, o catalog.Object) {
			d := as[*catalog.TextSearchDict](t, o)
			eq(t, "template", d.Template, "snowball")
			eq(t, "options", d.Options, "language = 'english', stopwords = 'english'")
			eq(t, "comment", d.Comment, "stems")
		},
	},
	{
		name: "statistics",
		sql: `CREATE TABLE app.t (a int, b int);
CREATE STATISTICS app.ab (dependencies, ndistinct) ON a, b FROM app.t;
ALTER STATISTICS app.ab SET STATISTICS 500;`,
		key: key(catalog.KindStatistics, "app", "ab"),
		check: func(t *testing.T, o catalog.Object) {
			s := as[*catalog.Statistics](t, o)
			eq(t, "table", s.Table, "app.t")
			eq(t, "definition", s.Definition, "CREATE STATISTICS app.ab (ndistinct, dependencies) ON a, b FROM app.t")
			eq(t, "target", s.Target, 500)
			eq(t, "dependsOn", s.DependsOn, []catalog.Key{{Kind: catalog.KindColumn, Schema: "app", Table: "t", Name: "a"},
				{Kind: catalog.KindColumn, Schema: "app", Table: "t", Name: "b"}})
		},
	},
	{
		name: "collation",
		sql: `CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION app.nocase IS 'case-insensitive';`,
		key: key(catalog.KindCollation, "app", "nocase"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.Collation](t, o)
			eq(t, "provider", c.Provider, "icu")
			eq(t, "deterministic", c.Deterministic, false)
			eq(t, "locale", c.Locale, "und-u-ks-level2")
			eq(t, "comment", c.Comment, "case-insensitive")
		},
	},
	{
		name: "enum",
		sql: `CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'ok';
REVOKE USAGE ON TYPE app.mood FROM PUBLIC;`,
		key: key(catalog.KindEnum, "app", "mood"),
		check: func(t *testing.T, o catalog.Object) {
			e := as[*catalog.Enum](t, o)
			eq(t, "labels", e.Labels, []string{"sad", "meh", "ok", "happy"})
			eq(t, "acl", e.ACL, []string{"postgres=U/postgres"})
		},
	},
	{
		name: "domain",
		sql: `CREATE DOMAIN app.code AS varchar(8) COLLATE "C" NOT NULL DEFAULT 'x'
  CONSTRAINT code_len CHECK (length(VALUE) > 1);
ALTER DOMAIN app.code ADD CONSTRAINT code_upper CHECK (VALUE = upper(VALUE)) NOT VALID;
COMMENT ON CONSTRAINT code_len ON DOMAIN app.code IS 'not too short';`,
		key: key(catalog.KindDomain, "app", "code"),
		check: func(t *testing.T, o catalog.Object) {
			d := as[*catalog.Domain](t, o)
			eq(t, "base type", d.BaseType, "character varying(8)")
			eq(t, "collation", d.Collation, `pg_catalog."C"`)
			eq(t, "not null", d.NotNull, true)
			eq(t, "default", d.Default, "'x'::character varying")
			eq(t, "constraints", d.Constraints, []*catalog.DomainConstraint{
				{Name: "code_len", Definition: "CHECK ((length((VALUE)::text) > 1))", Comment: "not too short"},
				{Name: "code_upper", Definition: "CHECK (((VALUE)::text = upper((VALUE)::text))) NOT VALID", NotValid: true},
			})
		},
	},
	{
		name: "composite type",
		sql: `CREATE TYPE app.address AS (street text, city text COLLATE "C", zip varchar(10));
COMMENT ON COLUMN app.address.city IS 'town';`,
		key: key(catalog.KindCompositeType, "app", "address"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.CompositeType](t, o)
			eq(t, "attributes", c.Attributes, []*catalog.Attribute{
				{Name: "street", Type: "text"},
				{Name: "city", Type: "text", Collation: `pg_catalog."C"`, Comment: "town"},
				{Name: "zip", Type: "character varying(10)"},
			})
		},
	},
	{
		name: "range type",
		sql:  `CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);`,
		key:  key(catalog.KindRangeType, "app", "floatrange"),
		check: func(t *testing.T, o catalog.Object) {
			r := as[*catalog.RangeType](t, o)
			eq(t, "subtype", r.Subtype, "double precision")
			eq(t, "subtype diff", r.SubtypeDiff, "float8mi(double precision,double precision)")
			eq(t, "multirange", r.MultirangeName, "floatmultirange")
		},
	},
	{
		name: "sequence",
		sql: `CREATE TABLE app.t (id int);
CREATE SEQUENCE app.s AS integer START 100 INCREMENT 5 MINVALUE 10 MAXVALUE 100000 CACHE 3 CYCLE OWNED BY app.t.id;
SELECT nextval('app.s');
GRANT USAGE ON SEQUENCE app.s TO app_writer;`,
		key: key(catalog.KindSequence, "app", "s"),
		check: func(t *testing.T, o catalog.Object) {
			s := as[*catalog.Sequence](t, o)
			eq(t, "options", s.SequenceOptions, catalog.SequenceOptions{
				Type: "integer", Start: 100, Increment: 5, Min: 10, Max: 100000, Cache: 3, Cycle: true})
			eq(t, "owned by", s.OwnedBy, "app.t.id")
			eq(t, "acl", s.ACL, []string{"app_writer=U/postgres", "postgres=rwU/postgres"})
		},
	},
}
