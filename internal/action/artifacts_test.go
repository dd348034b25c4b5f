package action

import (
	"bufio"
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/artifact"
)

// startArtifactPeer runs nektos/act's artifact server from the test-only
// module test/peers and returns the variables the runner would pass.
func startArtifactPeer(t *testing.T) (resultsURL, token string) {
	t.Helper()
	cmd := exec.Command("go", "run", "./cmd/artifactpeer", "-dir", t.TempDir())
	cmd.Dir = filepath.Join(repoRoot(t), "test", "peers")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	})
	sc := bufio.NewScanner(stdout)
	for (resultsURL == "" || token == "") && sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "url="); ok {
			resultsURL = v
		} else if v, ok := strings.CutPrefix(sc.Text(), "token="); ok {
			token = v
		}
	}
	if resultsURL == "" || token == "" {
		t.Fatal("the artifact peer (go run ./cmd/artifactpeer in test/peers) did not start")
	}
	return resultsURL, token
}

// TestStatePrepareUploadsArtifacts runs state/prepare with the artifact
// service variables set and finds red-gate's artifact names in the run.
func TestStatePrepareUploadsArtifacts(t *testing.T) {
	resultsURL, token := startArtifactPeer(t)
	dir, _ := fleetWorkspace(t)
	r := runStep(t, dir, "state/prepare", target(nil), "ACTIONS_RESULTS_URL="+resultsURL, "ACTIONS_RUNTIME_TOKEN="+token,
		"GITHUB_SERVER_URL=https://github.com", "GITHUB_RUN_ID=41")
	expectStep(t, r, 0, "prepare with artifacts")
	if !strings.HasPrefix(r.stdout, "::add-mask::") || !strings.Contains(r.stdout, "::add-mask::"+token) {
		t.Error("the runtime token is not masked")
	}
	c, err := artifact.New(resultsURL, token, nil)
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range list {
		names = append(names, a.Name)
	}
	for _, want := range []string{"flyway-prod-pre-deployment-report", "D__prod_deployment", "DU__prod_undo"} {
		if !slices.Contains(names, want) {
			t.Errorf("artifact %s missing: %v", want, names)
		}
		if !strings.Contains(r.summary, "- ["+want+"](https://github.com/acme/shop/actions/runs/41/artifacts/") {
			t.Errorf("the summary does not link %s:\n%s", want, r.summary)
		}
	}
}
