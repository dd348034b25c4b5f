package migrate

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestMigrateAppliesRecordsAndIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	raw, _ := os.ReadFile("testdata/checksum/placeholders_raw.sql")
	nonASCII, _ := os.ReadFile("testdata/checksum/bom_crlf_nonascii.sql")
	repeatable, _ := os.ReadFile("testdata/checksum/repeatable_raw.sql")
	dir := writeFiles(t, map[string]string{
		"V1__create_schema.sql":          "CREATE SCHEMA app;",
		"V1_1__placeholders.sql":         string(raw),
		"sub/V2__non_ascii.sql":          string(nonASCII),
		"R__fill.sql":                    string(repeatable),
		"README.md":                      "not a migration",
		".hidden/V9__never.sql":          "SELECT broken",
		"sub/V2__non_ascii.sql.conf":     "# no rule\nexecuteInTransaction=true\n",
		"V1_1__placeholders.sql.conf":    "placeholderReplacement=true",
		"R__fill.sql.conf":               "encoding=UTF-8",
		"misnamed.sql":                   "SELECT 1",
		"V1__create_schema.sql.conf.bak": "ignored",
	})
	conn := connect(t, pgtest.NewDB(t))
	opts := options(dir)
	opts.Placeholders = map[string]string{"schema": "app", "VALUE": "42"}
	res, err := Migrate(ctx, conn, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.MigrationsExecuted != 4 || res.TargetSchemaVersion != "2" || res.InitialSchemaVersion != "" || !res.Success {
		t.Fatalf("result %+v", res)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "misnamed.sql") {
		t.Errorf("warnings %q", res.Warnings)
	}
	// Checksums equal the vectors FlywayChecksum.java computed: versioned on
	// raw text, the repeatable after placeholder replacement.
	want := []struct {
		rank     int
		version  string
		desc     string
		script   string
		checksum int32
	}{
		{1, "1", "create schema", "V1__create_schema.sql", Checksum([]byte("CREATE SCHEMA app;"))},
		{2, "1.1", "placeholders", "V1_1__placeholders.sql", 167944732},
		{3, "2", "non ascii", "sub/V2__non_ascii.sql", 1513372739},
		{4, "", "fill", "R__fill.sql", 1130962900}, // repeatable_replaced.sql
	}
	rows := historyRows(t, conn)
	if len(rows) != len(want) {
		t.Fatalf("%d history rows: %+v", len(rows), rows)
	}
	for i, w := range want {
		r := rows[i]
		if r.InstalledRank != w.rank || r.Version != w.version || r.Description != w.desc || r.Script != w.script ||
			r.Checksum == nil || *r.Checksum != w.checksum || r.Type != "SQL" || !r.Success || r.InstalledBy != "postgres" {
			t.Errorf("row %d = %+v, want %+v", i, r, w)
		}
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT id FROM app.t").Scan(&n); err != nil || n != 42 {
		t.Errorf("app.t holds %d, %v", n, err)
	}
	again, err := Migrate(ctx, conn, opts)
	if err != nil || again.MigrationsExecuted != 0 || again.InitialSchemaVersion != "2" {
		t.Fatalf("second migrate: %+v, %v", again, err)
	}
	// A new placeholder value changes the repeatable's checksum: it re-runs.
	opts.Placeholders["VALUE"] = "43"
	if got := states(t, conn, opts); got[len(got)-1] != "fill Outdated" {
		t.Errorf("states %q", got)
	}
	third, err := Migrate(ctx, conn, opts)
	if err != nil || third.MigrationsExecuted != 1 || third.Migrations[0].Category != "Repeatable" {
		t.Fatalf("third migrate: %+v, %v", third, err)
	}
	js, _ := json.Marshal(third)
	for _, key := range []string{`"migrationsExecuted":1`, `"targetSchemaVersion":"2"`, `"operation":"migrate"`} {
		if !strings.Contains(string(js), key) {
			t.Errorf("JSON %s lacks %s", js, key)
		}
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Success", "1.1 Success", "2 Success", "fill Superseded", "fill Success"}) {
		t.Errorf("states %q", got)
	}
}

func TestMigrateTargetAndOutOfOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeFiles(t, map[string]string{
		"V1__a.sql": "CREATE TABLE a();",
		"V3__c.sql": "CREATE TABLE c();",
		"V4__d.sql": "CREATE TABLE d();",
	})
	conn := connect(t, pgtest.NewDB(t))
	opts := options(dir)
	opts.Target = "3"
	if res, err := Migrate(ctx, conn, opts); err != nil || res.MigrationsExecuted != 2 {
		t.Fatalf("migrate to 3: %+v, %v", res, err)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Success", "3 Success", "4 Above Target"}) {
		t.Errorf("states %q", got)
	}
	opts.Target = "latest"
	opts.CherryPick = []string{"4.0"}
	if res, err := Migrate(ctx, conn, opts); err != nil || res.MigrationsExecuted != 1 {
		t.Fatalf("cherry-pick 4: %+v, %v", res, err)
	}
	opts.CherryPick = nil
	addFiles(t, dir, map[string]string{"V2__b.sql": "CREATE TABLE b();"})
	_, err := Migrate(ctx, conn, opts)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "set -outOfOrder=true") {
		t.Fatalf("want out-of-order validation error, got %v", err)
	}
	opts.OutOfOrder = true
	if res, err := Migrate(ctx, conn, opts); err != nil || res.MigrationsExecuted != 1 {
		t.Fatalf("out-of-order migrate: %+v, %v", res, err)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Success", "3 Success", "4 Success", "2 Out of Order"}) {
		t.Errorf("states %q", got)
	}
}

func TestBaselineMigrationStartsAnEmptyDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeFiles(t, map[string]string{
		"V1__a.sql":         "CREATE TABLE a ();",
		"V2__b.sql":         "CREATE TABLE b ();",
		"B2__a_and_b.sql":   "CREATE TABLE a (); CREATE TABLE b ();",
		"V3__c.sql":         "CREATE TABLE c ();",
		"B1__only_a.sql":    "CREATE TABLE a ();",
		"R__view.sql":       "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;",
		"R__view.sql.conf":  "shouldExecute=true",
		"U3__c.sql":         "DROP TABLE c;",
		"U3__c.sql.conf":    "executeInTransaction=true",
		"sub/.keep":         "",
		"sub/notes.txt.sql": "",
	})
	conn := connect(t, pgtest.NewDB(t))
	opts := options(dir)
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"1 Below Baseline", "1 Available", "2 Below Baseline", "2 Pending", "3 Pending", "view Pending"}) {
		t.Errorf("states before %q", got)
	}
	res, err := Migrate(ctx, conn, opts)
	if err != nil || res.MigrationsExecuted != 3 || res.Migrations[0].Type != TypeSQLBaseline || res.TargetSchemaVersion != "3" {
		t.Fatalf("migrate: %+v, %v", res, err)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"2 Success", "3 Success", "view Success", "1 Below Baseline", "1 Available"}) {
		t.Errorf("states after %q", got)
	}
	if _, err := Validate(ctx, conn, opts); err != nil {
		t.Errorf("validate: %v", err)
	}
}

func TestGroupRollsBackTheWholeRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeFiles(t, map[string]string{
		"V1__a.sql": "CREATE TABLE a ();",
		"V2__b.sql": "CREATE TABLE b ();",
		"V3__c.sql": "CREATE TABLE c ();\nSELECT nope;",
	})
	conn := connect(t, pgtest.NewDB(t))
	opts := options(dir)
	opts.Group = true
	res, err := Migrate(ctx, conn, opts)
	if err == nil || !strings.Contains(err.Error(), "V3__c.sql:2:") || !strings.Contains(err.Error(), "every migration of this run was rolled back") {
		t.Fatalf("error %v", err)
	}
	if res.MigrationsExecuted != 0 || tableExists(t, conn, "a") || len(historyRows(t, conn)) != 0 {
		t.Errorf("group not rolled back: %+v", res)
	}
	addFiles(t, dir, map[string]string{"V3__c.sql": "CREATE TABLE c ();"})
	if res, err := Migrate(ctx, conn, opts); err != nil || res.MigrationsExecuted != 3 {
		t.Fatalf("group migrate: %+v, %v", res, err)
	}
	addFiles(t, dir, map[string]string{"V4__d.sql": "VACUUM;"})
	if _, err := Migrate(ctx, conn, opts); err == nil || !strings.Contains(err.Error(), "cannot run with group=true") {
		t.Errorf("non-transactional in a group: %v", err)
	}
}

func TestDefaultSchemaOutsideSchemasIsCreated(t *testing.T) {
	t.Parallel()
	conn := connect(t, pgtest.NewDB(t))
	opts := options(writeFiles(t, map[string]string{"V1__a.sql": "CREATE TABLE a ();"}))
	opts.DefaultSchema, opts.Schemas = "meta", []string{"app"}
	if _, err := Migrate(context.Background(), conn, opts); err != nil {
		t.Fatal(err)
	}
	if !tableExists(t, conn, "meta.flyway_schema_history") || !tableExists(t, conn, "meta.a") {
		t.Error("history table or migration not in the default schema meta")
	}
	var script string
	if err := conn.QueryRow(context.Background(), "SELECT script FROM meta.flyway_schema_history WHERE type = 'SCHEMA'").Scan(&script); err != nil || script != `"meta","app"` {
		t.Errorf("schema marker %q, %v", script, err)
	}
}
