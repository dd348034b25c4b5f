package model

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestBuildEnvironment(t *testing.T) {
	t.Parallel()
	pgtest.EnsureRoles(t, "pgfleet_model_reader")
	build := pgtest.NewDB(t)
	before := schemaState(t, build)
	dir := writeModel(t, map[string]string{
		"a.sql": "CREATE EXTENSION IF NOT EXISTS hstore;\nCREATE SCHEMA app;\nCREATE TABLE app.t (id int, h hstore);\n" +
			"CREATE TABLE public.p (id int);\nCOMMENT ON SCHEMA public IS 'changed by the model';\n" +
			"REVOKE ALL ON SCHEMA public FROM PUBLIC;\nALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO pgfleet_model_reader;\n" +
			"CREATE FUNCTION public.f() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;\n" +
			"CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION public.f();\n",
	})
	for run := range 2 {
		res, err := Load(context.Background(), Options{Dir: dir, BuildConnString: build})
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if res.Catalog.Table("app", "t") == nil || res.Catalog.Table("public", "p") == nil {
			t.Fatalf("run %d: tables missing from catalog", run)
		}
		if got := schemaState(t, build); got != before {
			t.Fatalf("run %d: build database not restored:\n got %s\nwant %s", run, got, before)
		}
	}
}

func TestBuildEnvironmentNotEmpty(t *testing.T) {
	t.Parallel()
	build := pgtest.NewDB(t)
	pgtest.Exec(t, build, "CREATE SCHEMA leftover; CREATE TABLE public.old (id int);")
	dir := writeModel(t, map[string]string{"a.sql": "CREATE TABLE a (id int);"})
	_, err := Load(context.Background(), Options{Dir: dir, BuildConnString: build})
	if err == nil {
		t.Fatal("Load into a non-empty build database succeeded")
	}
	for _, want := range []string{"is not empty", "schema leftover", "relation old", "point buildEnvironment at an empty database"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	var n int
	conn, err := pgx.Connect(context.Background(), build)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_class WHERE relname = 'old'").Scan(&n); err != nil || n != 1 {
		t.Errorf("the build database's contents were touched: count %d, err %v", n, err)
	}
}

// schemaState summarises what a database holds: schemas with owner, ACL
// and comment, objects in public, extensions, event triggers, default ACLs.
func schemaState(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var s string
	err = conn.QueryRow(ctx, `SELECT concat_ws(' | ',
	  (SELECT string_agg(nspname || ' ' || nspowner::regrole || ' ' || coalesce(nspacl::text, '-') || ' ' ||
	          coalesce(obj_description(oid, 'pg_namespace'), '-'), ', ' ORDER BY nspname)
	     FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'),
	  (SELECT string_agg(relname, ',') FROM pg_class WHERE relnamespace = 'public'::regnamespace),
	  (SELECT string_agg(extname, ',') FROM pg_extension),
	  (SELECT string_agg(evtname, ',') FROM pg_event_trigger),
	  (SELECT count(*) FROM pg_default_acl))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
