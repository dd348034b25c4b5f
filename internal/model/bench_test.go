package model

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// musicBrainz is the 514-table benchmark schema beside the project.
const musicBrainz = "../../../shared/bench/musicbrainz/schema.sql"

// musicBrainzModel copies the benchmark schema into a model folder.
func musicBrainzModel(tb testing.TB) (dir, sql string) {
	tb.Helper()
	data, err := os.ReadFile(musicBrainz)
	if err != nil {
		tb.Skipf("benchmark schema not present (%s): %v", musicBrainz, err)
	}
	dir = filepath.Join(tb.TempDir(), "schema-model")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "schema.sql"), data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir, string(data)
}

func TestMusicBrainzLoadsLikeLive(t *testing.T) {
	if testing.Short() {
		t.Skip("514-table schema skipped in -short mode")
	}
	dir, sql := musicBrainzModel(t)
	live := pgtest.NewDB(t)
	conn, err := pgx.Connect(context.Background(), live)
	if err != nil {
		t.Fatal(err)
	}
	start0 := time.Now()
	_, err = conn.Exec(context.Background(), sql, pgx.QueryExecModeSimpleProtocol)
	t.Logf("script took %s", time.Since(start0))
	conn.Close(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := Load(context.Background(), Options{Dir: dir, TargetConnString: live})
	t.Logf("Load took %s", time.Since(start))
	if err != nil {
		t.Fatal(err)
	}
	want := canonical(t, inspectURL(t, live))
	if got := canonical(t, res.Catalog); !bytes.Equal(got, want) {
		t.Errorf("model catalog differs from live:\n%s", lineDiff(string(want), string(got)))
	}
	if n := len(res.Catalog.Tables); n < 500 {
		t.Errorf("catalog has %d tables, want the schema's 514", n)
	}
	missing := 0
	kinds := map[string]int{}
	for k := range res.Catalog.Index() {
		if _, ok := res.Positions[k]; !ok {
			missing++
			kinds[string(k.Kind)]++
		}
	}
	t.Logf("objects without a position, by kind: %v (objects a DO block creates, and public, which the model does not define)", kinds)
	t.Logf("%d tables, %d objects, %d without a position", len(res.Catalog.Tables), len(res.Catalog.Index()), missing)
}

// BenchmarkLoadMusicBrainz measures loading the 514-table schema as a model:
// parse, temporary database, apply, inspect, drop.
func BenchmarkLoadMusicBrainz(b *testing.B) {
	dir, _ := musicBrainzModel(b)
	target := pgtest.NewDB(b)
	for b.Loop() {
		if _, err := Load(context.Background(), Options{Dir: dir, TargetConnString: target}); err != nil {
			b.Fatal(err)
		}
	}
}
