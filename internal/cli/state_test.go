package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// stateProject writes a project whose environment "prod" is a fresh
// database, with a small schema model, and returns its folder and URL.
func stateProject(t *testing.T) (dir, url string) {
	t.Helper()
	dir, url = t.TempDir(), pgtest.NewDB(t)
	files := map[string]string{
		"flyway.toml": `[flyway]
reportFilename = "reports/report.html"
[environments.prod]
url = "` + url + `"
user = "${env.PROD_USER}"
password = "${env.PROD_PASSWORD}"
schemas = ["app"]
`,
		// Deliberately out of dependency order.
		"schema-model/app/Views/recent.sql": "CREATE VIEW app.recent AS SELECT id, placed FROM app.orders WHERE placed > now() - interval '1 day';",
		"schema-model/app/Tables/orders.sql": `CREATE TABLE app.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer text NOT NULL,
    placed timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer ON app.orders (customer);
COMMENT ON TABLE app.orders IS 'one row per order';`,
		"schema-model/Schemas/app.sql": "CREATE SCHEMA app;",
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
	return dir, url
}

// prodVars are prod's credentials: the test server trusts any password, so
// a secret that must never be printed can be checked for.
var prodVars = map[string]string{"PROD_USER": "postgres", "PROD_PASSWORD": "hunter2"}

func runProd(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := runCLI(t, prodVars, append([]string{"-workingDirectory=" + dir, "-environment=prod"}, args...)...)
	noSecrets(t, r)
	return r
}

func expectExit(t *testing.T, r result, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", what, r.code, code, r.stdout, r.stderr)
	}
}

func TestStatePipeline(t *testing.T) {
	dir, url := stateProject(t)
	r := runProd(t, dir, "check", "-drift", "-failOnDrift=true", "-outputType=json")
	expectExit(t, r, 0, "drift before the first deploy")
	if !strings.Contains(r.stdout, `"driftCheckSkipped": true`) {
		t.Errorf("first drift check should be skipped:\n%s", r.stdout)
	}
	r = runProd(t, dir, "check", "-changes", "-changesSource=schemaModel")
	expectExit(t, r, 0, "changes")
	if !strings.Contains(r.stdout, "+ Table app.orders") || !strings.Contains(r.stdout, "orders.sql:1") {
		t.Errorf("changes should list the new table with its model file:line:\n%s", r.stdout)
	}
	r = runProd(t, dir, "prepare", "-types=deploy,undo", "-outputType=json")
	expectExit(t, r, 0, "prepare")
	var prep prepareResult
	if err := json.Unmarshal([]byte(r.stdout), &prep); err != nil || !prep.ScriptWasGenerated || prep.UndoFilename == "" {
		t.Fatalf("prepare result %+v, %v\n%s", prep, err, r.stdout)
	}
	expectExit(t, runProd(t, dir, "prepare"), 2, "prepare over an existing script without -force")
	expectExit(t, runProd(t, dir, "check", "-code", "-scope=script", "-failOnError=true"), 0, "code review")
	expectExit(t, runProd(t, dir, "check", "-dryrun"), 0, "dry run")
	if r := runProd(t, dir, "check", "-changes"); !strings.Contains(r.stdout, "+ Table app.orders") {
		t.Fatalf("the dry run changed the target:\n%s", r.stdout)
	}
	r = runProd(t, dir, "deploy")
	expectExit(t, r, 0, "deploy")
	if !strings.Contains(r.stdout, "verified") || !strings.Contains(r.stdout, "snapshot saved") {
		t.Errorf("deploy output: %s", r.stdout)
	}
	expectExit(t, runProd(t, dir, "check", "-drift", "-failOnDrift=true"), 0, "drift right after deploy")
	r = runProd(t, dir, "prepare", "-scriptFilename=deployments/again.sql")
	expectExit(t, r, 0, "prepare with nothing to change")
	if !strings.Contains(r.stdout, "No differences") {
		t.Errorf("prepare with nothing to change: %s", r.stdout)
	}
	pgtest.Exec(t, url, "ALTER TABLE app.orders ADD COLUMN hotfix text")
	r = runProd(t, dir, "check", "-drift", "-failOnDrift=true")
	expectExit(t, r, 3, "drift after a manual ALTER")
	revert, err := os.ReadFile(filepath.Join(dir, "drift-resolution", "revert.sql"))
	if err != nil || !strings.Contains(string(revert), "DROP COLUMN hotfix") {
		t.Errorf("revert script: %v\n%s", err, revert)
	}
	for _, f := range []string{"reports/report.html", "reports/report.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("report %s: %v", f, err)
		}
	}
}

// TestPrepareDeployChain runs Flyway's chained form, pgfleet prepare
// deploy: one JSON document holds both results.
func TestPrepareDeployChain(t *testing.T) {
	dir, _ := stateProject(t)
	r := runProd(t, dir, "prepare", "deploy", "-outputType=json")
	expectExit(t, r, 0, "prepare deploy")
	var out struct {
		Prepare struct{ ScriptFilename string }
		Deploy  struct {
			Deployed, Verified bool
		}
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&out); err != nil || dec.More() {
		t.Fatalf("one JSON document expected: %v\n%s", err, r.stdout)
	}
	if out.Prepare.ScriptFilename == "" || !out.Deploy.Deployed || !out.Deploy.Verified {
		t.Errorf("chain result %+v:\n%s", out, r.stdout)
	}
	// Run again (a re-run workflow, say): the script's state is already
	// there, so deploy applies nothing and succeeds.
	r = runProd(t, dir, "check", "-drift", "-failOnDrift=true", "deploy")
	expectExit(t, r, 0, "check -drift deploy once the script is deployed")
	if !strings.Contains(r.stdout, "Nothing deployed: prod is already in the state") {
		t.Errorf("a second deploy of the same script should say it is already deployed:\n%s", r.stdout)
	}
}

func TestDeployRefusesTargetChangedAfterPrepare(t *testing.T) {
	dir, url := stateProject(t)
	expectExit(t, runProd(t, dir, "prepare"), 0, "prepare")
	pgtest.Exec(t, url, "CREATE SCHEMA app; CREATE TABLE app.surprise (id int)")
	r := runProd(t, dir, "deploy")
	expectExit(t, r, 5, "deploy onto a changed target")
	if !strings.Contains(r.stderr, "changed since") {
		t.Errorf("refusal message: %s", r.stderr)
	}
	if r := runProd(t, dir, "check", "-changes"); !strings.Contains(r.stdout, "+ Table app.orders") {
		t.Fatalf("a refused deploy applied something:\n%s", r.stdout)
	}

	// Prepared against the deployed state, then changed by hand: the
	// refusal lists what changed, read from the deployed snapshot.
	pgtest.Exec(t, url, "DROP SCHEMA app CASCADE")
	expectExit(t, runProd(t, dir, "prepare", "-force=true"), 0, "prepare again")
	expectExit(t, runProd(t, dir, "deploy"), 0, "deploy")
	if err := os.WriteFile(filepath.Join(dir, "schema-model/app/Tables/notes.sql"), []byte("CREATE TABLE app.notes (body text);"), 0o644); err != nil {
		t.Fatal(err)
	}
	expectExit(t, runProd(t, dir, "prepare", "-force=true"), 0, "prepare a change")
	pgtest.Exec(t, url, "ALTER TABLE app.orders ADD COLUMN hotfix text")
	r = runProd(t, dir, "deploy")
	expectExit(t, r, 5, "deploy onto a target changed after prepare")
	if !strings.Contains(r.stderr, "what differs: + column app.orders.hotfix") {
		t.Errorf("the refusal should list the column added since prepare: %s", r.stderr)
	}
}

func TestSnapshotAndModelCommands(t *testing.T) {
	dir, url := stateProject(t)
	pgtest.Exec(t, url, "CREATE SCHEMA app; CREATE TABLE app.live (id int PRIMARY KEY)")
	r := runProd(t, dir, "snapshot", "-filename=live.json", "-outputType=json")
	expectExit(t, r, 0, "snapshot to a file")
	var live snapshotResult
	json.Unmarshal([]byte(r.stdout), &live)
	r = runProd(t, dir, "model", "-schemaModelLocation=captured")
	expectExit(t, r, 0, "model")
	r = runProd(t, dir, "snapshot", "-source=schemaModel", "-schemaModelLocation=captured", "-filename=model.json", "-outputType=json")
	expectExit(t, r, 0, "snapshot of the captured model")
	var fromModel snapshotResult
	json.Unmarshal([]byte(r.stdout), &fromModel)
	if live.Fingerprint == "" || live.Fingerprint != fromModel.Fingerprint {
		t.Fatalf("model then snapshot -source=schemaModel gives %q, live is %q", fromModel.Fingerprint, live.Fingerprint)
	}
	expectExit(t, runProd(t, dir, "snapshot", "-filename=snapshotHistory:manual"), 0, "snapshot into history")
	expectExit(t, runProd(t, dir, "check", "-drift", "-deployedSnapshot=snapshotHistory:manual", "-failOnDrift=true"), 0, "drift against the manual snapshot")
	expectExit(t, runProd(t, dir, "check", "-drift", "-deployedSnapshot=live.json", "-failOnDrift=true"), 0, "drift against the snapshot file")
}

// TestDeployEnumValueUsedInTheSamePlan deploys a plan whose transaction
// uses an enum value it adds: the value is added and committed first.
func TestDeployEnumValueUsedInTheSamePlan(t *testing.T) {
	dir, url := stateProject(t)
	pgtest.Exec(t, url, `CREATE SCHEMA app; CREATE TYPE app.state AS ENUM ('new');
		CREATE TABLE app.job (id int PRIMARY KEY, state app.state NOT NULL DEFAULT 'new')`)
	os.RemoveAll(filepath.Join(dir, "schema-model"))
	model := `CREATE SCHEMA app; CREATE TYPE app.state AS ENUM ('new', 'queued');
CREATE TABLE app.job (id int PRIMARY KEY, state app.state NOT NULL DEFAULT 'queued');`
	os.MkdirAll(filepath.Join(dir, "schema-model"), 0o755)
	os.WriteFile(filepath.Join(dir, "schema-model", "app.sql"), []byte(model), 0o644)
	expectExit(t, runProd(t, dir, "prepare"), 0, "prepare")
	text, _ := os.ReadFile(filepath.Join(dir, "deployments", "D__deployment.sql"))
	if !strings.Contains(string(text), "-- pgfleet:before-transaction") {
		t.Fatalf("the enum value is not added before the transaction:\n%s", text)
	}
	expectExit(t, runProd(t, dir, "check", "-dryrun"), 0, "dry run")
	r := runProd(t, dir, "deploy")
	expectExit(t, r, 0, "deploy")
	if !strings.Contains(r.stdout, "verified") {
		t.Fatalf("deploy output: %s", r.stdout)
	}
}

// TestDriftAgainstAnOlderSnapshot: a snapshot taken by a pgfleet that did
// not read text search configurations, statistics or rules yet (no kinds
// list) does not make those objects drift; the check says so.
func TestDriftAgainstAnOlderSnapshot(t *testing.T) {
	dir, url := stateProject(t)
	pgtest.Exec(t, url, `CREATE SCHEMA app; CREATE TABLE app.t (a int, b int, body text);
		CREATE TEXT SEARCH CONFIGURATION app.names (COPY = pg_catalog.simple);
		CREATE INDEX t_body ON app.t USING gin (to_tsvector('app.names', body));
		CREATE STATISTICS app.ab ON a, b FROM app.t; CREATE RULE keep AS ON DELETE TO app.t DO INSTEAD NOTHING;`)
	expectExit(t, runProd(t, dir, "snapshot", "-filename=now.json"), 0, "snapshot")
	s, err := catalog.ReadSnapshotFile(filepath.Join(dir, "now.json"))
	if err != nil {
		t.Fatal(err)
	}
	older := &catalog.Snapshot{Format: s.Format, Created: s.Created, ServerVersion: s.ServerVersion,
		Catalog: s.Catalog.Without((&catalog.Snapshot{}).Unread())}
	older.Fingerprint = older.Catalog.Fingerprint()
	b, err := catalog.MarshalSnapshot(older)
	if err != nil || os.WriteFile(filepath.Join(dir, "older.json"), b, 0o644) != nil {
		t.Fatal(err)
	}
	r := runProd(t, dir, "check", "-drift", "-failOnDrift=true", "-deployedSnapshot=filesystem:older.json")
	expectExit(t, r, 0, "drift against an older snapshot")
	if !strings.Contains(r.stdout, "did not read text search dictionary, text search configuration, statistics, rule, publication") {
		t.Errorf("the check should say which kinds it left out:\n%s", r.stdout)
	}
	pgtest.Exec(t, url, "ALTER TABLE app.t ADD COLUMN c int")
	expectExit(t, runProd(t, dir, "check", "-drift", "-failOnDrift=true", "-deployedSnapshot=filesystem:older.json"), 3,
		"real drift against an older snapshot")
}

// TestIgnoreColumnOrder: a target whose table orders its columns otherwise
// than the model is refused by default (pgfleet never rebuilds a table);
// with prepare.ignoreColumnOrder the target keeps its order, the new
// column is appended, and the deployment verifies.
func TestIgnoreColumnOrder(t *testing.T) {
	dir, url := stateProject(t)
	pgtest.Exec(t, url, `CREATE SCHEMA app; CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		placed timestamptz NOT NULL DEFAULT now());`)
	r := runProd(t, dir, "prepare")
	expectExit(t, r, 1, "prepare with a column the model puts mid-table")
	if !strings.Contains(r.stderr, "prepare.ignoreColumnOrder=true") {
		t.Errorf("the refusal should offer the setting:\n%s", r.stderr)
	}
	r = runProd(t, dir, "prepare", "deploy", "-ignoreColumnOrder=true")
	expectExit(t, r, 0, "prepare deploy keeping the target order")
	r = runProd(t, dir, "check", "-changes", "-ignoreColumnOrder=true")
	expectExit(t, r, 0, "changes after the deployment")
	if !strings.Contains(r.stdout, "Changes: 0 objects") {
		t.Errorf("nothing should be left to change:\n%s", r.stdout)
	}
}
