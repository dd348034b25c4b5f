package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// migrationsProject writes a flyway.toml with environments dev and
// prod-clientA on fresh databases, and migrations with Deploy Rules.
func migrationsProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"flyway.toml": `[flyway]
locations = ["filesystem:migrations"]
[flyway.placeholders]
featureA = "false"
[environments.dev]
url = "` + pgtest.NewDB(t) + `"
[environments.prod-clientA]
url = "` + pgtest.NewDB(t) + `"
`,
		"migrations/V1__items.sql":           "CREATE TABLE items (id int);",
		"migrations/V2__client.sql":          "INSERT INTO items VALUES (2);",
		"migrations/V2__client.sql.conf":     "shouldExecute=${flyway:environment}==prod-clientA",
		"migrations/V3__feature.sql":         "INSERT INTO items VALUES (3);",
		"migrations/V3__feature.sql.conf":    "shouldExecute=${featureA}==true",
		"migrations/V4__everywhere.sql":      "INSERT INTO items VALUES (4);",
		"migrations/U4__everywhere.sql":      "DELETE FROM items WHERE id = 4;",
		"migrations/V4__everywhere.sql.conf": "executeInTransaction=true",
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestMigrationsCommands(t *testing.T) {
	dir := migrationsProject(t)
	wd := "-workingDirectory=" + dir
	r := runCLI(t, nil, wd, "-environment=prod-clientA", "migrate", "-outputType=json")
	var res struct {
		MigrationsExecuted  int    `json:"migrationsExecuted"`
		TargetSchemaVersion string `json:"targetSchemaVersion"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || r.code != 0 || res.MigrationsExecuted != 3 || res.TargetSchemaVersion != "4" {
		t.Fatalf("migrate prod-clientA: exit %d, %+v, %v\nstdout %s\nstderr %s", r.code, res, err, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, wd, "-environment=dev", "migrate")
	if r.code != 0 || !strings.Contains(r.stdout, "Successfully applied 2 migration(s)") {
		t.Fatalf("migrate dev: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, wd, "-environment=dev", "info")
	if r.code != 0 || !strings.Contains(r.stdout, "${flyway:environment}==prod-clientA => false") || !strings.Contains(r.stdout, "Ignored") {
		t.Errorf("info dev: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, wd, "-environment=dev", "-placeholders.featureA=true", "migrate", "-outputType=json")
	if r.code != 0 || !strings.Contains(r.stdout, `"migrationsExecuted": 1`) {
		t.Errorf("migrate dev with featureA: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, cmd := range []string{"validate", "repair", "undo"} {
		r = runCLI(t, nil, wd, "-environment=dev", "-placeholders.featureA=true", cmd)
		if r.code != 0 {
			t.Errorf("%s: exit %d\n%s%s", cmd, r.code, r.stdout, r.stderr)
		}
	}
	r = runCLI(t, nil, wd, "-environment=dev", "baseline")
	if r.code != 1 || !strings.Contains(r.stderr, "it already holds migrations") {
		t.Errorf("baseline on a migrated database: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, wd, "-environment=dev", "validate")
	if r.code != 1 || !strings.Contains(r.stderr, "detected resolved migration not applied to database: 4") {
		t.Errorf("validate after undo: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestDryRunPendingMigrations: check -dryrun -scope=pending runs what
// migrate would run on the target (Deploy Rules applied) in a transaction
// that is rolled back, and names the migration of a failing statement.
func TestDryRunPendingMigrations(t *testing.T) {
	dir := migrationsProject(t)
	wd := "-workingDirectory=" + dir
	r := runCLI(t, nil, wd, "-environment=prod-clientA", "check", "-dryrun", "-scope=pending", "-outputType=json")
	if r.code != 0 {
		t.Fatalf("dry run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{`"file": "` + filepath.Join(dir, "migrations", "V2__client.sql"), "INSERT INTO items VALUES (4)", `"rolledBack": true`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry run report lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "VALUES (3)") {
		t.Errorf("V3's Deploy Rule is false here: it must not run:\n%s", r.stdout)
	}
	if r := runCLI(t, nil, wd, "-environment=prod-clientA", "info"); !strings.Contains(r.stdout, "Pending") {
		t.Errorf("the dry run applied something:\n%s", r.stdout)
	}

	bad := filepath.Join(dir, "migrations", "V5__broken.sql")
	if err := os.WriteFile(bad, []byte("INSERT INTO items VALUES (5);\nINSERT INTO nosuch VALUES (1);"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, wd, "-environment=prod-clientA", "check", "-dryrun", "-scope=pending")
	if r.code != 1 || !strings.Contains(r.stderr, "dry run of the pending migrations on prod-clientA failed") {
		t.Fatalf("failing dry run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "V5__broken.sql") || !strings.Contains(r.stdout, `relation "nosuch" does not exist`) {
		t.Errorf("the failure should name the migration and PostgreSQL error:\n%s\n%s", r.stdout, r.stderr)
	}
}
