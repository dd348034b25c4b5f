package sqlsplit

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// brief renders objects compactly for comparison.
func brief(objs []Object) []string {
	out := []string{}
	for _, o := range objs {
		s := fmt.Sprintf("%s %s %s|%s|%s", o.Action, o.Kind, o.Schema, o.Table, o.Name)
		if o.Args != nil {
			s += "(" + strings.Join(o.Args, ",") + ")"
		}
		out = append(out, fmt.Sprintf("%s @%d:%d", s, o.Line, o.Column))
	}
	return out
}

func TestObjects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql  string
		want []string
	}{
		{"CREATE TABLE app.t (\n  id int CONSTRAINT t_pk PRIMARY KEY,\n  CONSTRAINT t_ck CHECK (id > 0))", []string{
			"create table app||t @1:1", "create column app|t|id @2:3",
			"create constraint app|t|t_pk @2:10", "create constraint app|t|t_ck @3:3"}},
		{"CREATE UNIQUE INDEX t_idx ON app.t (id)", []string{"create index app|t|t_idx @1:1"}},
		{"CREATE VIEW v AS SELECT 1", []string{"create view ||v @1:1"}},
		{"CREATE MATERIALIZED VIEW s.mv AS SELECT 1", []string{"create materialized view s||mv @1:1"}},
		{"CREATE FUNCTION s.f(a int, OUT b text, VARIADIC c text[]) RETURNS text LANGUAGE sql AS 'select 1'",
			[]string{`create function s||f("pg_catalog"."int4","text"[]) @1:1`}},
		{"CREATE PROCEDURE p(IN a int, OUT b text) LANGUAGE sql AS 'select 1'",
			[]string{`create procedure ||p("pg_catalog"."int4","text") @1:1`}},
		{"CREATE AGGREGATE s.agg(int) (sfunc = int4pl, stype = int)", []string{`create aggregate s||agg("pg_catalog"."int4") @1:1`}},
		{"ALTER TABLE ONLY s.t\n    ADD CONSTRAINT t_fk FOREIGN KEY (x) REFERENCES s.u(id)", []string{"create constraint s|t|t_fk @2:9"}},
		{"ALTER TABLE s.t ENABLE ROW LEVEL SECURITY", []string{"alter table s||t @1:1"}},
		{"ALTER TABLE s.t OWNER TO bob", []string{"alter table s||t @1:1"}},
		{"ALTER FUNCTION s.f(int) OWNER TO bob", []string{`owner function s||f("pg_catalog"."int4") @1:1`}},
		{"COMMENT ON COLUMN s.t.c IS 'x'", []string{"comment column s|t|c @1:1"}},
		{"COMMENT ON CONSTRAINT k ON s.t IS 'x'", []string{"comment constraint s|t|k @1:1"}},
		{"COMMENT ON SCHEMA s IS 'x'", []string{"comment schema ||s @1:1"}},
		{"COMMENT ON TYPE s.e IS 'x'", []string{"comment type s||e @1:1"}},
		{"GRANT SELECT ON TABLE s.t, u TO bob", []string{"grant table s||t @1:1", "grant table ||u @1:1"}},
		{"GRANT USAGE ON SCHEMA s TO bob", []string{"grant schema ||s @1:1"}},
		{"REVOKE ALL ON FUNCTION f() FROM PUBLIC", []string{"grant function ||f() @1:1"}},
		{"GRANT SELECT ON ALL TABLES IN SCHEMA s TO bob", []string{}},
		{"CREATE TRIGGER tr BEFORE INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION f()", []string{"create trigger s|t|tr @1:1"}},
		{"CREATE POLICY p ON s.t USING (true)", []string{"create policy s|t|p @1:1"}},
		{"CREATE TYPE s.e AS ENUM ('a')", []string{"create type s||e @1:1"}},
		{"CREATE TYPE s.c AS (a int)", []string{"create type s||c @1:1"}},
		{"CREATE TYPE s.r AS RANGE (subtype = int)", []string{"create type s||r @1:1"}},
		{"CREATE DOMAIN s.d AS int CHECK (VALUE > 0)", []string{"create domain s||d @1:1"}},
		{"CREATE SEQUENCE s.q", []string{"create sequence s||q @1:1"}},
		{"ALTER SEQUENCE s.q OWNED BY s.t.id", []string{"alter sequence s||q @1:1"}},
		{"CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public", []string{"create extension ||hstore @1:1"}},
		{"CREATE SCHEMA s", []string{"create schema ||s @1:1"}},
		{"CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f()", []string{"create event trigger ||et @1:1"}},
		{"CREATE COLLATION s.c (provider = icu, locale = 'und')", []string{"create collation s||c @1:1"}},
		{"CREATE TEXT SEARCH CONFIGURATION s.ts (COPY = simple)", []string{"create text search configuration s||ts @1:1"}},
		{"ALTER TEXT SEARCH CONFIGURATION s.ts ADD MAPPING FOR word WITH simple", []string{"alter text search configuration s||ts @1:1"}},
		{"COMMENT ON TEXT SEARCH CONFIGURATION s.ts IS 'x'", []string{"comment text search configuration s||ts @1:1"}},
		{"CREATE TEXT SEARCH DICTIONARY s.d (TEMPLATE = simple)", []string{"create text search dictionary s||d @1:1"}},
		{"ALTER TEXT SEARCH DICTIONARY s.d (StopWords = english)", []string{"alter text search dictionary s||d @1:1"}},
		{"CREATE STATISTICS s.st ON a, b FROM s.t", []string{"create statistics s||st @1:1"}},
		{"CREATE PUBLICATION p FOR TABLE s.t", []string{"create publication ||p @1:1"}},
		{"ALTER PUBLICATION p ADD TABLE s.u", []string{"alter publication ||p @1:1"}},
		{"ALTER STATISTICS s.st SET STATISTICS 10", []string{"alter statistics s||st @1:1"}},
		{"SET search_path = s", []string{}},
		{"SELECT pg_catalog.set_config('search_path', '', false)", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			t.Parallel()
			f, err := Split("o.sql", tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			if got := brief(f.Statements[0].Objects); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
