package inspect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
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
		url, err := pgtest.LoadScript(t, sql)
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
