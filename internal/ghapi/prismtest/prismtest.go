// Package prismtest is test support: it serves GitHub's REST API
// description (npm @octokit/openapi) with Prism (npm @stoplight/prism-cli
// 5.14.x, which runs on Node 20), so that GitHub API calls are validated
// against the real schema. Prism is installed with npm into a cache folder
// under the system temp dir; tests skip when npm is missing.
package prismtest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The packages installed, pinned.
const (
	PrismPackage   = "@stoplight/prism-cli@5.14.2" // 5.15+ needs Node 24
	OpenAPIPackage = "@octokit/openapi@23.0.2"
)

// Start serves GitHub's REST description with Prism until the test ends
// and returns its base URL. Loading the 13 MB description takes Prism 10
// to 90 s (more on a busy machine); PGFLEET_PRISM_URL reuses a running one.
func Start(t testing.TB) string {
	t.Helper()
	if u := os.Getenv("PGFLEET_PRISM_URL"); u != "" {
		return u
	}
	dir := filepath.Join(os.TempDir(), "pgfleet-prism-5.14.2")
	prism := filepath.Join(dir, "node_modules", ".bin", "prism")
	if _, err := os.Stat(prism); err != nil {
		install(t, dir)
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

func install(t testing.TB, dir string) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm is not installed: the GitHub API tests need Prism (npm " + PrismPackage + ") on Node 20")
	}
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"pgfleet-prism","private":true}`), 0o644)
	cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", PrismPackage, OpenAPIPackage)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install %s %s in %s: %v\n%s", PrismPackage, OpenAPIPackage, dir, err, out)
	}
}

// Transport adapts go-github to Prism, which answers 406 to go-github's
// Accept: application/vnd.github.v3+json (the description declares
// application/json only), and records each request as "METHOD /path". A
// non-empty Prefer (e.g. "code=403") makes Prism answer with that status.
type Transport struct {
	Prefer string
	mu     sync.Mutex
	calls  []string
}

// RoundTrip sends r with application/json accepted.
func (p *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept", r.Header.Get("Accept")+", application/json")
	if p.Prefer != "" {
		r.Header.Set("Prefer", p.Prefer)
	}
	p.mu.Lock()
	p.calls = append(p.calls, r.Method+" "+r.URL.Path)
	p.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// Calls returns the requests made so far and forgets them.
func (p *Transport) Calls() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.calls
	p.calls = nil
	return out
}
