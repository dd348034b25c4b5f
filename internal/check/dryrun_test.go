package check

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/pgtest"
	"github.com/pgfleet/pgfleet/internal/script"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

func dbWithTable(t *testing.T) (*pgx.Conn, string) {
	t.Helper()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int); INSERT INTO t VALUES (1)")
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return conn, url
}

func parse(t *testing.T, text string) *script.Script {
	t.Helper()
	s, err := script.Parse("D__deployment.sql", text)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func tableShape(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var s string
	err := conn.QueryRow(context.Background(), `SELECT string_agg(c.relname || '.' || coalesce(a.attname, ''), ',' ORDER BY 1)
		FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
		WHERE c.relnamespace = 'public'::regnamespace`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDryRunReportsEveryStatementAndChangesNothing(t *testing.T) {
	t.Parallel()
	conn, _ := dbWithTable(t)
	before := tableShape(t, conn)
	s := parse(t, `ALTER TABLE t ADD COLUMN name text;
CREATE TABLE u (id int);
-- pgfleet:non-transactional
CREATE INDEX CONCURRENTLY t_id ON t (id);`)
	res, err := DryRun(context.Background(), conn, s, DryRunOptions{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, r := range res.Statements {
		got = append(got, r.Outcome)
	}
	if strings.Join(got, ",") != "ok,ok,not run" || !res.Succeeded {
		t.Fatalf("outcomes %v succeeded %v", got, res.Succeeded)
	}
	if after := tableShape(t, conn); after != before {
		t.Fatalf("dry run changed the target: %s -> %s", before, after)
	}
}

func TestDryRunStopsAtFailure(t *testing.T) {
	t.Parallel()
	conn, _ := dbWithTable(t)
	s := parse(t, "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE missing ADD COLUMN b int;\nALTER TABLE t ADD COLUMN c int;")
	res, err := DryRun(context.Background(), conn, s, DryRunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Statements
	if res.Succeeded || r[0].Outcome != DryRunOK || r[1].Outcome != DryRunFailed || r[1].SQLState != "42P01" ||
		r[1].Line != 2 || r[2].Outcome != DryRunNotReached {
		t.Fatalf("result %+v", res)
	}
}

func TestDryRunBoundsLockWaits(t *testing.T) {
	t.Parallel()
	conn, url := dbWithTable(t)
	ctx := context.Background()
	holder, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	tx, _ := holder.Begin(ctx)
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "LOCK TABLE t IN ACCESS SHARE MODE"); err != nil {
		t.Fatal(err)
	}
	res, err := DryRun(ctx, conn, parse(t, "ALTER TABLE t ADD COLUMN x int;"), DryRunOptions{LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Succeeded || res.Statements[0].SQLState != "55P03" {
		t.Fatalf("want a lock_timeout failure (55P03), got %+v", res.Statements[0])
	}
}
