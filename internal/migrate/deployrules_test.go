package migrate

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// scenarioFiles are the Deploy Rules scenario of issue 6: a test-data
// script for test only, a client script for prod-clientA only, a feature
// script behind featureA, a script that never runs, and a later plain one.
var scenarioFiles = map[string]string{
	"V1__schema.sql":         "CREATE TABLE items (id int PRIMARY KEY, note text);",
	"V2__test_data.sql":      "INSERT INTO items VALUES (2, 'test data');",
	"V2__test_data.sql.conf": "shouldExecute=(${flyway:environment}==test||${flyway:environment}==custom)\n",
	"V3__client_a.sql":       "INSERT INTO items VALUES (3, 'client A');",
	"V3__client_a.sql.conf":  "# bespoke script\nshouldExecute=${flyway:environment}==prod-clientA\n",
	"V4__feature_a.sql":      "INSERT INTO items VALUES (4, 'feature A ${flyway:environment}');",
	"V4__feature_a.sql.conf": "shouldExecute=${featureA}==true \\\n    && ${flyway:environment}!=nowhere\n",
	"V5__never.sql":          "INSERT INTO items VALUES (5, 'never');",
	"V5__never.sql.conf":     "shouldExecute=false",
	"V6__later.sql":          "INSERT INTO items VALUES (6, 'later');",
}

func scenarioOptions(dir, env, featureA string) Options {
	o := options(dir)
	o.Environment = env
	o.Placeholders = map[string]string{"featureA": featureA}
	return o
}

func appliedIDs(t *testing.T, conn *pgx.Conn) []int {
	t.Helper()
	rows, _ := conn.Query(context.Background(), "SELECT id FROM items ORDER BY id")
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestDeployRulesScenario(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := writeFiles(t, scenarioFiles)
	tests := []struct {
		env  string
		want []int
	}{
		{"dev", []int{6}},
		{"test", []int{2, 6}},
		{"prod-clientA", []int{3, 6}},
	}
	conns := map[string]*pgx.Conn{}
	for _, tt := range tests {
		conn := connect(t, pgtest.NewDB(t))
		conns[tt.env] = conn
		res, err := Migrate(ctx, conn, scenarioOptions(dir, tt.env, "false"))
		if err != nil {
			t.Fatalf("%s: %v", tt.env, err)
		}
		if got := appliedIDs(t, conn); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: rows %v, want %v", tt.env, got, tt.want)
		}
		if res.MigrationsExecuted != len(tt.want)+1 || len(historyRows(t, conn)) != len(tt.want)+1 {
			t.Errorf("%s: executed %d, history %d; ignored migrations must not be recorded", tt.env, res.MigrationsExecuted, len(historyRows(t, conn)))
		}
	}
	checkDevInfo(t, conns["dev"], dir)

	// Flipping featureA runs the feature script then, out of order below V6.
	dev := conns["dev"]
	res, err := Migrate(ctx, dev, scenarioOptions(dir, "dev", "true"))
	if err != nil || res.MigrationsExecuted != 1 || res.Migrations[0].Version != "4" {
		t.Fatalf("after flipping featureA: %+v, %v", res, err)
	}
	if got := appliedIDs(t, dev); !reflect.DeepEqual(got, []int{4, 6}) {
		t.Errorf("dev rows %v", got)
	}
	if got := states(t, dev, scenarioOptions(dir, "dev", "true")); !reflect.DeepEqual(got,
		[]string{"1 Success", "6 Success", "4 Out of Order", "2 Ignored", "3 Ignored", "5 Ignored"}) {
		t.Errorf("dev states %q", got)
	}

	// Changing a rule after its script ran has no effect and no checksum error.
	addFiles(t, dir, map[string]string{"V2__test_data.sql.conf": "shouldExecute=false"})
	test := conns["test"]
	if _, err := Validate(ctx, test, scenarioOptions(dir, "test", "false")); err != nil {
		t.Errorf("validate after changing a rule: %v", err)
	}
	if got := states(t, test, scenarioOptions(dir, "test", "false"))[1]; got != "2 Success" {
		t.Errorf("test: %s", got)
	}
	if res, err := Migrate(ctx, test, scenarioOptions(dir, "test", "false")); err != nil || res.MigrationsExecuted != 0 {
		t.Errorf("test migrate after rule change: %+v, %v", res, err)
	}
}

func checkDevInfo(t *testing.T, conn *pgx.Conn, dir string) {
	t.Helper()
	res, err := Info(context.Background(), conn, scenarioOptions(dir, "dev", "false"))
	if err != nil {
		t.Fatal(err)
	}
	byVersion := map[string]MigrationInfo{}
	for _, m := range res.Migrations {
		byVersion[m.Version] = m
	}
	v2 := byVersion["2"]
	if v2.State != StateIgnored || v2.ShouldExecute == nil || *v2.ShouldExecute ||
		v2.ShouldExecuteExpression != "(${flyway:environment}==test||${flyway:environment}==custom)" ||
		!strings.Contains(v2.Reason, "Deploy Rule is false in environment dev") {
		t.Errorf("V2 info %+v", v2)
	}
	if v4 := byVersion["4"]; !strings.Contains(v4.ShouldExecuteExpression, "&& ${flyway:environment}!=nowhere") {
		t.Errorf("continued line not joined: %q", v4.ShouldExecuteExpression)
	}
	if v6 := byVersion["6"]; v6.State != StateSuccess || v6.ShouldExecute != nil {
		t.Errorf("V6 info %+v", v6)
	}
}

func TestDeployRuleLintThroughDiscover(t *testing.T) {
	t.Parallel()
	disc, err := Discover(options(writeFiles(t, scenarioFiles)))
	if err != nil {
		t.Fatal(err)
	}
	defined := []string{"dev", "test", "prod-clientA"}
	var undefined []string
	for _, m := range disc.Migrations {
		if m.Rule != nil {
			undefined = append(undefined, m.Rule.UndefinedEnvironments(defined)...)
			if m.Rule.File != m.Path+".conf" || m.Rule.Line != m.Config.ShouldExecuteLine || m.Rule.Line == 0 {
				t.Errorf("rule of %s: file %s line %d", m.Path, m.Rule.File, m.Rule.Line)
			}
		}
	}
	if !reflect.DeepEqual(undefined, []string{"custom", "nowhere"}) {
		t.Errorf("undefined environments %q", undefined)
	}
}

func TestDiscoverErrorsNameTheFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown key", map[string]string{"V1__a.sql": "", "V1__a.sql.conf": "\nflyway.placeholderReplacement=false"},
			`V1__a.sql.conf:2: unknown script configuration key "flyway.placeholderReplacement"`},
		{"bad boolean", map[string]string{"V1__a.sql": "", "V1__a.sql.conf": "executeInTransaction=yes"},
			`V1__a.sql.conf:1: executeInTransaction is "yes"; it must be true or false`},
		{"malformed rule", map[string]string{"V1__a.sql": "", "V1__a.sql.conf": "# c\nshouldExecute=(${flyway:environment==dev)&&featureA==true"},
			`V1__a.sql.conf:2: shouldExecute "(${flyway:environment==dev)&&featureA==true": position 2:`},
		{"duplicate version", map[string]string{"V1__a.sql": "", "V1.0__b.sql": ""}, "found more than one versioned migration 1"},
		{"misnamed with validation", map[string]string{"V1_a.sql": ""}, "V1_a.sql: no __ between version and description"},
		{"bad version", map[string]string{"V1.x__a.sql": ""}, `parts must be numbers`},
		{"bad encoding", map[string]string{"V1__a.sql": "", "V1__a.sql.conf": "encoding=EBCDIC"}, `encoding "EBCDIC" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := options(writeFiles(t, tt.files))
			opts.ValidateMigrationNaming = true
			_, err := Discover(opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestMissingPlaceholdersNameFileAndLine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	conn := connect(t, pgtest.NewDB(t))
	rule := options(writeFiles(t, map[string]string{"V1__a.sql": "", "V1__a.sql.conf": "# c\nshouldExecute=${undefinedFlag}==true"}))
	if _, err := Info(ctx, conn, rule); err == nil || !strings.Contains(err.Error(), "V1__a.sql.conf:2: no value provided for placeholder ${undefinedFlag}") {
		t.Errorf("rule: %v", err)
	}
	script := options(writeFiles(t, map[string]string{"V1__a.sql": "SELECT 1;\n\nSELECT '${flyway:environment}', ${missing};"}))
	if _, err := Migrate(ctx, conn, script); err == nil || !strings.Contains(err.Error(), "V1__a.sql:3: no value provided for placeholder ${missing}") {
		t.Errorf("script: %v", err)
	}
}
