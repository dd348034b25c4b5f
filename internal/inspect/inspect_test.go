package inspect_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// testRoles are the cluster-wide roles the test schemas grant to.
var testRoles = []string{"app_reader", "app_writer"}

// load creates a fresh database, runs the SQL in it and returns its URL.
func load(t testing.TB, sql string) string {
	t.Helper()
	pgtest.EnsureRoles(t, testRoles...)
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, sql)
	return url
}

// read inspects the database at url.
func read(t testing.TB, url string, opts inspect.Options) *catalog.Catalog {
	t.Helper()
	ctx := context.Background()
	pool, err := inspect.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	c, err := inspect.Inspect(ctx, pool, opts)
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	return c
}

// richSQL reads testdata/rich.sql.
func richSQL(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/rich.sql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	opts := inspect.Options{ExcludeTables: []string{"app.flyway_schema_history"}}
	sql := richSQL(t)
	a := read(t, load(t, sql), opts)
	b := read(t, load(t, sql), opts)
	ja, err := a.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	jb, err := b.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ja, jb) {
		t.Fatalf("same DDL, different catalogs:\n%s\n%s", ja, jb)
	}
	if a.Fingerprint() != b.Fingerprint() {
		t.Fatal("same catalogs, different fingerprints")
	}
	if len(a.Objects()) < 100 {
		t.Errorf("rich schema gave only %d objects", len(a.Objects()))
	}
}

// TestOrderIndependent builds one schema in two statement orders, with
// objects created and dropped in between so OIDs and attnums differ.
func TestOrderIndependent(t *testing.T) {
	t.Parallel()
	first := `CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a', 'b');
CREATE TABLE app.p (id int PRIMARY KEY, k app.kind);
CREATE TABLE app.c (id int PRIMARY KEY, pid int REFERENCES app.p (id), note text);
CREATE VIEW app.v AS SELECT c.id, p.k FROM app.c JOIN app.p ON p.id = c.pid;
CREATE INDEX c_pid ON app.c (pid);
COMMENT ON TABLE app.c IS 'children';`
	second := `CREATE SCHEMA app;
CREATE TABLE app.junk (x int);
CREATE TYPE app.kind AS ENUM ('a', 'b');
DROP TABLE app.junk;
CREATE TABLE app.p (id int, gone int, k app.kind);
ALTER TABLE app.p DROP COLUMN gone;
ALTER TABLE app.p ADD PRIMARY KEY (id);
CREATE TABLE app.c (id int, pid int, note text);
COMMENT ON TABLE app.c IS 'children';
CREATE INDEX c_pid ON app.c (pid);
ALTER TABLE app.c ADD PRIMARY KEY (id);
ALTER TABLE app.c ADD CONSTRAINT c_pid_fkey FOREIGN KEY (pid) REFERENCES app.p (id);
CREATE VIEW app.v AS SELECT c.id, p.k FROM app.c JOIN app.p ON p.id = c.pid;`
	a := read(t, load(t, first), inspect.Options{})
	b := read(t, load(t, second), inspect.Options{})
	ja, _ := a.CanonicalJSON()
	jb, _ := b.CanonicalJSON()
	if !bytes.Equal(ja, jb) {
		t.Fatalf("same schema, different catalogs:\n%s\n%s", ja, jb)
	}
}

func TestExclusionsAndScope(t *testing.T) {
	t.Parallel()
	url := load(t, richSQL(t))
	tests := []struct {
		name    string
		opts    inspect.Options
		present []catalog.Key
		absent  []catalog.Key
	}{
		{
			name: "history table excluded",
			opts: inspect.Options{ExcludeTables: []string{"app.flyway_schema_history"}},
			present: []catalog.Key{
				{Kind: catalog.KindTable, Schema: "audit", Name: "log"},
				{Kind: catalog.KindExtension, Name: "citext"},
				{Kind: catalog.KindEventTrigger, Name: "app_ddl"},
			},
			absent: []catalog.Key{
				{Kind: catalog.KindTable, Schema: "app", Name: "flyway_schema_history"},
				{Kind: catalog.KindIndex, Schema: "app", Table: "flyway_schema_history", Name: "flyway_schema_history_pkey"},
				// extension members
				{Kind: catalog.KindFunction, Schema: "app", Name: "digest(text, text)"},
				{Kind: catalog.KindFunction, Schema: "app", Name: "citext(text)"},
				// range constructors belong to their type
				{Kind: catalog.KindFunction, Schema: "app", Name: "floatrange(double precision, double precision)"},
				// clones of a parent's index constraint on partitions
				{Kind: catalog.KindConstraint, Schema: "app", Table: "measurements_2024", Name: "measurements_2024_pkey"},
			},
		},
		{
			name:    "no exclusions",
			opts:    inspect.Options{},
			present: []catalog.Key{{Kind: catalog.KindTable, Schema: "app", Name: "flyway_schema_history"}},
		},
		{
			name: "one schema",
			opts: inspect.Options{Schemas: []string{"audit"}},
			present: []catalog.Key{
				{Kind: catalog.KindSchema, Name: "audit"},
				{Kind: catalog.KindTable, Schema: "audit", Name: "log"},
				{Kind: catalog.KindSequence, Schema: "audit", Name: "log_id_seq"},
				{Kind: catalog.KindDefaultPrivileges, Name: "postgres functions"},
			},
			absent: []catalog.Key{
				{Kind: catalog.KindSchema, Name: "app"},
				{Kind: catalog.KindSchema, Name: "public"},
				{Kind: catalog.KindTable, Schema: "app", Name: "users"},
				{Kind: catalog.KindExtension, Name: "citext"},
				{Kind: catalog.KindEventTrigger, Name: "app_ddl"},
				{Kind: catalog.KindDefaultPrivileges, Schema: "app", Name: "postgres tables"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			idx := read(t, url, tc.opts).Index()
			for _, k := range tc.present {
				if _, ok := idx[k]; !ok {
					t.Errorf("%s missing", k)
				}
			}
			for _, k := range tc.absent {
				if _, ok := idx[k]; ok {
					t.Errorf("%s present, want it left out", k)
				}
			}
		})
	}
}

// TestNoDatabaseSpecifics checks that nothing tied to one database (its
// name, OIDs, sequence positions) leaks into the catalog.
func TestNoDatabaseSpecifics(t *testing.T) {
	t.Parallel()
	url := load(t, "CREATE SCHEMA app; CREATE SEQUENCE app.s; SELECT nextval('app.s'), nextval('app.s');"+
		"CREATE TABLE app.t (id serial PRIMARY KEY); INSERT INTO app.t DEFAULT VALUES;")
	c := read(t, url, inspect.Options{})
	j, err := c.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	dbName := url[strings.LastIndex(url, "/")+1 : strings.Index(url, "?")]
	for _, bad := range []string{dbName, "oid", "last_value", "\"is_called\""} {
		if bytes.Contains(j, []byte(bad)) {
			t.Errorf("catalog contains %q: %s", bad, j)
		}
	}
}
