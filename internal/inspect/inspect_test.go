package inspect_test

import (
	"context"
	"os"
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

func TestSmoke(t *testing.T) {
	url := load(t, richSQL(t))
	c := read(t, url, inspect.Options{ExcludeTables: []string{"app.flyway_schema_history"}})
	b, _ := c.CanonicalJSON()
	os.WriteFile("/tmp/rich.json", b, 0o644)
}
