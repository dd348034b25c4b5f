package migrate

import (
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// flywayDDL is the script Flyway's PostgreSQLDatabase.getRawCreateScript
// runs for schema app, table flyway_schema_history.
const flywayDDL = `CREATE TABLE "app"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INT,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INT NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "app"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "app"."flyway_schema_history" ("success");`

// describeTable returns the shape of app.flyway_schema_history: columns,
// constraints and indexes.
func describeTable(t *testing.T, conn *pgx.Conn) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `
		SELECT format('%s %s %s %s', attname, format_type(atttypid, atttypmod), attnotnull, pg_get_expr(adbin, adrelid))
		FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum
		WHERE attrelid = 'app.flyway_schema_history'::regclass AND attnum > 0 AND NOT attisdropped
		UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'app.flyway_schema_history'::regclass
		UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'app.flyway_schema_history'::regclass
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHistoryTableHasFlywaysShape(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	flyway := connect(t, pgtest.NewDB(t))
	if _, err := flyway.Exec(ctx, "CREATE SCHEMA app;\n"+flywayDDL); err != nil {
		t.Fatal(err)
	}
	ours := connect(t, pgtest.NewDB(t))
	opts := options(writeFiles(t, map[string]string{"V1__a.sql": "CREATE TABLE a (id int);"}))
	opts.Schemas = []string{"app"}
	if _, err := Migrate(ctx, ours, opts); err != nil {
		t.Fatal(err)
	}
	want, got := describeTable(t, flyway), describeTable(t, ours)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history table differs from Flyway's:\n got %q\nwant %q", got, want)
	}
	// The schema was created: Flyway's marker row comes first.
	var rank int
	var typ, script, desc string
	err := ours.QueryRow(ctx, `SELECT installed_rank, type, script, description FROM app.flyway_schema_history
		WHERE version IS NULL`).Scan(&rank, &typ, &script, &desc)
	if err != nil || rank != 1 || typ != "SCHEMA" || script != `"app"` || desc != "<< Flyway Schema Creation >>" {
		t.Errorf("schema marker row: %d %s %s %s %v", rank, typ, script, desc, err)
	}
	if !tableExists(t, ours, "app.a") {
		t.Error("V1 did not run in the default schema app")
	}
}

func TestTakesOverAHistoryFlywayWrote(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	raw, _ := os.ReadFile("testdata/checksum/placeholders_raw.sql")
	nonASCII, _ := os.ReadFile("testdata/checksum/bom_crlf_nonascii.sql")
	repeatable, _ := os.ReadFile("testdata/checksum/repeatable_raw.sql")
	dir := writeFiles(t, map[string]string{
		"V1__placeholders.sql": string(raw),
		"V2__non_ascii.sql":    string(nonASCII),
		"R__fill.sql":          string(repeatable),
		"V3__next.sql":         "CREATE TABLE app.next (id int);",
	})
	url := pgtest.NewDB(t)
	conn := connect(t, url)
	// What Flyway 10 leaves behind after creating schema app and applying
	// V1, V2 and R__fill with schema=app, Value=42 (checksums from
	// FlywayChecksum.java's vectors).
	pgtest.Exec(t, url, "CREATE SCHEMA app;\n"+flywayDDL+`
		CREATE TABLE app.t (id int); CREATE TABLE app."café" ("naïve" text); CREATE TABLE app.r (id int);
		INSERT INTO app.flyway_schema_history VALUES
		 (1, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"app"', NULL, 'flyway', '2024-05-01 10:00:00', 0, true),
		 (2, '1', 'placeholders', 'SQL', 'V1__placeholders.sql', 167944732, 'flyway', '2024-05-01 10:00:01', 12, true),
		 (3, '2', 'non ascii', 'SQL', 'V2__non_ascii.sql', 1513372739, 'flyway', '2024-05-01 10:00:02', 7, true),
		 (4, NULL, 'fill', 'SQL', 'R__fill.sql', 1130962900, 'flyway', '2024-05-01 10:00:03', 3, true);`)
	opts := options(dir)
	opts.Schemas = []string{"app"}
	opts.Placeholders = map[string]string{"schema": "app", "value": "42"}
	if _, err := Validate(ctx, conn, withIgnore(opts, "*:pending")); err != nil {
		t.Fatalf("validate against Flyway's history: %v", err)
	}
	if got := states(t, conn, opts); !reflect.DeepEqual(got, []string{"<< Flyway Schema Creation >> Success",
		"1 Success", "2 Success", "fill Success", "3 Pending"}) {
		t.Errorf("states %q", got)
	}
	res, err := Migrate(ctx, conn, opts)
	if err != nil || res.MigrationsExecuted != 1 || res.InitialSchemaVersion != "2" || res.TargetSchemaVersion != "3" {
		t.Fatalf("migrate: %+v, %v", res, err)
	}
	var rank int
	var by string
	err = conn.QueryRow(ctx, "SELECT installed_rank, installed_by FROM app.flyway_schema_history WHERE version = '3'").Scan(&rank, &by)
	if err != nil || rank != 5 || by != "postgres" {
		t.Errorf("V3 row: rank %d by %q, %v", rank, by, err)
	}
}

func withIgnore(o Options, patterns ...string) Options {
	o.IgnoreMigrationPatterns = append(append([]string{}, o.IgnoreMigrationPatterns...), patterns...)
	return o
}
