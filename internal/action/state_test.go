package action

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// TestStateActionsAsRunner runs state/prepare and state/deploy as the
// runner would against real PostgreSQL: first deployment, a hazardous
// model change annotated on its schema-model line, and drift stopping a
// deployment.
func TestStateActionsAsRunner(t *testing.T) {
	dir, url := fleetWorkspace(t)

	r := runStep(t, dir, "state/prepare", target(nil))
	expectStep(t, r, 0, "first prepare")
	want := map[string]string{"drift-detected": "false", "changed-object-count": "3", "code-violation-count": "0",
		"script-path": "deployments/D__prod_deployment.sql", "undo-script-path": "deployments/DU__prod_undo.sql",
		"report-path": "reports/flyway-prod-pre-deployment-report.html", "sarif-path": "reports/flyway-prod-pre-deployment-report.sarif"}
	for k, v := range want {
		if r.outputs[k] != v {
			t.Errorf("output %s = %q, want %q", k, r.outputs[k], v)
		}
	}
	for _, s := range []string{"## pgfleet State Prepare: `prod`", "| Drift | ➖ Drift check not run", "| Deployment Changes | 3 changed objects |",
		"| Code Review | ✅ Passed - 0 violations |", "| Dry Run | ✅", "`deployments/D__prod_deployment.sql`", "## pgfleet check report"} {
		if !strings.Contains(r.summary, s) {
			t.Errorf("summary lacks %q:\n%s", s, r.summary)
		}
	}
	if !strings.Contains(r.stdout, "::notice::") || !strings.Contains(r.stdout, "artifacts not uploaded: no artifact service") {
		t.Errorf("without the artifact service the uploads should be skipped with a notice:\n%s", r.stdout)
	}

	r = runStep(t, dir, "state/deploy", target(map[string]string{"script-path": "deployments/D__prod_deployment.sql"}))
	expectStep(t, r, 0, "deploy")
	if r.outputs["drift-detected"] != "false" || !strings.Contains(r.summary, "| Snapshot | ✅ Saved") {
		t.Errorf("deploy outputs %v, summary:\n%s", r.outputs, r.summary)
	}

	// Changing a column's type is a hazard: annotated on the model file's
	// line. Dropping one is too, but it has no model line.
	write(t, dir, "schema-model/app/Tables/orders.sql", "CREATE TABLE app.orders (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    customer varchar(20) NOT NULL\n);\n")
	os.RemoveAll(filepath.Join(dir, "deployments"))
	r = runStep(t, dir, "state/prepare", target(map[string]string{"fail-on-code-review": "false"}))
	expectStep(t, r, 0, "prepare of a hazardous change")
	if !strings.Contains(r.stdout, "::warning file=schema-model/app/Tables/orders.sql,line=") {
		t.Errorf("no hazard annotation on the model line:\n%s", r.stdout)
	}
	if !strings.Contains(r.summary, "### Hazards") || r.outputs["changed-object-count"] != "2" {
		t.Errorf("hazards missing from the summary or wrong count %q:\n%s", r.outputs["changed-object-count"], r.summary)
	}

	// Drift always stops a deployment.
	pgtest.Exec(t, url, "ALTER TABLE app.orders ADD COLUMN hotfix text")
	r = runStep(t, dir, "state/deploy", target(nil))
	expectStep(t, r, 3, "deploy onto a drifted target")
	if r.outputs["drift-detected"] != "true" || !strings.Contains(r.stdout, "::error::Drift detected on prod. Aborting deployment") {
		t.Errorf("drift outputs %v, log:\n%s", r.outputs, r.stdout)
	}
}

// TestInvalidInputs checks that inputs are validated before anything
// runs, with every problem in one message, and secrets still masked.
func TestInvalidInputs(t *testing.T) {
	dir := t.TempDir()
	r := runStep(t, dir, "state/prepare", target(map[string]string{"fail-on-drift": "yes", "pre-deployment-report-retention-days": "400",
		"extra-args": `-prepare.online="true`}))
	expectStep(t, r, 2, "invalid inputs")
	for _, s := range []string{"input fail-on-drift: \"yes\" is not a boolean", "pre-deployment-report-retention-days: \"400\" is not a whole number from 1 to 90"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("log lacks %q:\n%s", s, r.stdout)
		}
	}
	r = runStep(t, dir, ".", map[string]string{"args": ""})
	expectStep(t, r, 2, "root action without args")
	if !strings.Contains(r.stdout, "input args is required") {
		t.Errorf("log:\n%s", r.stdout)
	}
}
