package action

import (
	"os/exec"
	"testing"
)

// actionlintVersion is the actionlint CI runs too.
const actionlintVersion = "v1.7.12"

// TestWorkflowsPassActionlint lints every workflow with actionlint; the
// workflows use each local action (uses: ./state/prepare, ./setup, ./),
// so every action.yml's metadata and the inputs given to it are checked.
func TestWorkflowsPassActionlint(t *testing.T) {
	if testing.Short() {
		t.Skip("actionlint is downloaded and built: skipped with -short")
	}
	cmd := exec.Command("go", "run", "github.com/rhysd/actionlint/cmd/actionlint@"+actionlintVersion)
	cmd.Dir = repoRoot(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("actionlint %s: %v\n%s", actionlintVersion, err, out)
	}
}
