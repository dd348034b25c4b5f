package plan

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/corpus"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// musicbrainzSQL reads ../shared/bench/musicbrainz/schema.sql, skipping
// the test when it is missing.
func musicbrainzSQL(tb testing.TB) string {
	tb.Helper()
	dir, ok := corpus.Dir()
	if !ok {
		tb.Skip("no ../shared beside the module: benchmark schema missing")
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "bench", "musicbrainz", "schema.sql"))
	if err != nil {
		tb.Skipf("benchmark schema missing: %v", err)
	}
	return string(b)
}

// musicbrainzCatalogs loads the schema into a fresh database and returns
// its catalog, and the catalog of an empty database.
func musicbrainzCatalogs(tb testing.TB) (full, empty *catalog.Catalog, emptyURL string) {
	tb.Helper()
	sql := musicbrainzSQL(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	url := pgtest.NewDB(tb)
	pgtest.Exec(tb, url, sql)
	full, err := inspectURL(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	emptyURL = pgtest.NewDB(tb)
	if empty, err = inspectURL(ctx, emptyURL); err != nil {
		tb.Fatal(err)
	}
	return full, empty, emptyURL
}

// TestMusicbrainzCreateAndDrop: creating the 514-table schema from an
// empty database is one transactional script that converges, and
// planning back to an empty model drops it all in one transaction.
func TestMusicbrainzCreateAndDrop(t *testing.T) {
	full, empty, url := musicbrainzCatalogs(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	opts := Options{Role: "postgres"}
	for _, step := range []struct {
		name     string
		from, to *catalog.Catalog
	}{{"create", empty, full}, {"drop", full, empty}} {
		p, err := Build(step.from, step.to, opts)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if n := len(p.NonTransactional()); n != 0 {
			t.Fatalf("%s: %d non-transactional steps, want one transaction", step.name, n)
		}
		t.Logf("%s: %d steps in one transaction", step.name, len(p.Steps))
		if err := converge(ctx, url, step.from, step.to, opts); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
	}
}

// cloneCatalog deep-copies a catalog through its JSON encoding.
func cloneCatalog(tb testing.TB, c *catalog.Catalog) *catalog.Catalog {
	b, err := json.Marshal(c)
	if err != nil {
		tb.Fatal(err)
	}
	var out catalog.Catalog
	if err := json.Unmarshal(b, &out); err != nil {
		tb.Fatal(err)
	}
	return &out
}

// scatter makes n changes spread over the catalog's tables: added
// columns, comments, defaults, NOT NULL flips and dropped indexes.
func scatter(c *catalog.Catalog, n int) {
	step := max(1, len(c.Tables)/n)
	for i := 0; i < n; i++ {
		t := c.Tables[(i*step)%len(c.Tables)]
		switch i % 5 {
		case 0:
			t.Columns = append(t.Columns, &catalog.Column{Name: fmt.Sprintf("bench_%d", i), Type: "text", Position: len(t.Columns) + 1})
		case 1:
			t.Comment = fmt.Sprintf("bench comment %d", i)
		case 2:
			t.Columns[0].Default = ""
			t.Columns[0].Comment = "bench"
		case 3:
			t.Columns[len(t.Columns)-1].NotNull = !t.Columns[len(t.Columns)-1].NotNull
		case 4:
			if len(t.Indexes) > 0 && t.Indexes[0].Constraint == "" {
				t.Indexes = t.Indexes[1:]
			} else {
				t.Options = append(t.Options, "fillfactor=90")
			}
		}
	}
}

// BenchmarkPlanMusicbrainz measures plan time on the 514-table schema,
// catalogs read once outside the timed loop.
func BenchmarkPlanMusicbrainz(b *testing.B) {
	full, _, _ := musicbrainzCatalogs(b)
	changed := cloneCatalog(b, full)
	scatter(changed, 50)
	for _, bc := range []struct {
		name string
		to   *catalog.Catalog
	}{{"no-changes", full}, {"50-changes", changed}} {
		b.Run(bc.name, func(b *testing.B) {
			p, err := Build(full, bc.to, Options{Role: "postgres"})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(p.Steps)), "steps")
			start := cpuTime()
			n := 0
			for b.Loop() {
				if _, err := Build(full, bc.to, Options{Role: "postgres"}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			// CPU time per plan: on a shared, loaded machine wall time
			// (ns/op) mostly measures waiting for a core.
			b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(n), "cpu-ms/op")
		})
	}
}

// cpuTime is the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
