package action

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/ghapi/prismtest"
)

// TestPublishToPullRequest posts a step's results to a pull request
// through Prism, which validates every request against GitHub's OpenAPI
// description: the sticky comment, the check run with the file
// annotations, the SARIF upload; a 403 only warns.
func TestPublishToPullRequest(t *testing.T) {
	base := prismtest.Start(t)
	dir := t.TempDir()
	event := filepath.Join(dir, "event.json")
	os.WriteFile(event, []byte(`{"number":7,"pull_request":{"number":7,"head":{"sha":"`+strings.Repeat("c", 40)+`"}}}`), 0o644)
	sarif := filepath.Join(dir, "report.sarif")
	os.WriteFile(sarif, []byte(`{"version":"2.1.0","runs":[]}`), 0o644)
	env := map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event, "GITHUB_API_URL": base,
		"GITHUB_REPOSITORY": "acme/shop", "GITHUB_SHA": strings.Repeat("d", 40), "GITHUB_REF": "refs/pull/7/merge"}
	tests := []struct {
		name   string
		prefer string
		calls  []string
		warns  int
	}{
		// Prism's example Link header announces a page 2, which is read.
		{"allowed", "", []string{"GET /repos/acme/shop/issues/7/comments", "GET /repos/acme/shop/issues/7/comments", "POST /repos/acme/shop/issues/7/comments",
			"POST /repos/acme/shop/check-runs", "PATCH /repos/acme/shop/check-runs/4", "POST /repos/acme/shop/code-scanning/sarifs"}, 0},
		{"read-only fork token", "code=403", []string{"GET /repos/acme/shop/issues/7/comments",
			"POST /repos/acme/shop/check-runs", "POST /repos/acme/shop/code-scanning/sarifs"}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := &prismtest.Transport{Prefer: tc.prefer}
			var log bytes.Buffer
			opts := withDefaults(Options{Stdout: &log, Getenv: func(k string) string { return env[k] }, HTTPClient: &http.Client{Transport: tr}})
			s := newStep("state-prepare", modes["state-prepare"], opts)
			s.in, _ = readInputs(s.mode.inputs, func(k string) string {
				return map[string]string{"INPUT_TARGET-ENVIRONMENT": "eu-west-1", "INPUT_GITHUB-TOKEN": "ghs_x"}[k]
			})
			s.sarifPath = sarif
			s.row("Drift", "✅ No drift")
			s.ann.add(annotation{Level: levelError, File: "deployments/D.sql", Line: 3, Col: 1, EndCol: 9, Title: "RX004", Message: "DROP COLUMN"})
			s.ann.add(annotation{Level: levelWarning, Message: "no file: summary only"})
			s.publish(context.Background(), 4, nil)
			if got := tr.Calls(); strings.Join(got, "|") != strings.Join(tc.calls, "|") {
				t.Errorf("requests %q, want %q\n%s", got, tc.calls, log.String())
			}
			if n := strings.Count(log.String(), "lacks permission"); n != tc.warns {
				t.Errorf("%d permission warnings, want %d:\n%s", n, tc.warns, log.String())
			}
		})
	}
}
