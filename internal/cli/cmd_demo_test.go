package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemo runs pgfleet demo (README's first command) and checks that its
// narration shows every step of the seed's pipeline and that it cleaned up.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo starts its own PostgreSQL")
	}
	r := runCLI(t, nil, "demo")
	expectExit(t, r, 0, "demo")
	for _, want := range []string{
		`"password": "***"`,
		"== 5. Drift sweep", "drift detected on 1 targets (us-east-1)",
		"[us-east-1]   - Index app.orders.orders_status_idx",
		"step 2: drop index app.orders.orders_status_idx",
		"canary: deploying to eu-west-1", "wave-1: deploying to ap-southeast-2, us-east-1",
		"3 clean, 0 drifted", "Cleaned up",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if strings.Contains(r.stdout, "-secret") {
		t.Error("the demo printed a password")
	}
	m := regexp.MustCompile(`fleet drift report\s+(\S+)`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no report path in:\n%s", r.stdout)
	}
	if _, err := os.Stat(m[1]); err != nil {
		t.Errorf("report %s: %v", m[1], err)
	}
	project := filepath.Dir(filepath.Dir(m[1]))
	t.Cleanup(func() { os.RemoveAll(project) })
	if t.Failed() {
		t.Logf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}
