package inspect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/corpus"
	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// TestCorpusDeterministic loads each corpus case's new.sql into two fresh
// databases and checks that both read back as byte-identical catalogs. It
// reports the pass rate per corpus folder.
func TestCorpusDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the corpus in -short mode")
	}
	dir, ok := corpus.Dir()
	if !ok {
		t.Skip("skipping: ../shared/corpus not found (set " + corpus.EnvDir + ")")
	}
	cases, err := corpus.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
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
		url := pgtest.NewDB(t)
		if err := execScript(url, sql); err != nil {
			return fmt.Errorf("loading: %w", err)
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

// execScript runs a script with the simple protocol.
func execScript(url, sql string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql, pgx.QueryExecModeSimpleProtocol)
	return err
}
