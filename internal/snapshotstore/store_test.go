package snapshotstore

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

func snapshotOf(tables ...string) *catalog.Snapshot {
	c := &catalog.Catalog{Schemas: []*catalog.Schema{{Name: "app"}}}
	for _, t := range tables {
		c.Tables = append(c.Tables, &catalog.Table{Schema: "app", Name: t})
	}
	return catalog.NewSnapshot(c, catalog.SnapshotCreated{At: time.Unix(0, 0).UTC(), By: "test"})
}

func connect(t *testing.T) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return conn
}

func TestGetWithoutTableIsNil(t *testing.T) {
	t.Parallel()
	e, err := Store{Schema: "app"}.Get(context.Background(), connect(t), Current)
	if err != nil || e != nil {
		t.Fatalf("Get on a target without history = %v, %v; want nil, nil", e, err)
	}
}

func TestSaveGetAndPrune(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	conn := connect(t)
	st := Store{Schema: "app", Limit: 3}
	for i, tables := range [][]string{{"a"}, {"a", "b"}, {"a", "b", "c"}, {"a", "b", "c", "d"}} {
		e := Entry{Snapshot: snapshotOf(tables...), CreatedBy: "tester", ModelHash: "m", ScriptChecksum: "s"}
		if i == 1 {
			e.Name = "before-release"
		}
		if err := st.Save(ctx, conn, e); err != nil {
			t.Fatal(err)
		}
	}
	cur, err := st.Get(ctx, conn, Current)
	if err != nil || cur == nil {
		t.Fatalf("current: %v %v", cur, err)
	}
	if n := len(cur.Snapshot.Catalog.Tables); n != 4 || cur.Fingerprint != snapshotOf("a", "b", "c", "d").Fingerprint {
		t.Errorf("current snapshot has %d tables, fingerprint %s", n, cur.Fingerprint)
	}
	prev, err := st.Get(ctx, conn, Previous)
	if err != nil || prev == nil || len(prev.Snapshot.Catalog.Tables) != 3 {
		t.Fatalf("previous: %+v %v", prev, err)
	}
	named, err := st.Get(ctx, conn, "before-release")
	if err != nil || named == nil || len(named.Snapshot.Catalog.Tables) != 2 {
		t.Fatalf("named: %+v %v", named, err)
	}
	var rows int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM app.flyway_snapshot_history").Scan(&rows); err != nil || rows != 3 {
		t.Fatalf("history holds %d rows (err %v); want the limit, 3", rows, err)
	}
	missing, err := st.Get(ctx, conn, "no-such-name")
	if err != nil || missing != nil {
		t.Fatalf("unknown name = %v, %v; want nil, nil", missing, err)
	}
}

func TestCorruptSnapshotIsAnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	conn := connect(t)
	st := Store{Schema: "app"}
	if err := st.Save(ctx, conn, Entry{Snapshot: snapshotOf("a"), CreatedBy: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "UPDATE app.flyway_snapshot_history SET snapshot = 'not gzip'"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(ctx, conn, Current); err == nil {
		t.Fatal("a corrupt snapshot was read without error")
	}
}
