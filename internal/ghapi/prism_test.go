package ghapi

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/ghapi/prismtest"
)

func TestGitHubCallsAgainstPrism(t *testing.T) {
	base := prismtest.Start(t)
	ctx := context.Background()
	newClient := func(tr *prismtest.Transport) *Client {
		c, err := New(&http.Client{Transport: tr, Timeout: time.Minute}, base, "ghs_test", "acme/shop")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tr := &prismtest.Transport{}
	c := newClient(tr)
	if _, _, err := c.UpsertComment(ctx, 7, "state-prepare:eu-west-1", "## pgfleet State Prepare"); err != nil {
		t.Errorf("sticky comment: %v", err)
	}
	var anns []Annotation
	for i := 1; i <= 120; i++ {
		anns = append(anns, Annotation{Path: "deployments/D__eu-west-1_deployment.sql", StartLine: i, EndLine: i,
			StartColumn: 1, EndColumn: 5, Level: []string{"notice", "warning", "failure"}[i%3], Title: "RX004", Message: "DROP COLUMN"})
	}
	tr.Calls()
	_, err := c.PublishCheckRun(ctx, CheckRun{Name: "pgfleet state-prepare (eu-west-1)", HeadSHA: strings.Repeat("a", 40),
		Conclusion: "failure", Title: "Code review failed", Summary: "summary", Annotations: anns})
	if err != nil {
		t.Errorf("check run: %v", err)
	}
	calls := tr.Calls()
	if want := []string{"POST /repos/acme/shop/check-runs", "PATCH /repos/acme/shop/check-runs/4", "PATCH /repos/acme/shop/check-runs/4"}; strings.Join(calls, "|") != strings.Join(want, "|") {
		t.Errorf("120 annotations: requests %q, want %q (batches of 50)", calls, want)
	}
	if _, err := c.UploadSARIF(ctx, strings.Repeat("b", 40), "refs/pull/7/merge", []byte(`{"version":"2.1.0","runs":[]}`)); err != nil {
		t.Errorf("SARIF upload: %v", err)
	}
	denied := newClient(&prismtest.Transport{Prefer: "code=403"})
	_, err = denied.PublishCheckRun(ctx, CheckRun{Name: "x", HeadSHA: strings.Repeat("a", 40), Conclusion: "success", Title: "t", Summary: "s"})
	if !IsPermission(err) {
		t.Errorf("a 403 should be a permission error, got %v", err)
	}
}
