package artifact

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// File is one file to put in an artifact: Path on disk, Name inside the
// zip (slash-separated, relative).
type File struct {
	Name string
	Path string
}

// Uploaded describes an uploaded artifact.
type Uploaded struct {
	ID     int64
	Name   string
	Size   int64
	Digest string // sha256:<hex> of the zip
}

// invalidNameChars are refused in artifact names by the service.
const invalidNameChars = "\":<>|*?\r\n\\/"

// Upload zips files and uploads them as the artifact name, kept for
// retentionDays (0 means the repository's default).
func (c *Client) Upload(ctx context.Context, name string, files []File, retentionDays int) (*Uploaded, error) {
	if name == "" || strings.ContainsAny(name, invalidNameChars) {
		return nil, fmt.Errorf("artifact name %q is empty or contains one of %q: choose another name", name, invalidNameChars)
	}
	data, err := zipFiles(files)
	if err != nil {
		return nil, fmt.Errorf("zipping artifact %s: %w", name, err)
	}
	req := map[string]any{"workflow_run_backend_id": c.ids.run, "workflow_job_run_backend_id": c.ids.job, "name": name, "version": 4}
	if retentionDays > 0 {
		req["expires_at"] = c.now().Add(time.Duration(retentionDays) * 24 * time.Hour).UTC().Format(time.RFC3339)
	}
	var created struct {
		OK       bool   `json:"ok"`
		URL      string `json:"signed_upload_url"`
		CamelURL string `json:"signedUploadUrl"`
	}
	if err := c.call(ctx, "CreateArtifact", req, &created); err != nil {
		return nil, fmt.Errorf("creating artifact %s: %w", name, err)
	}
	signed := first(created.URL, created.CamelURL)
	if !created.OK || signed == "" {
		return nil, fmt.Errorf("creating artifact %s: the service refused it (an artifact of that name may already exist in this run)", name)
	}
	if err := c.putBlocks(ctx, signed, data); err != nil {
		return nil, fmt.Errorf("uploading artifact %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	digest := "sha256:" + hex.EncodeToString(sum[:])
	return c.finalize(ctx, name, int64(len(data)), digest)
}

func (c *Client) finalize(ctx context.Context, name string, size int64, digest string) (*Uploaded, error) {
	req := map[string]any{"workflow_run_backend_id": c.ids.run, "workflow_job_run_backend_id": c.ids.job,
		"name": name, "size": fmt.Sprint(size), "hash": digest}
	var fin struct {
		OK      bool   `json:"ok"`
		ID      int64s `json:"artifact_id"`
		CamelID int64s `json:"artifactId"`
	}
	if err := c.call(ctx, "FinalizeArtifact", req, &fin); err != nil {
		return nil, fmt.Errorf("finalizing artifact %s: %w", name, err)
	}
	if !fin.OK {
		return nil, fmt.Errorf("finalizing artifact %s: the service did not accept it", name)
	}
	return &Uploaded{ID: int64(max(fin.ID, fin.CamelID)), Name: name, Size: size, Digest: digest}, nil
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// zipFiles builds the artifact's zip in memory (reports and scripts are
// small), entries in the given order with their modification times.
func zipFiles(files []File) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		if err := addFile(zw, f); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func addFile(zw *zip.Writer, f File) error {
	src, err := os.Open(f.Path)
	if err != nil {
		return err
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return err
	}
	name := filepath.ToSlash(f.Name)
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return fmt.Errorf("entry name %q must be a relative path", f.Name)
	}
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: st.ModTime()}
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, src)
	return err
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
