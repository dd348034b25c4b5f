package plan

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestConvergeKinds asserts the property, in both directions, on (old,
// new) schema pairs per object kind.
func TestConvergeKinds(t *testing.T) {
	cases := []struct{ name, old, new string }{
		{"table add", ``, `CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x');`},
		{"column add drop", `CREATE TABLE t (a int, b text);`, `CREATE TABLE t (a int, c int DEFAULT 3);`},
		{"column type", `CREATE TABLE t (a int NOT NULL, b varchar(10));`, `CREATE TABLE t (a bigint, b text NOT NULL);`},
		{"identity", `CREATE TABLE t (a int);`, `CREATE TABLE t (a int GENERATED ALWAYS AS IDENTITY);`},
		{"serial", `CREATE TABLE t (a int);`, `CREATE TABLE t (a int, b serial);`},
		{"fk cycle", ``, `CREATE TABLE a (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
			ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;`},
		{"index", `CREATE TABLE t (a int, b int); CREATE INDEX i ON t (a);`, `CREATE TABLE t (a int, b int); CREATE INDEX i ON t (b) WHERE b > 0;`},
		{"enum add value", `CREATE TYPE e AS ENUM ('a', 'c'); CREATE TABLE t (x e);`, `CREATE TYPE e AS ENUM ('a', 'b', 'c', 'd'); CREATE TABLE t (x e);`},
		{"view over type change", `CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t;`, `CREATE TABLE t (a bigint); CREATE VIEW v AS SELECT a FROM t;`},
		{"view replace", `CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t;`, `CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a, b FROM t; COMMENT ON VIEW v IS 'v';`},
		{"function", `CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';`, `CREATE FUNCTION f(a int) RETURNS bigint LANGUAGE sql AS 'select a::bigint';`},
		{"default uses function", `CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'; CREATE TABLE t (a int DEFAULT f());`, `CREATE TABLE t (a int);`},
		{"grants", `CREATE ROLE pgfleet_r1; CREATE TABLE t (a int);`, `CREATE TABLE t (a int); GRANT SELECT, INSERT ON t TO pgfleet_r1; GRANT UPDATE (a) ON t TO pgfleet_r1; COMMENT ON TABLE t IS 'hi';`},
		{"policy", `CREATE TABLE t (a int);`, `CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (a > 0);`},
		{"schema domain", ``, `CREATE SCHEMA s; CREATE DOMAIN s.pos AS int CHECK (VALUE > 0); CREATE TABLE s.t (a s.pos);`},
		{"trigger", `CREATE TABLE t (a int);`, `CREATE TABLE t (a int); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
			CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();`},
		{"matview", `CREATE TABLE t (a int);`, `CREATE TABLE t (a int); CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; CREATE INDEX mvi ON mv (a);`},
		{"enum value used in the same plan", `CREATE TYPE e AS ENUM ('a'); CREATE TABLE t (x e DEFAULT 'a');`,
			`CREATE TYPE e AS ENUM ('a', 'b'); CREATE TABLE t (x e DEFAULT 'b'); CREATE VIEW v AS SELECT x FROM t WHERE x = 'b';`},
		{"columns appended", `CREATE TABLE t (a int, b int);`, `CREATE TABLE t (a int, c int, d int, e int);`},
		{"keywords", ``, `CREATE TABLE "group" ("from" int, "order" text); CREATE INDEX "select" ON "group" ("from");`},
		{"partition index and trigger", `CREATE TABLE p (a int, b date) PARTITION BY RANGE (b); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');`,
			`CREATE TABLE p (a int, b date, PRIMARY KEY (a, b)) PARTITION BY RANGE (b); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
			CREATE INDEX pa ON p (a); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
			CREATE TRIGGER tr BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION tf();
			CREATE TABLE p2 PARTITION OF p FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');`},
		{"view chain", `CREATE TABLE t (a int, b int); CREATE VIEW v1 AS SELECT a, b FROM t; CREATE VIEW v2 AS SELECT a FROM v1;`,
			`CREATE TABLE t (a bigint, b int); CREATE VIEW v1 AS SELECT b, a FROM t; CREATE VIEW v2 AS SELECT a FROM v1;`},
		{"function overloads and procedure", `CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 1';`,
			`CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 2'; CREATE FUNCTION f(text) RETURNS int LANGUAGE sql AS 'select 3';
			CREATE PROCEDURE pr(a int) LANGUAGE sql AS 'select 1';`},
		{"check uses function", `CREATE FUNCTION pos(x int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'select x > 0'; CREATE TABLE t (a int CHECK (pos(a)));`,
			`CREATE FUNCTION pos(x bigint) RETURNS bool LANGUAGE sql IMMUTABLE AS 'select x > 0'; CREATE TABLE t (a int CHECK (pos(a)));`},
		{"constraints", `CREATE TABLE t (a int, b int, c int4range);`,
			`CREATE EXTENSION btree_gist; CREATE TABLE t (a int, b int, c int4range, UNIQUE NULLS NOT DISTINCT (a), CHECK (b > 0) NOT VALID,
			EXCLUDE USING gist (a WITH =, c WITH &&));`},
		{"collation and sequence", `CREATE SEQUENCE s; CREATE TABLE t (a text);`,
			`CREATE SEQUENCE s INCREMENT 5 MAXVALUE 1000 CYCLE; CREATE TABLE t (a text COLLATE "C" DEFAULT 'x');`},
		{"owner and default privileges", `CREATE ROLE pgfleet_o1; CREATE TABLE t (a int);`,
			`CREATE TABLE t (a int); ALTER TABLE t OWNER TO pgfleet_o1; ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO pgfleet_o1;
			CREATE SCHEMA s AUTHORIZATION pgfleet_o1; GRANT USAGE ON SCHEMA s TO PUBLIC;`},
		{"serial to identity", `CREATE TABLE t (id serial PRIMARY KEY, x int);`, `CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, x int);`},
		{"composite in table", `CREATE TYPE c AS (a int); CREATE TABLE t (x c);`, `CREATE TYPE c AS (a int, b text); CREATE TABLE t (x c); COMMENT ON TYPE c IS 'c';`},
		{"domain constraint", `CREATE DOMAIN d AS int CHECK (VALUE > 0); CREATE TABLE t (x d);`, `CREATE DOMAIN d AS int DEFAULT 1 NOT NULL CONSTRAINT big CHECK (VALUE > 10); CREATE TABLE t (x d);`},
		{"range", ``, `CREATE TYPE fr AS RANGE (subtype = float8, subtype_diff = float8mi); CREATE TABLE t (r fr);`},
		{"matview change", `CREATE TABLE t (a int, b int); CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; CREATE UNIQUE INDEX mvi ON mv (a);`,
			`CREATE TABLE t (a int, b int); CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t; CREATE UNIQUE INDEX mvi ON mv (a); COMMENT ON MATERIALIZED VIEW mv IS 'm';`},
		{"event trigger", ``, `CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS 'begin end'; CREATE EVENT TRIGGER etr ON ddl_command_start WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION et(); ALTER EVENT TRIGGER etr DISABLE;`},
		{"unlogged and storage", `CREATE TABLE t (a text);`, `CREATE UNLOGGED TABLE t (a text); ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL; ALTER TABLE t ALTER COLUMN a SET STATISTICS 500; ALTER TABLE t SET (fillfactor = 70);`},
		{"constraint trigger", `CREATE TABLE t (a int); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';`,
			`CREATE TABLE t (a int); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
			CREATE CONSTRAINT TRIGGER ct AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tf();`},
		{"function default args", `CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a'; CREATE VIEW v AS SELECT f(1);`,
			`CREATE FUNCTION f(a int DEFAULT 2) RETURNS int LANGUAGE sql AS 'select a'; CREATE VIEW v AS SELECT f(1);`},
		{"drop schema with objects", `CREATE SCHEMA s; CREATE TYPE s.e AS ENUM ('x'); CREATE TABLE s.t (a s.e, b serial); CREATE VIEW s.v AS SELECT a FROM s.t; CREATE FUNCTION s.f() RETURNS s.e LANGUAGE sql AS $$select 'x'::s.e$$;`, ``},
		{"rls force and policy restrictive", `CREATE TABLE t (a int);`, `CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;
			CREATE POLICY p ON t AS RESTRICTIVE FOR UPDATE TO PUBLIC USING (a > 0) WITH CHECK (a < 100);`},
		{"referenced key recreated", `CREATE TABLE p (id int, CONSTRAINT pk PRIMARY KEY (id)); CREATE TABLE c (p_id int REFERENCES p); COMMENT ON INDEX pk IS 'i';`,
			`CREATE TABLE p (id int, k int, CONSTRAINT pk PRIMARY KEY (id) INCLUDE (k)); CREATE TABLE c (p_id int REFERENCES p); COMMENT ON INDEX pk IS 'i';`},
		{"text search configuration", ``, `CREATE TEXT SEARCH CONFIGURATION names (COPY = pg_catalog.english);
			ALTER TEXT SEARCH CONFIGURATION names ALTER MAPPING FOR asciiword WITH english_stem, simple;
			COMMENT ON TEXT SEARCH CONFIGURATION names IS 'n'; CREATE TABLE t (b text);
			CREATE INDEX tb ON t USING gin (to_tsvector('names', b));`},
		{"text search mappings", `CREATE TEXT SEARCH CONFIGURATION names (COPY = pg_catalog.simple); CREATE TABLE t (b text);
			CREATE INDEX tb ON t USING gin (to_tsvector('names', b));`,
			`CREATE TEXT SEARCH CONFIGURATION names (COPY = pg_catalog.simple); CREATE TABLE t (b text);
			ALTER TEXT SEARCH CONFIGURATION names DROP MAPPING FOR int, uint;
			ALTER TEXT SEARCH CONFIGURATION names ALTER MAPPING FOR word WITH english_stem, simple;
			CREATE INDEX tb ON t USING gin (to_tsvector('names', b));`},
		{"text search mappings replaced", `CREATE TEXT SEARCH CONFIGURATION names (COPY = pg_catalog.simple); CREATE TABLE t (b text);
			CREATE INDEX tb ON t USING gin (to_tsvector('names', b));`,
			`CREATE TEXT SEARCH CONFIGURATION names (PARSER = pg_catalog."default");
			ALTER TEXT SEARCH CONFIGURATION names ADD MAPPING FOR word WITH simple; CREATE TABLE t (b text);
			CREATE INDEX tb ON t USING gin (to_tsvector('names', b));`},
		{"text search dictionary used by a configuration", ``, `CREATE TEXT SEARCH DICTIONARY en (TEMPLATE = snowball, language = english);
			CREATE TEXT SEARCH CONFIGURATION names (COPY = pg_catalog.simple);
			ALTER TEXT SEARCH CONFIGURATION names ALTER MAPPING FOR word WITH en, simple; COMMENT ON TEXT SEARCH DICTIONARY en IS 'd';`},
		{"text search dictionary options", `CREATE TEXT SEARCH DICTIONARY en (TEMPLATE = snowball, language = english);
			CREATE TEXT SEARCH CONFIGURATION names (COPY = pg_catalog.simple); ALTER TEXT SEARCH CONFIGURATION names ALTER MAPPING FOR word WITH en;
			CREATE TABLE t (b text); CREATE INDEX tb ON t USING gin (to_tsvector('names', b));`,
			`CREATE TEXT SEARCH DICTIONARY en (TEMPLATE = snowball, language = english, stopwords = english);
			CREATE TEXT SEARCH CONFIGURATION names (COPY = pg_catalog.simple); ALTER TEXT SEARCH CONFIGURATION names ALTER MAPPING FOR word WITH en;
			CREATE TABLE t (b text); CREATE INDEX tb ON t USING gin (to_tsvector('names', b));`},
		{"statistics", `CREATE TABLE t (a int, b int, c int);`, `CREATE TABLE t (a int, b int, c int);
			CREATE STATISTICS ab (dependencies) ON a, b FROM t; CREATE STATISTICS bc ON b, c FROM t; ALTER STATISTICS bc SET STATISTICS 200;
			COMMENT ON STATISTICS ab IS 's';`},
		{"statistics changed", `CREATE TABLE t (a int, b int, c int); CREATE STATISTICS ab (dependencies) ON a, b FROM t; CREATE STATISTICS bc ON b, c FROM t;`,
			`CREATE TABLE t (a int, b int, c int); CREATE STATISTICS ab (ndistinct) ON a, c FROM t; CREATE STATISTICS bc ON b, c FROM t; ALTER STATISTICS bc SET STATISTICS 50;`},
		{"statistics with their table", ``, `CREATE SCHEMA s; CREATE TABLE s.t (a int, b int); CREATE STATISTICS s.ab ON a, b FROM s.t; CREATE STATISTICS s.e ON (a + b), b FROM s.t;`},
		{"rules", `CREATE TABLE t (a int); CREATE TABLE log (a int);`, `CREATE TABLE t (a int); CREATE TABLE log (a int);
			CREATE RULE keep AS ON DELETE TO t DO INSTEAD INSERT INTO log VALUES (old.a); ALTER TABLE t DISABLE RULE keep;
			CREATE RULE noupd AS ON UPDATE TO t DO INSTEAD NOTHING; COMMENT ON RULE noupd ON t IS 'r';`},
		{"rule replaced and enabled", `CREATE TABLE t (a int); CREATE TABLE log (a int);
			CREATE RULE keep AS ON DELETE TO t DO INSTEAD INSERT INTO log VALUES (old.a); ALTER TABLE t DISABLE RULE keep;`,
			`CREATE TABLE t (a int); CREATE TABLE log (a int, b int);
			CREATE RULE keep AS ON DELETE TO t DO ALSO INSERT INTO log VALUES (old.a, 1);`},
		{"rule on a view and on a new table", `CREATE TABLE t (a int);`,
			`CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; CREATE TABLE audit (a int);
			CREATE RULE v_ins AS ON INSERT TO v DO INSTEAD (INSERT INTO t VALUES (new.a); INSERT INTO audit VALUES (new.a));`},
		{"publications", `CREATE TABLE t (a int PRIMARY KEY, b int);`, `CREATE TABLE t (a int PRIMARY KEY, b int); CREATE TABLE u (a int);
			CREATE SCHEMA s; CREATE TABLE s.x (a int);
			CREATE PUBLICATION cdc FOR TABLE t (a, b) WHERE (b > 0), TABLE u WITH (publish = 'insert, update');
			CREATE PUBLICATION sch FOR TABLE t WHERE (a > 10), TABLES IN SCHEMA s;
			CREATE PUBLICATION everything FOR ALL TABLES; CREATE PUBLICATION empty; COMMENT ON PUBLICATION empty IS 'e';`},
		{"publication changes", `CREATE TABLE t (a int PRIMARY KEY, b int); CREATE TABLE u (a int); CREATE TABLE v (a int);
			CREATE PUBLICATION cdc FOR TABLE t, TABLE u; CREATE PUBLICATION two FOR TABLE u; CREATE PUBLICATION three FOR ALL TABLES;`,
			`CREATE TABLE t (a int PRIMARY KEY, b int); CREATE TABLE v (a int);
			CREATE PUBLICATION cdc FOR TABLE t (a) WITH (publish_via_partition_root = true, publish = 'delete');
			CREATE PUBLICATION two; CREATE PUBLICATION three FOR TABLE v;`},
		{"publication of a partitioned table", ``, `CREATE TABLE p (a int, b date) PARTITION BY RANGE (b);
			CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
			CREATE PUBLICATION cdc FOR TABLE p WITH (publish_via_partition_root = true);`},
		{"partitions", ``, `CREATE TABLE p (a int, b date) PARTITION BY RANGE (b); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			assertBoth(t, c.old, c.new)
		})
	}
}

// TestOnline asserts the property in online mode, where indexes, foreign
// keys and NOT NULL on existing tables are built outside the transaction.
func TestOnline(t *testing.T) {
	t.Parallel()
	oldSQL := `CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (a int, b int, p_id int);
		INSERT INTO p VALUES (1); INSERT INTO t VALUES (1, 2, 1);`
	newSQL := `CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (a int NOT NULL, b int, p_id int REFERENCES p CHECK (p_id > 0));
		CREATE INDEX t_b ON t (b);`
	ctx := context.Background()
	p, err := loadPair(ctx, t, oldSQL, newSQL)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Role: "postgres", Online: true}
	plan, err := Build(p.oldCat, p.newCat, opts)
	if err != nil {
		t.Fatal(err)
	}
	after := strings.Join(plan.NonTransactional(), ";\n")
	for _, want := range []string{"CREATE INDEX CONCURRENTLY t_b", "VALIDATE CONSTRAINT t_p_id_fkey", "SET NOT NULL"} {
		if !strings.Contains(after, want) {
			t.Errorf("non-transactional steps lack %q:\n%s", want, after)
		}
	}
	for _, url := range []string{p.oldURL} {
		if err := converge(ctx, url, p.oldCat, p.newCat, opts); err != nil {
			t.Fatal(err)
		}
		// Re-running the non-transactional part is safe.
		for _, s := range plan.NonTransactional() {
			if err := loadScript(ctx, url, s+";"); err != nil && !strings.Contains(s, "CREATE INDEX") {
				t.Errorf("re-running %q: %v", s, err)
			}
		}
	}
	if err := converge(ctx, p.newURL, p.newCat, p.oldCat, opts); err != nil {
		t.Errorf("new → old: %v", err)
	}
}

// TestInheritedColumnMadeLocal: a child keeps a column its parent drops
// when the model defines it in the child (ADD COLUMN merges with the
// inherited column first); the reverse, taking a child's own definition
// away while the parent keeps the column, is refused with a clear error.
func TestInheritedColumnMadeLocal(t *testing.T) {
	t.Parallel()
	old := `CREATE TABLE base (at timestamp DEFAULT now(), e int); CREATE TABLE a (a1 int) INHERITS (base);`
	nw := `CREATE TABLE base (at timestamp DEFAULT now()); CREATE TABLE a (e int, a1 int) INHERITS (base);`
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, err := loadPair(ctx, t, old, nw)
	if err != nil {
		t.Fatal(err)
	}
	if err := converge(ctx, p.oldURL, p.oldCat, p.newCat, Options{Role: "postgres"}); err != nil {
		t.Errorf("old → new: %v", err)
	}
	_, err = Build(p.newCat, p.oldCat, Options{Role: "postgres"})
	if err == nil || !strings.Contains(err.Error(), "cannot remove a column's own definition") {
		t.Errorf("new → old: err = %v, want the refusal", err)
	}
}
