package action

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSetupAndRootActionsAsRunner resolves the fleet for a matrix and runs
// a command line through the root action.
func TestSetupAndRootActionsAsRunner(t *testing.T) {
	dir, _ := fleetWorkspace(t)
	write(t, dir, "flyway.toml", "[environments.eu-west-1]\nurl = \"postgres://h/app\"\npassword = \"${env.EU_PW}\"\n"+
		"[environments.us-east-1]\nurl = \"postgres://h/app\"\n[environments.default_build]\nurl = \"postgres://h/build\"\n")
	tests := []struct {
		name string
		with map[string]string
		code int
		want []string
	}{
		{"every environment but the build one", map[string]string{"exclude-environments": "default_build"}, 0, []string{"eu-west-1", "us-east-1"}},
		{"rollout order", map[string]string{"environments": "us-east-1,eu-west-1"}, 0, []string{"us-east-1", "eu-west-1"}},
		{"unknown environment", map[string]string{"environments": "mars-1"}, 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runStep(t, dir, "setup", tc.with)
			expectStep(t, r, tc.code, "setup")
			if tc.code != 0 {
				return
			}
			var envs []string
			if err := json.Unmarshal([]byte(r.outputs["environments"]), &envs); err != nil || strings.Join(envs, ",") != strings.Join(tc.want, ",") {
				t.Errorf("environments output %q (%v), want %v", r.outputs["environments"], err, tc.want)
			}
			var rollout struct {
				Targets int               `json:"targets"`
				Waves   []json.RawMessage `json:"waves"`
			}
			if err := json.Unmarshal([]byte(r.outputs["rollout"]), &rollout); err != nil || rollout.Targets != len(tc.want) || len(rollout.Waves) == 0 {
				t.Errorf("rollout output %q (%v): want a plan of %d targets", r.outputs["rollout"], err, len(tc.want))
			}
			if r.outputs["version"] == "" || r.outputs["version"] == "unknown" {
				t.Errorf("version output %q", r.outputs["version"])
			}
		})
	}
	r := runStep(t, dir, ".", map[string]string{"args": "-outputType=json version"})
	expectStep(t, r, 0, "root action")
	if !strings.Contains(r.outputs["output"], `"goVersion"`) || !strings.Contains(r.summary, "`pgfleet -outputType=json version` | ✅ exit code 0") {
		t.Errorf("root action output %q, summary:\n%s", r.outputs["output"], r.summary)
	}
}

// TestMigrationsActionsAsRunner reviews and applies migrations, one of
// them held back on this target by its Deploy Rule.
func TestMigrationsActionsAsRunner(t *testing.T) {
	dir, _ := fleetWorkspace(t)
	write(t, dir, "migrations/V1__orders.sql", "CREATE TABLE app.orders (id int PRIMARY KEY);\n")
	write(t, dir, "migrations/V2__eu_only.sql", "CREATE TABLE app.eu_tax (id int PRIMARY KEY);\n")
	write(t, dir, "migrations/V2__eu_only.sql.conf", "shouldExecute=${flyway:environment} == 'eu-west-1'\n")
	r := runStep(t, dir, "prepare", target(nil))
	expectStep(t, r, 0, "migrations prepare")
	if r.outputs["pending-migration-count"] != "1" || !strings.Contains(r.summary, "no (Deploy Rule is false here)") ||
		!strings.Contains(r.summary, "| Dry Run | ✅ 3 statements ran and were rolled back |") {
		t.Errorf("pending-migration-count %q, summary:\n%s", r.outputs["pending-migration-count"], r.summary)
	}

	// A migration that fails on the target fails the dry run, annotated on
	// its file, and nothing is applied.
	write(t, dir, "migrations/V3__broken.sql", "ALTER TABLE app.nosuch ADD COLUMN x int;\n")
	r = runStep(t, dir, "prepare", target(nil))
	expectStep(t, r, 1, "migrations prepare with a failing migration")
	if !strings.Contains(r.summary, "| Dry Run | ❌ 1 of") || !strings.Contains(r.stdout, "file=migrations/V3__broken.sql,line=1") {
		t.Errorf("the failing migration should be reported and annotated:\n%s\n%s", r.summary, r.stdout)
	}
	if err := os.Remove(filepath.Join(dir, "migrations/V3__broken.sql")); err != nil {
		t.Fatal(err)
	}
	r = runStep(t, dir, "deploy", target(nil))
	expectStep(t, r, 0, "migrations deploy")
	if r.outputs["migrations-applied"] != "1" || r.outputs["schema-version"] != "1" || !strings.Contains(r.summary, "### Applied migrations") {
		t.Errorf("outputs %v, summary:\n%s", r.outputs, r.summary)
	}
}
