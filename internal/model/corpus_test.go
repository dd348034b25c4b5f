package model

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	live, err := runScript(t, sql)
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

// missingRole finds the role named in psql's "role ... does not exist".
var missingRole = regexp.MustCompile(`role "([^"]+)" does not exist`)

// runScript runs sql with psql into a new database, as its authors would,
// creating the roles it needs (not all cases list them in meta.json).
func runScript(t *testing.T, sql string) (string, error) {
	file := filepath.Join(t.TempDir(), "script.sql")
	if err := os.WriteFile(file, []byte(sql), 0o644); err != nil {
		return "", err
	}
	for range 10 {
		live := pgtest.NewDB(t)
		out, err := exec.Command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, "-d", live).CombinedOutput()
		if err == nil {
			return live, nil
		}
		m := missingRole.FindSubmatch(out)
		if m == nil {
			return "", fmt.Errorf("running as a script: %v: %s", err, strings.TrimSpace(string(out)))
		}
		pgtest.EnsureRoles(t, string(m[1]))
	}
	return "", errors.New("running as a script: too many missing roles")
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
