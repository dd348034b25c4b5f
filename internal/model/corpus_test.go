package model

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pgfleet/pgfleet/internal/corpus"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// EnvCorpusFolders limits TestCorpusLoadsLikeLive to some corpus folders
// (comma-separated, e.g. "migra,apgdiff").
const EnvCorpusFolders = "PGFLEET_MODEL_CORPUS"

// TestCorpusLoadsLikeLive checks, for every corpus case and side, that
// loading the SQL as a schema model gives the same catalog as running it
// as a script and reading the database live.
func TestCorpusLoadsLikeLive(t *testing.T) {
	cases := corpus.ForTest(t, "")
	if only := os.Getenv(EnvCorpusFolders); only != "" {
		cases = filterFolders(cases, strings.Split(only, ","))
	}
	var tally corpus.Tally
	var rejected atomic.Int32
	// Subtests let each side's databases be dropped as soon as it is done;
	// the group returns when every parallel side has finished.
	t.Run("sides", func(t *testing.T) {
		for _, c := range cases {
			pgtest.EnsureRoles(t, c.Roles...)
			for _, side := range []string{"old", "new"} {
				sql := c.Old
				if side == "new" {
					sql = c.New
				}
				id := c
				id.Name += "/" + side
				t.Run(id.ID(), func(t *testing.T) {
					t.Parallel()
					err := compareCase(t, sql)
					var le *LoadError
					if errors.As(err, &le) && le.Stage == "checking" {
						rejected.Add(1) // data or psql statements: rightly not a model
					}
					tally.Record(id, err == nil, strings.ReplaceAll(fmt.Sprint(err), "\n", " "))
				})
			}
		}
	})
	t.Log(tally.Report("schema model vs live catalogs, per corpus folder (cases × old/new):"))
	passed, total := tally.Rate()
	t.Logf("%d of %d sides hold statements a model rightly rejects (data changes, psql commands)", rejected.Load(), total)
	if failed := total - passed - int(rejected.Load()); failed > 0 {
		t.Errorf("%d of %d corpus sides load differently as a model than as a script", failed, total)
	}
}

// compareCase loads sql live and as a model and compares the catalogs.
func compareCase(t *testing.T, sql string) error {
	ctx := context.Background()
	live, err := pgtest.LoadScript(t, sql)
	if err != nil {
		return err
	}
	dir := filepath.Join(t.TempDir(), "schema-model")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "model.sql"), []byte(sql), 0o644); err != nil {
		return err
	}
	res, err := Load(ctx, Options{Dir: dir, TargetConnString: live})
	if err != nil {
		return err
	}
	want := canonical(t, inspectURL(t, live))
	if got := canonical(t, res.Catalog); !bytes.Equal(got, want) {
		return fmt.Errorf("catalogs differ: %s", strings.ReplaceAll(lineDiff(string(want), string(got)), "\n", " "))
	}
	return nil
}

// filterFolders keeps the cases of the named folders.
func filterFolders(cases []corpus.Case, folders []string) []corpus.Case {
	keep := map[string]bool{}
	for _, f := range folders {
		keep[strings.TrimSpace(f)] = true
	}
	var out []corpus.Case
	for _, c := range cases {
		if keep[c.Folder] {
			out = append(out, c)
		}
	}
	return out
}
