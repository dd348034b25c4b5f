package artifact

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Artifact is an artifact of the current run, as ListArtifacts reports it.
type Artifact struct {
	ID   int64
	Name string
	Size int64
}

// int64s decodes a protobuf-JSON int64: a string or a number.
type int64s int64

// UnmarshalJSON accepts "123" and 123.
func (n *int64s) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	*n = int64s(v)
	return err
}

// List returns the run's artifacts.
func (c *Client) List(ctx context.Context) ([]Artifact, error) {
	req := map[string]any{"workflow_run_backend_id": c.ids.run, "workflow_job_run_backend_id": c.ids.job}
	var resp struct {
		Artifacts []struct {
			Name       string `json:"name"`
			DatabaseID int64s `json:"database_id"`
			CamelID    int64s `json:"databaseId"`
			Size       int64s `json:"size"`
		} `json:"artifacts"`
	}
	if err := c.call(ctx, "ListArtifacts", req, &resp); err != nil {
		return nil, fmt.Errorf("listing artifacts: %w", err)
	}
	out := make([]Artifact, 0, len(resp.Artifacts))
	for _, a := range resp.Artifacts {
		out = append(out, Artifact{ID: int64(max(a.DatabaseID, a.CamelID)), Name: a.Name, Size: int64(a.Size)})
	}
	return out, nil
}

// Download returns the zip of the run's artifact name.
func (c *Client) Download(ctx context.Context, name string) ([]byte, error) {
	req := map[string]any{"workflow_run_backend_id": c.ids.run, "workflow_job_run_backend_id": c.ids.job, "name": name}
	var resp struct {
		URL      string `json:"signed_url"`
		CamelURL string `json:"signedUrl"`
	}
	if err := c.call(ctx, "GetSignedArtifactURL", req, &resp); err != nil {
		return nil, fmt.Errorf("locating artifact %s: %w", name, err)
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, first(resp.URL, resp.CamelURL), nil)
	if err != nil {
		return nil, fmt.Errorf("downloading artifact %s: %w", name, err)
	}
	res, err := c.http.Do(r)
	if err != nil {
		return nil, fmt.Errorf("downloading artifact %s: %w", name, redactURLError(err))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("downloading artifact %s: HTTP %d", name, res.StatusCode)
	}
	return io.ReadAll(res.Body)
}
