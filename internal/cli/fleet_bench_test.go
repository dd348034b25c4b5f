package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// musicbrainzSchema is the shared 514-table benchmark schema.
const musicbrainzSchema = "/work/shared/bench/musicbrainz/schema.sql"

// BenchmarkFleetSweep sweeps 100 databases (PGFLEET_BENCH_TARGETS=N for
// another count, at least 10) holding the MusicBrainz schema
// for drift: each has a deployed snapshot (so every target is inspected and
// compared), and every tenth has drifted. Setup (one psql load, then CREATE
// DATABASE ... TEMPLATE clones) is not timed.
//
//	go test ./internal/cli -run '^$' -bench BenchmarkFleetSweep -benchtime 1x
func BenchmarkFleetSweep(b *testing.B) {
	if _, err := os.Stat(musicbrainzSchema); err != nil {
		b.Skip("no ", musicbrainzSchema)
	}
	targets := 100
	if n, err := strconv.Atoi(os.Getenv("PGFLEET_BENCH_TARGETS")); err == nil && n >= 10 {
		targets = n // a smaller fleet for a quick figure
	}
	dir := b.TempDir()
	tmpl := pgtest.NewDB(b)
	if out, err := exec.Command("psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", tmpl, "-f", musicbrainzSchema).CombinedOutput(); err != nil {
		b.Fatalf("loading %s: %v: %s", musicbrainzSchema, err, out)
	}
	toml := "[fleet]\nparallelism = 8\n[environments.template]\nurl = \"" + tmpl + "\"\n"
	writeBenchConfig(b, dir, toml)
	if r := benchCLI("-workingDirectory="+dir, "-environment=template", "snapshot", "-filename=snapshotHistory:current"); r.code != 0 {
		b.Fatalf("snapshot: %s %s", r.stdout, r.stderr)
	}
	admin := pgtest.AdminURL(b)
	tmplName := tmpl[strings.LastIndex(tmpl, "/")+1 : strings.Index(tmpl, "?")]
	var sb strings.Builder
	sb.WriteString("[fleet]\nparallelism = 8\ntimeout = \"5m\"\n")
	start := time.Now()
	var urls []string
	for i := range targets {
		name := fmt.Sprintf("%s_c%03d", tmplName, i)
		pgtest.Exec(b, admin, "CREATE DATABASE "+name+" TEMPLATE "+tmplName+" STRATEGY FILE_COPY")
		b.Cleanup(func() { pgtest.Exec(b, admin, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
		url := pgtest.WithDatabase(b, tmpl, name)
		if i%10 == 0 {
			pgtest.Exec(b, url, "CREATE INDEX drift_idx ON musicbrainz.artist (comment); ALTER TABLE musicbrainz.label ADD COLUMN drift text;")
		}
		fmt.Fprintf(&sb, "[environments.db-%03d]\nurl = \"%s\"\n", i, url)
		urls = append(urls, url)
	}
	b.Logf("cloned %d databases in %s", targets, time.Since(start).Round(time.Second))
	writeBenchConfig(b, dir, sb.String())
	b.ResetTimer()
	for b.Loop() {
		r := benchCLI("-workingDirectory="+dir, "-environment=*", "check", "-drift", "-failOnDrift=true")
		if r.code != 3 || !strings.Contains(r.stdout, fmt.Sprintf("%d clean, %d drifted", targets-targets/10, targets/10)) {
			b.Fatalf("sweep: exit %d\n%s\n%s", r.code, r.stdout, lastLines(r.stderr, 20))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/1000, "s/sweep")
	b.StopTimer()
	b.Logf("for comparison, pg_dump --schema-only of the same %d databases, 8 at a time: %s",
		targets, pgDumpAll(b, urls, 8).Round(100*time.Millisecond))
}

// pgDumpAll runs pg_dump --schema-only on every database, parallel at a
// time, and returns the wall time.
func pgDumpAll(b *testing.B, urls []string, parallel int) time.Duration {
	start := time.Now()
	sem := make(chan struct{}, parallel)
	errs := make(chan error, len(urls))
	for _, url := range urls {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			out, err := exec.Command("pg_dump", "--schema-only", "-f", os.DevNull, "-d", url).CombinedOutput()
			if err != nil {
				err = fmt.Errorf("pg_dump: %v: %s", err, out)
			}
			errs <- err
		}()
	}
	for range urls {
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

func benchCLI(args ...string) result {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(string) (string, bool) { return "", false }, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func writeBenchConfig(b *testing.B, dir, toml string) {
	b.Helper()
	if err := os.WriteFile(filepath.Join(dir, "flyway.toml"), []byte(toml), 0o644); err != nil {
		b.Fatal(err)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
