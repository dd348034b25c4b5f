package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/fleet"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// fleetProject writes a project of three targets (fresh databases) and an
// unreachable fourth one excluded unless asked for, and returns its folder
// and the targets' URLs by name.
func fleetProject(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	urls := map[string]string{}
	toml := `[flyway]
reportFilename = "reports/report.html"
[fleet]
canary = "eu-west-1"
waves = ["50%", "100%"]
exclude = ["offline"]
parallelism = 2
timeout = "60s"
connectRetries = 0
[environments.offline]
url = "postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=2"
password = "${env.PROD_PASSWORD}"
`
	for _, name := range []string{"eu-west-1", "us-east-1", "ap-southeast-2"} {
		urls[name] = pgtest.NewDB(t)
		toml += "[environments." + name + "]\nurl = \"" + urls[name] + "\"\nschemas = [\"app\"]\npassword = \"${env.PROD_PASSWORD}\"\n"
	}
	files := map[string]string{
		"flyway.toml":                        toml,
		"schema-model/Schemas/app.sql":       "CREATE SCHEMA app;",
		"schema-model/app/Tables/orders.sql": "CREATE TABLE app.orders (id bigint PRIMARY KEY, customer text NOT NULL);",
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
	return dir, urls
}

func runFleetCLI(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := runCLI(t, prodVars, append([]string{"-workingDirectory=" + dir}, args...)...)
	noSecrets(t, r)
	return r
}

func TestFleetRollout(t *testing.T) {
	dir, urls := fleetProject(t)
	r := runFleetCLI(t, dir, "fleet", "plan")
	expectExit(t, r, 0, "fleet plan")
	var plan fleet.Rollout
	if err := json.Unmarshal([]byte(r.stdout), &plan); err != nil || len(plan.Waves) != 3 || plan.Waves[0].Targets[0] != "eu-west-1" {
		t.Fatalf("plan: %v\n%s", err, r.stdout)
	}

	r = runFleetCLI(t, dir, "fleet", "prepare")
	expectExit(t, r, 0, "fleet prepare")
	for name := range urls {
		if _, err := os.Stat(filepath.Join(dir, "generated", name, "D__deployment.sql")); err != nil {
			t.Errorf("%s has no script: %v\n%s", name, err, r.stderr)
		}
	}
	r = runFleetCLI(t, dir, "fleet", "deploy")
	expectExit(t, r, 0, "fleet deploy")
	if !strings.Contains(r.stdout, "canary: 1 of 1 targets deployed") || !strings.Contains(r.stderr, "[eu-west-1] Deployed") {
		t.Errorf("deploy output:\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}

	// Drift on one target; the sweep finds it and, with failOnDrift, exits 3.
	pgtest.Exec(t, urls["us-east-1"], "ALTER TABLE app.orders ADD COLUMN note text; CREATE INDEX orders_customer ON app.orders (customer);")
	r = runFleetCLI(t, dir, "-environment=*", "check", "-drift", "-failOnDrift=true", "-outputType=json")
	expectExit(t, r, 3, "sweep with drift")
	sweep := failedSweep(t, r, 3)
	s := sweep.Fleet.Summary
	if s.Targets != 3 || s.Drifted != 1 || s.Clean != 2 || sweep.Fleet.Targets[0].Target != "us-east-1" {
		t.Errorf("sweep summary %+v, first %s", s, sweep.Fleet.Targets[0].Target)
	}
	for _, f := range []string{sweep.HTML, sweep.JSON, sweep.Markdown, filepath.Join(dir, "generated", "us-east-1", "report.html")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("missing report %s", f)
		}
	}
	if !strings.Contains(r.stderr, "drift 3/3") {
		t.Errorf("progress lines on stderr expected:\n%s", r.stderr)
	}

	// The drifted target gets a script of its own.
	r = runFleetCLI(t, dir, "fleet", "prepare")
	expectExit(t, r, 0, "prepare after drift")
	script, err := os.ReadFile(filepath.Join(dir, "generated", "us-east-1", "D__deployment.sql"))
	if err != nil || !strings.Contains(string(script), "DROP INDEX") {
		t.Errorf("the drifted target's script should revert its drift: %v\n%s", err, script)
	}
	if _, err := os.Stat(filepath.Join(dir, "generated", "eu-west-1", "D__deployment.sql")); err == nil {
		t.Error("a target without changes keeps no script")
	}
}

func TestFleetSweepUnreachable(t *testing.T) {
	dir, _ := fleetProject(t)
	r := runFleetCLI(t, dir, "-environment=offline,eu-*", "check", "-drift", "-fleet.exclude=", "-outputType=json")
	expectExit(t, r, 1, "sweep with an unreachable target")
	sweep := failedSweep(t, r, 1)
	if s := sweep.Fleet.Summary; s.Failed != 1 || s.Skipped != 1 {
		t.Errorf("summary %+v", s)
	}
	if e := sweep.Fleet.Targets[0].Error; !strings.Contains(e, "offline") {
		t.Errorf("the failed row names the environment: %q", e)
	}
	r = runFleetCLI(t, dir, "-environment=*", "check", "-drift", "-changes")
	expectExit(t, r, 2, "a selector with -changes")
}

// failedSweep decodes a failed sweep's JSON output: one document holding
// the fleet report and Flyway's error object with the exit code.
func failedSweep(t *testing.T, r result, exit int) sweepResult {
	t.Helper()
	var sweep struct {
		sweepResult
		Error struct {
			ExitCode int `json:"exitCode"`
		} `json:"error"`
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&sweep); err != nil {
		t.Fatalf("sweep JSON: %v\n%s", err, r.stdout)
	}
	if dec.More() || sweep.Error.ExitCode != exit {
		t.Errorf("a failing sweep prints one JSON document holding the fleet and its error (exit code %d, got %d):\n%s",
			exit, sweep.Error.ExitCode, r.stdout)
	}
	return sweep.sweepResult
}
