package inspect_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// musicbrainzSchema is the real 514-table schema of ../shared/bench.
const musicbrainzSchema = "/work/shared/bench/musicbrainz/schema.sql"

// BenchmarkInspect times Inspect on large schemas and reports, as
// pg_dump-ms, the time of `pg_dump --schema-only` on the same database, so
// the two can be compared (target: inspect at most a third of pg_dump).
func BenchmarkInspect(b *testing.B) {
	b.Run("musicbrainz", func(b *testing.B) {
		if _, err := os.Stat(musicbrainzSchema); err != nil {
			b.Skipf("skipping: %s not found (the shared bench folder is absent)", musicbrainzSchema)
		}
		url := pgtest.NewDB(b)
		psqlFile(b, url, musicbrainzSchema)
		benchInspect(b, url)
	})
	b.Run("generated-2000-tables", func(b *testing.B) {
		url := pgtest.NewDB(b)
		pgtest.Exec(b, url, generatedSchema(2000))
		benchInspect(b, url)
	})
}

// benchInspect times Inspect. Each iteration also runs
// `pg_dump --schema-only` on the same database, outside the timer, so both
// see the same machine load; their mean is reported as pg_dump-ms and the
// ratio of the two as inspect/pg_dump.
func benchInspect(b *testing.B, url string) {
	ctx := context.Background()
	pool, err := inspect.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	var objects int
	var inspectTime, dumpTime time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		c, err := inspect.Inspect(ctx, pool, inspect.Options{})
		if err != nil {
			b.Fatal(err)
		}
		inspectTime += time.Since(start)
		b.StopTimer()
		objects = len(c.Objects())
		dumpTime += pgDump(b, url)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(dumpTime.Microseconds())/1000/float64(b.N), "pg_dump-ms")
	b.ReportMetric(float64(inspectTime)/float64(dumpTime), "inspect/pg_dump")
	b.ReportMetric(float64(objects), "objects")
}

// pgDump returns the time of one `pg_dump --schema-only` run.
func pgDump(b *testing.B, url string) time.Duration {
	b.Helper()
	start := time.Now()
	out, err := exec.Command("pg_dump", "--schema-only", "--dbname", url, "--file", os.DevNull).CombinedOutput()
	if err != nil {
		b.Fatalf("pg_dump: %v: %s", err, out)
	}
	return time.Since(start)
}

// psqlFile loads a SQL file the way the bench README says.
func psqlFile(b *testing.B, url, path string) {
	b.Helper()
	out, err := exec.Command("psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", url, "-f", path).CombinedOutput()
	if err != nil {
		b.Fatalf("psql -f %s: %v: %s", path, err, out)
	}
}

// generatedSchema returns n tables in 10 schemas, each with an identity
// primary key, a foreign key to the previous table, a few typed columns,
// a check, an index and a comment, plus a view every 10 tables.
func generatedSchema(n int) string {
	var sb strings.Builder
	for s := range 10 {
		fmt.Fprintf(&sb, "CREATE SCHEMA s%d;\n", s)
	}
	for i := range n {
		s := i % 10
		fmt.Fprintf(&sb, `CREATE TABLE s%[1]d.t%[2]d (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name varchar(100) NOT NULL,
  amount numeric(12, 2) DEFAULT 0 CHECK (amount >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  data jsonb`, s, i)
		if i > 0 {
			fmt.Fprintf(&sb, ",\n  prev_id bigint REFERENCES s%d.t%d (id) ON DELETE CASCADE", (i-1)%10, i-1)
		}
		fmt.Fprintf(&sb, ");\nCREATE INDEX t%[2]d_name ON s%[1]d.t%[2]d (lower(name));\n", s, i)
		fmt.Fprintf(&sb, "COMMENT ON TABLE s%d.t%d IS 'table %d';\n", s, i, i)
		if i%10 == 9 {
			fmt.Fprintf(&sb, "CREATE VIEW s%[1]d.v%[2]d AS SELECT id, name FROM s%[1]d.t%[2]d WHERE amount > 0;\n", s, i)
		}
	}
	return sb.String()
}
