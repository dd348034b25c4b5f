package ghapi

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Prism and GitHub's OpenAPI description, installed once per machine into
// a cache folder outside the repository.
const (
	prismPackage   = "@stoplight/prism-cli@5.14.2" // 5.15+ needs Node 24
	openAPIPackage = "@octokit/openapi@23.0.2"
)

// startPrism serves GitHub's REST description with Prism, which validates
// every request against the schema, and returns its base URL. Loading the
// 13 MB description takes Prism 10 to 90 s; PGFLEET_PRISM_URL reuses a
// running one.
func startPrism(t *testing.T) string {
	t.Helper()
	if u := os.Getenv("PGFLEET_PRISM_URL"); u != "" { // a Prism already serving the description
		return u
	}
	dir := filepath.Join(os.TempDir(), "pgfleet-prism-5.14.2")
	prism := filepath.Join(dir, "node_modules", ".bin", "prism")
	if _, err := os.Stat(prism); err != nil {
		npmInstall(t, dir)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	spec := filepath.Join(dir, "node_modules", "@octokit", "openapi", "generated", "api.github.com.json")
	cmd := exec.Command(prism, "mock", "-h", "127.0.0.1", "-p", fmt.Sprint(port), spec)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM); cmd.Wait() })
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if res, err := http.Get(base + "meta"); err == nil {
			res.Body.Close()
			return base
		}
	}
	t.Fatalf("Prism did not start within 5 minutes:\n%s", logs.String())
	return ""
}

func npmInstall(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm is not installed: the GitHub API tests need Prism (npm " + prismPackage + ") on Node 20")
	}
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"pgfleet-prism","private":true}`), 0o644)
	cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", prismPackage, openAPIPackage)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install %s %s in %s: %v\n%s", prismPackage, openAPIPackage, dir, err, out)
	}
}

// prismTransport adapts go-github to Prism, which answers 406 to
// go-github's Accept: application/vnd.github.v3+json (the description
// declares application/json only), and records each request. A Prefer
// header makes Prism answer with that status.
type prismTransport struct {
	prefer string
	mu     sync.Mutex
	calls  []string
}

func (p *prismTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept", r.Header.Get("Accept")+", application/json")
	if p.prefer != "" {
		r.Header.Set("Prefer", p.prefer)
	}
	p.mu.Lock()
	p.calls = append(p.calls, r.Method+" "+r.URL.Path)
	p.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func TestGitHubCallsAgainstPrism(t *testing.T) {
	base := startPrism(t)
	ctx := context.Background()
	newClient := func(tr *prismTransport) *Client {
		c, err := New(&http.Client{Transport: tr, Timeout: time.Minute}, base, "ghs_test", "acme/shop")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tr := &prismTransport{}
	c := newClient(tr)
	if _, _, err := c.UpsertComment(ctx, 7, "state-prepare:eu-west-1", "## pgfleet State Prepare"); err != nil {
		t.Errorf("sticky comment: %v", err)
	}
	var anns []Annotation
	for i := 1; i <= 120; i++ {
		anns = append(anns, Annotation{Path: "deployments/D__eu-west-1_deployment.sql", StartLine: i, EndLine: i,
			StartColumn: 1, EndColumn: 5, Level: []string{"notice", "warning", "failure"}[i%3], Title: "RX004", Message: "DROP COLUMN"})
	}
	tr.calls = nil
	_, err := c.PublishCheckRun(ctx, CheckRun{Name: "pgfleet state-prepare (eu-west-1)", HeadSHA: strings.Repeat("a", 40),
		Conclusion: "failure", Title: "Code review failed", Summary: "summary", Annotations: anns})
	if err != nil {
		t.Errorf("check run: %v", err)
	}
	if want := []string{"POST /repos/acme/shop/check-runs", "PATCH /repos/acme/shop/check-runs/4", "PATCH /repos/acme/shop/check-runs/4"}; strings.Join(tr.calls, "|") != strings.Join(want, "|") {
		t.Errorf("120 annotations: requests %q, want %q (batches of 50)", tr.calls, want)
	}
	if _, err := c.UploadSARIF(ctx, strings.Repeat("b", 40), "refs/pull/7/merge", []byte(`{"version":"2.1.0","runs":[]}`)); err != nil {
		t.Errorf("SARIF upload: %v", err)
	}
	denied := newClient(&prismTransport{prefer: "code=403"})
	_, err = denied.PublishCheckRun(ctx, CheckRun{Name: "x", HeadSHA: strings.Repeat("a", 40), Conclusion: "success", Title: "t", Summary: "s"})
	if !IsPermission(err) {
		t.Errorf("a 403 should be a permission error, got %v", err)
	}
}
