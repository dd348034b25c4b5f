package migrate

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestFailingMigrationIsRolledBackAndReportedWithLine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name, script string
		line         int
		msg          string
	}{
		{"syntax error position", "CREATE TABLE ok1 (id int);\n\n-- comment\nCREATE TABLE bad (\n  id int,\n  name txet\n);", 6, `type "txet" does not exist`},
		{"no position", "CREATE TABLE ok1 (id int);\nCREATE TABLE ok1 (id int);", 2, `relation "ok1" already exists`},
		{"runtime error", "CREATE TABLE ok1 (id int);\nSELECT 1/0;", 2, "division by zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"V1__good.sql": "CREATE TABLE good ();", "V2__bad.sql": tt.script})
			conn := connect(t, pgtest.NewDB(t))
			res, err := Migrate(ctx, conn, options(dir))
			var se *ScriptError
			if !errors.As(err, &se) || se.Line != tt.line || !se.RolledBack || !strings.Contains(err.Error(), tt.msg) ||
				!strings.Contains(err.Error(), "V2__bad.sql:"+itoa(tt.line)+":") {
				t.Fatalf("error %v (line %d), want line %d and %q", err, se.lineOr(), tt.line, tt.msg)
			}
			if res == nil || res.MigrationsExecuted != 1 {
				t.Errorf("partial result %+v", res)
			}
			if tableExists(t, conn, "ok1") {
				t.Error("the failed migration was not rolled back")
			}
			// Flyway on PostgreSQL records nothing for a rolled-back migration.
			if rows := historyRows(t, conn); len(rows) != 1 {
				t.Errorf("history %+v", rows)
			}
		})
	}
}

func (e *ScriptError) lineOr() int {
	if e == nil {
		return -1
	}
	return e.Line
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestNonTransactionalFailureIsRecordedThenRepaired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeFiles(t, map[string]string{
		"V1__t.sql":          "CREATE TABLE t (id int);",
		"V2__idx.sql":        "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_id ON t (id);",
		"V2__idx.sql.conf":   "executeInTransaction=false",
		"V3__after.sql":      "CREATE TABLE after ();",
		"U3__after.sql":      "DROP TABLE after;",
		"V2__idx.sql.conf~~": "",
	})
	conn := connect(t, pgtest.NewDB(t))
	opts := options(dir)
	_, err := Migrate(ctx, conn, opts)
	var se *ScriptError
	if !errors.As(err, &se) || se.RolledBack || se.Line != 2 || !strings.Contains(err.Error(), "run repair") {
		t.Fatalf("error %v", err)
	}
	rows := historyRows(t, conn)
	if len(rows) != 2 || rows[1].Success || rows[1].Version != "2" {
		t.Fatalf("history %+v", rows)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Success", "2 Failed", "3 Pending"}) {
		t.Errorf("states %q", got)
	}
	if _, err := Migrate(ctx, conn, opts); err == nil || !strings.Contains(err.Error(), "detected failed migration to version 2") {
		t.Errorf("migrate over a failed migration: %v", err)
	}
	// Fix the script, repair, migrate.
	addFiles(t, dir, map[string]string{"V2__idx.sql": "DROP INDEX CONCURRENTLY t_id;\nCREATE INDEX CONCURRENTLY t_id ON t (id);"})
	rep, err := Repair(ctx, conn, opts)
	if err != nil || !reflect.DeepEqual(rep.RepairActions, []string{RemovedFailedMigrations}) || len(rep.MigrationsRemoved) != 1 {
		t.Fatalf("repair: %+v, %v", rep, err)
	}
	if res, err := Migrate(ctx, conn, opts); err != nil || res.MigrationsExecuted != 2 {
		t.Fatalf("migrate after repair: %+v, %v", res, err)
	}
	// Undo the latest version with its U script.
	undo, err := Undo(ctx, conn, opts)
	if err != nil || undo.MigrationsUndone != 1 || undo.TargetSchemaVersion != "2" || tableExists(t, conn, "after") {
		t.Fatalf("undo: %+v, %v", undo, err)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Success", "2 Success", "3 Undone", "3 Success", "3 Pending"}) {
		t.Errorf("states after undo %q", got)
	}
	if rows := historyRows(t, conn); rows[len(rows)-1].Type != TypeUndoSQL || rows[len(rows)-1].Script != "U3__after.sql" {
		t.Errorf("undo row %+v", rows[len(rows)-1])
	}
	if _, err := Undo(ctx, conn, opts); err == nil || !strings.Contains(err.Error(), "no undo script U2__*.sql") {
		t.Errorf("undo without a script: %v", err)
	}
	if res, err := Migrate(ctx, conn, opts); err != nil || res.MigrationsExecuted != 1 || !tableExists(t, conn, "after") {
		t.Errorf("migrate after undo: %+v, %v", res, err)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Success", "2 Success", "3 Undone", "3 Success", "3 Success"}) {
		t.Errorf("states after migrating again %q", got)
	}
}

func TestValidateRepairChecksumAndMissing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeFiles(t, map[string]string{"V1__a.sql": "CREATE TABLE a ();", "V2__b.sql": "CREATE TABLE b ();", "V3__c.sql": ""})
	conn := connect(t, pgtest.NewDB(t))
	opts := options(dir)
	if _, err := Migrate(ctx, conn, opts); err != nil {
		t.Fatal(err)
	}
	addFiles(t, dir, map[string]string{"V1__a.sql": "CREATE TABLE a (); -- edited"})
	res, err := Validate(ctx, conn, opts)
	if err == nil || res.ValidationSuccessful || res.InvalidMigrations[0].ErrorDetails.ErrorCode != "CHECKSUM_MISMATCH" {
		t.Fatalf("validate after edit: %+v, %v", res, err)
	}
	if err := removeFile(dir, "V2__b.sql"); err != nil {
		t.Fatal(err)
	}
	rep, err := Repair(ctx, conn, opts)
	if err != nil || !reflect.DeepEqual(rep.RepairActions, []string{AlignedAppliedMigrationChecksum, MarkedMigrationsAsDeleted}) {
		t.Fatalf("repair: %+v, %v", rep, err)
	}
	if _, err := Validate(ctx, conn, opts); err != nil {
		t.Errorf("validate after repair: %v", err)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Success", "2 Deleted", "3 Success"}) {
		t.Errorf("states %q", got)
	}
}

func TestBaseline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeFiles(t, map[string]string{"V1__a.sql": "CREATE TABLE a ();", "V2__b.sql": "CREATE TABLE b ();"})
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE existing ();")
	conn := connect(t, url)
	opts := options(dir)
	if _, err := Migrate(ctx, conn, opts); err == nil || !strings.Contains(err.Error(), "run baseline, or set baselineOnMigrate=true") {
		t.Fatalf("migrate on a non-empty schema: %v", err)
	}
	opts.BaselineOnMigrate = true
	if res, err := Migrate(ctx, conn, opts); err != nil || res.MigrationsExecuted != 1 || res.Migrations[0].Version != "2" {
		t.Fatalf("baselineOnMigrate: %+v, %v", res, err)
	}
	rows := historyRows(t, conn)
	if rows[0].InstalledRank != 1 || rows[0].Type != TypeBaseline || rows[0].Version != "1" || rows[0].Script != "<< Flyway Baseline >>" ||
		rows[0].Description != "<< Flyway Baseline >>" || rows[0].Checksum != nil {
		t.Errorf("baseline row %+v", rows[0])
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Baseline", "2 Success", "1 Below Baseline"}) {
		t.Errorf("states %q", got)
	}
	if _, err := Baseline(ctx, conn, opts); err != nil {
		t.Errorf("baseline again at the same version: %v", err)
	}
	opts.BaselineVersion = "5"
	if _, err := Baseline(ctx, conn, opts); err == nil || !strings.Contains(err.Error(), "already baselined at version 1") {
		t.Errorf("baseline at another version: %v", err)
	}
}

func TestLockKeepsTwoCommandsApart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := pgtest.NewDB(t)
	first, second := connect(t, url), connect(t, url)
	unlock, err := Lock(ctx, first, HistoryLockKey("public", "flyway_schema_history"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	opts := options(writeFiles(t, map[string]string{"V1__a.sql": "CREATE TABLE a ();"}))
	opts.LockWait = 300 * time.Millisecond
	_, err = Migrate(ctx, second, opts)
	if err == nil || !strings.Contains(err.Error(), "holds it and did not release it within 300ms") || !strings.Contains(err.Error(), "session pid") {
		t.Fatalf("migrate while locked: %v", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := Migrate(ctx, second, opts); err != nil {
		t.Fatalf("migrate after unlock: %v", err)
	}
}
