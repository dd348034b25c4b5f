package migrate

import (
	"context"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// TestRehearseStartsWhereMigrateWould: on a non-empty schema without a
// history table, the rehearsal skips what baselineOnMigrate would put
// below the baseline, refuses without it as migrate does, and changes
// nothing.
func TestRehearseStartsWhereMigrateWould(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"V1__old.sql": "CREATE TABLE old (a int);",
		"V2__new.sql": "CREATE TABLE new (a int);\nCREATE INDEX CONCURRENTLY new_a ON new (a);",
	})
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE existing (a int)")
	conn := connect(t, url)
	opts := options(dir)
	if _, err := Rehearse(context.Background(), conn, opts); err == nil || !strings.Contains(err.Error(), "baselineOnMigrate") {
		t.Fatalf("without baselineOnMigrate: err = %v, want migrate's refusal", err)
	}
	opts.BaselineOnMigrate, opts.BaselineVersion, opts.Mixed = true, "1", true
	reh, err := Rehearse(context.Background(), conn, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(reh.Scripts) != 1 || !strings.HasSuffix(reh.Scripts[0].Path, "V2__new.sql") || reh.Scripts[0].InTransaction {
		t.Fatalf("scripts %+v: want only V2, outside a transaction (CONCURRENTLY)", reh.Scripts)
	}
	if got := reh.Scripts[0].Statements[1]; got.Line != 2 || !strings.Contains(got.SQL, "CONCURRENTLY") {
		t.Errorf("second statement %+v: want line 2", got)
	}
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_class WHERE relname = 'flyway_schema_history'").Scan(&n); err != nil || n != 0 {
		t.Errorf("the rehearsal created the history table (%d, %v)", n, err)
	}
}
