package ghapi

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/google/go-github/v62/github"
)

// UploadSARIF uploads a SARIF log to code scanning for commit and ref
// (gzip-compressed and base64-encoded, as the API wants) and returns the
// upload's id. GitHub answers 202 Accepted, which go-github reports as an
// *github.AcceptedError; that is success.
func (c *Client) UploadSARIF(ctx context.Context, commitSHA, ref string, sarif []byte) (string, error) {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	if _, err := zw.Write(sarif); err != nil {
		return "", fmt.Errorf("compressing SARIF: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("compressing SARIF: %w", err)
	}
	enc := base64.StdEncoding.EncodeToString(z.Bytes())
	id, _, err := c.gh.CodeScanning.UploadSarif(ctx, c.owner, c.repo, &github.SarifAnalysis{
		CommitSHA: github.String(commitSHA), Ref: github.String(ref), Sarif: github.String(enc), ToolName: github.String("pgfleet")})
	var accepted *github.AcceptedError
	if errors.As(err, &accepted) {
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("uploading SARIF to code scanning: %w", err)
	}
	return id.GetID(), nil
}
