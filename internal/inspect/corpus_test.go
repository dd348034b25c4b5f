package inspect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/corpus"
	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// TestCorpusDeterministic loads each corpus case's new.sql into two fresh
// databases and checks that both read back as byte-identical catalogs. It
// reports the pass rate per corpus folder.
func TestCorpusDeterministic(t *testing.T) {
	cases := corpus.ForTest(t, "PGFLEET_CORPUS_FILTER")
	var tally corpus.Tally
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.ID(), func(t *testing.T) {
				t.Parallel()
				pgtest.EnsureRoles(t, c.Roles...)
				err := sameCatalogs(t, c.New)
				tally.Record(c, err == nil, fmt.Sprint(err))
				if err != nil {
					t.Error(err)
				}
			})
		}
	})
	t.Log(tally.Report("inspect determinism (new.sql in two databases)"))
}

// sameCatalogs loads sql into two databases and compares their catalogs.
func sameCatalogs(t *testing.T, sql string) error {
	var got [2]*catalog.Catalog
	for i := range got {
		url, err := loadCase(t, sql)
		if err != nil {
			return err
		}
		got[i] = read(t, url, inspect.Options{})
	}
	a, _ := got[0].CanonicalJSON()
	b, _ := got[1].CanonicalJSON()
	if bytes.Equal(a, b) {
		return nil
	}
	ia, ib := got[0].Index(), got[1].Index()
	for k, oa := range ia {
		ob, ok := ib[k]
		ja, _ := json.Marshal(oa.Value)
		jb, _ := json.Marshal(ob.Value)
		if !ok || !bytes.Equal(ja, jb) {
			return fmt.Errorf("catalogs differ at %s", k)
		}
	}
	return fmt.Errorf("catalogs differ")
}

// missingRole matches PostgreSQL's error for a role that does not exist.
var missingRole = regexp.MustCompile(`role "([^"]+)" does not exist`)

// loadCase loads a case's SQL with psql into a fresh database. Some cases
// (apgdiff's) use roles their meta.json does not list: each missing role is
// created and the case loaded again into a new database.
func loadCase(t *testing.T, sql string) (string, error) {
	for range 10 {
		url := pgtest.NewDB(t)
		cmd := exec.Command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url)
		cmd.Stdin = strings.NewReader(sql)
		out, err := cmd.CombinedOutput()
		if err == nil {
			return url, nil
		}
		m := missingRole.FindSubmatch(out)
		if m == nil {
			return "", fmt.Errorf("loading: %s", bytes.TrimSpace(out))
		}
		pgtest.EnsureRoles(t, string(m[1]))
	}
	return "", fmt.Errorf("loading: too many missing roles")
}
