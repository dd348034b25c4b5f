package inspect_test

import (
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

var subObjectCases = []kindCase{
	{
		name: "constraint primary key",
		sql:  `CREATE TABLE app.t (a int, b int, CONSTRAINT t_pk PRIMARY KEY (b, a));`,
		key:  sub(catalog.KindConstraint, "t", "t_pk"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.Constraint](t, o)
			eq(t, "type", c.Type, catalog.ConstraintPrimaryKey)
			eq(t, "definition", c.Definition, "PRIMARY KEY (b, a)")
			eq(t, "columns", c.Columns, []string{"b", "a"})
			eq(t, "index", c.Index, "t_pk")
		},
	},
	{
		name: "constraint unique nulls not distinct",
		sql: `CREATE TABLE app.t (e text, CONSTRAINT t_e_key UNIQUE NULLS NOT DISTINCT (e) DEFERRABLE);
COMMENT ON CONSTRAINT t_e_key ON app.t IS 'one each';`,
		key: sub(catalog.KindConstraint, "t", "t_e_key"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.Constraint](t, o)
			eq(t, "type", c.Type, catalog.ConstraintUnique)
			eq(t, "nulls not distinct", c.NullsNotDistinct, true)
			eq(t, "deferrable", c.Deferrable, true)
			eq(t, "definition", c.Definition, "UNIQUE NULLS NOT DISTINCT (e) DEFERRABLE")
			eq(t, "comment", c.Comment, "one each")
		},
	},
	{
		name: "constraint foreign key",
		sql: `CREATE TABLE app.p (id int PRIMARY KEY);
CREATE TABLE app.c (pid int, CONSTRAINT c_fk FOREIGN KEY (pid) REFERENCES app.p (id) MATCH FULL
  ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED);`,
		key: sub(catalog.KindConstraint, "c", "c_fk"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.Constraint](t, o)
			eq(t, "references", c.References, "app.p")
			eq(t, "referenced columns", c.ReferencedColumns, []string{"id"})
			eq(t, "on delete", c.OnDelete, "cascade")
			eq(t, "on update", c.OnUpdate, "set null")
			eq(t, "match", c.Match, "full")
			eq(t, "deferred", c.InitiallyDeferred, true)
			hasDep(t, o, sub(catalog.KindIndex, "p", "p_pkey"))
		},
	},
	{
		name: "constraint check no inherit not valid",
		sql: `CREATE TABLE app.t (n int);
ALTER TABLE app.t ADD CONSTRAINT t_n CHECK (n > 0) NO INHERIT NOT VALID;`,
		key: sub(catalog.KindConstraint, "t", "t_n"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.Constraint](t, o)
			eq(t, "type", c.Type, catalog.ConstraintCheck)
			eq(t, "no inherit", c.NoInherit, true)
			eq(t, "not valid", c.NotValid, true)
			eq(t, "definition", c.Definition, "CHECK ((n > 0)) NO INHERIT NOT VALID")
		},
	},
	{
		name: "constraint exclusion",
		sql:  `CREATE TABLE app.t (during tstzrange, CONSTRAINT t_x EXCLUDE USING gist (during WITH &&));`,
		key:  sub(catalog.KindConstraint, "t", "t_x"),
		check: func(t *testing.T, o catalog.Object) {
			c := as[*catalog.Constraint](t, o)
			eq(t, "type", c.Type, catalog.ConstraintExclusion)
			eq(t, "definition", c.Definition, "EXCLUDE USING gist (during WITH &&)")
		},
	},
	{
		name: "index expression partial include opclass collation ordering",
		sql: `CREATE TABLE app.t (a int, b text, c int);
CREATE INDEX t_idx ON app.t (a DESC NULLS LAST, lower(b) COLLATE "C" text_pattern_ops) INCLUDE (c) WHERE a > 0;
COMMENT ON INDEX app.t_idx IS 'busy';`,
		key: sub(catalog.KindIndex, "t", "t_idx"),
		check: func(t *testing.T, o catalog.Object) {
			i := as[*catalog.Index](t, o)
			eq(t, "definition", i.Definition, `CREATE INDEX t_idx ON app.t USING btree (a DESC NULLS LAST, lower(b) COLLATE "C" text_pattern_ops) INCLUDE (c) WHERE (a > 0)`)
			eq(t, "method", i.Method, "btree")
			eq(t, "predicate", i.Predicate, "(a > 0)")
			eq(t, "comment", i.Comment, "busy")
		},
	},
	{
		name: "index unique hash and backing constraint",
		sql: `CREATE TABLE app.t (a int CONSTRAINT t_a_key UNIQUE, b int);
CREATE INDEX t_b_hash ON app.t USING hash (b);`,
		key: sub(catalog.KindIndex, "t", "t_a_key"),
		check: func(t *testing.T, o catalog.Object) {
			i := as[*catalog.Index](t, o)
			eq(t, "unique", i.Unique, true)
			eq(t, "constraint", i.Constraint, "t_a_key")
		},
	},
	{
		name: "index on partition attached to parent",
		sql: `CREATE TABLE app.m (id int, v int) PARTITION BY LIST (id);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES IN (1);
CREATE INDEX m_v ON app.m (v);`,
		key: sub(catalog.KindIndex, "m1", "m1_v_idx"),
		check: func(t *testing.T, o catalog.Object) {
			eq(t, "parent", as[*catalog.Index](t, o).Parent, "app.m_v")
		},
	},
	{
		name: "trigger disabled with comment",
		sql: `CREATE TABLE app.t (n int);
CREATE FUNCTION app.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_f BEFORE INSERT OR UPDATE OF n ON app.t FOR EACH ROW WHEN (NEW.n > 0) EXECUTE FUNCTION app.f();
ALTER TABLE app.t DISABLE TRIGGER t_f;
COMMENT ON TRIGGER t_f ON app.t IS 'fires';`,
		key: sub(catalog.KindTrigger, "t", "t_f"),
		check: func(t *testing.T, o catalog.Object) {
			tr := as[*catalog.Trigger](t, o)
			eq(t, "definition", tr.Definition, "CREATE TRIGGER t_f BEFORE INSERT OR UPDATE OF n ON app.t FOR EACH ROW WHEN ((new.n > 0)) EXECUTE FUNCTION app.f()")
			eq(t, "function", tr.Function, "app.f()")
			eq(t, "enabled", tr.Enabled, "disabled")
			eq(t, "comment", tr.Comment, "fires")
			hasDep(t, o, key(catalog.KindFunction, "app", "f()"))
		},
	},
	{
		name: "constraint trigger replica",
		sql: `CREATE TABLE app.t (n int);
CREATE FUNCTION app.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE CONSTRAINT TRIGGER t_c AFTER INSERT ON app.t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app.f();
ALTER TABLE app.t ENABLE REPLICA TRIGGER t_c;`,
		key: sub(catalog.KindTrigger, "t", "t_c"),
		check: func(t *testing.T, o catalog.Object) {
			tr := as[*catalog.Trigger](t, o)
			eq(t, "constraint", tr.Constraint, true)
			eq(t, "enabled", tr.Enabled, "replica")
		},
	},
	{
		name: "trigger on view",
		sql: `CREATE TABLE app.t (n int);
CREATE VIEW app.v AS SELECT n FROM app.t;
CREATE FUNCTION app.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER v_ins INSTEAD OF INSERT ON app.v FOR EACH ROW EXECUTE FUNCTION app.f();`,
		key: sub(catalog.KindTrigger, "v", "v_ins"),
		check: func(t *testing.T, o catalog.Object) {
			tr := as[*catalog.Trigger](t, o)
			eq(t, "enabled", tr.Enabled, "origin")
			eq(t, "definition", tr.Definition, "CREATE TRIGGER v_ins INSTEAD OF INSERT ON app.v FOR EACH ROW EXECUTE FUNCTION app.f()")
		},
	},
	{
		name: "trigger always on partitioned table",
		sql: `CREATE TABLE app.m (n int) PARTITION BY LIST (n);
CREATE TABLE app.m1 PARTITION OF app.m FOR VALUES IN (1);
CREATE FUNCTION app.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER m_f AFTER INSERT ON app.m FOR EACH ROW EXECUTE FUNCTION app.f();
ALTER TABLE app.m ENABLE ALWAYS TRIGGER m_f;`,
		key: sub(catalog.KindTrigger, "m", "m_f"),
		check: func(t *testing.T, o catalog.Object) {
			eq(t, "enabled", as[*catalog.Trigger](t, o).Enabled, "always")
		},
	},
	{
		name: "policy",
		sql: `CREATE TABLE app.t (owner text, n int);
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_own ON app.t AS RESTRICTIVE FOR UPDATE TO app_writer, app_reader
  USING (owner = current_user) WITH CHECK (n < 100);
COMMENT ON POLICY t_own ON app.t IS 'own rows';`,
		key: sub(catalog.KindPolicy, "t", "t_own"),
		check: func(t *testing.T, o catalog.Object) {
			p := as[*catalog.Policy](t, o)
			eq(t, "permissive", p.Permissive, false)
			eq(t, "command", p.Command, "UPDATE")
			eq(t, "roles", p.Roles, []string{"app_reader", "app_writer"})
			eq(t, "using", p.Using, "(owner = CURRENT_USER)")
			eq(t, "with check", p.WithCheck, "(n < 100)")
			eq(t, "comment", p.Comment, "own rows")
		},
	},
	{
		name: "policy public permissive",
		sql: `CREATE TABLE app.t (n int);
CREATE POLICY t_all ON app.t USING (true);`,
		key: sub(catalog.KindPolicy, "t", "t_all"),
		check: func(t *testing.T, o catalog.Object) {
			p := as[*catalog.Policy](t, o)
			eq(t, "permissive", p.Permissive, true)
			eq(t, "command", p.Command, "ALL")
			eq(t, "roles", p.Roles, []string{"public"})
		},
	},
}
