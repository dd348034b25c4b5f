package modelfiles

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pgfleet/pgfleet/internal/corpus"
	"github.com/pgfleet/pgfleet/internal/model"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// TestCorpusModelRoundTrip checks, on the new.sql of every corpus case,
// that capturing the live schema as model files and loading those files
// back reproduces the live fingerprint: `model` then
// `snapshot -source=schemaModel`.
func TestCorpusModelRoundTrip(t *testing.T) {
	cases := corpus.ForTest(t, "PGFLEET_CORPUS_FILTER")
	var tally corpus.Tally
	var skipped atomic.Int32
	var wg sync.WaitGroup
	sem := make(chan struct{}, 3)
	for _, c := range cases {
		pgtest.EnsureRoles(t, c.Roles...)
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			err := roundTripSQL(t, c.New)
			if errors.Is(err, errNotBuildable) {
				skipped.Add(1) // e.g. roles the case assumes: not the writer's concern
				return
			}
			tally.Record(c, err == nil, fmt.Sprint(err))
		}()
	}
	wg.Wait()
	t.Log(tally.Report("model files round trip (live → model → load), per corpus folder:"))
	t.Logf("%d cases do not build on this server as written (missing roles, psql-only statements) and were not counted", skipped.Load())
	if passed, total := tally.Rate(); passed < total {
		t.Errorf("%d of %d corpus schemas do not round-trip through model files", total-passed, total)
	}
}

// errNotBuildable marks a case whose SQL does not run on this server.
var errNotBuildable = errors.New("building the case")

// roundTripSQL builds a database from sql and round-trips it; a schema that
// does not load on this server is not counted against the writer.
func roundTripSQL(t *testing.T, sql string) error {
	url, err := pgtest.LoadScript(t, sql)
	if err != nil {
		return fmt.Errorf("%w: %v", errNotBuildable, err)
	}
	live := liveCatalog(t, url)
	dir, err := os.MkdirTemp("", "pgfleet-model-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if _, err := Write(dir, live); err != nil {
		return err
	}
	res, err := model.Load(context.Background(), model.Options{Dir: dir, TargetConnString: url})
	if err != nil {
		return fmt.Errorf("loading the written model: %v", err)
	}
	if live.Fingerprint() != res.Catalog.Fingerprint() {
		return fmt.Errorf("fingerprints differ: %s", strings.ReplaceAll(objectDiff(live, res.Catalog), "\n", " | "))
	}
	return nil
}
