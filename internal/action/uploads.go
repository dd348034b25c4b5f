package action

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pgfleet/pgfleet/internal/artifact"
)

// upload is an artifact to upload when the step ends.
type upload struct {
	name      string
	files     []string
	retention int
}

// uploaded is an artifact that was uploaded, with its link.
type uploaded struct {
	name, url string
	size      int64
}

// queueUpload adds an artifact of the existing files among files, unless
// skipInput is true or none exists.
func (s *step) queueUpload(skipInput, name, retentionInput string, files ...string) {
	if s.in.bool(skipInput) {
		return
	}
	var existing []string
	for _, f := range files {
		if st, err := os.Stat(f); f != "" && err == nil && st.Mode().IsRegular() {
			existing = append(existing, f)
		}
	}
	if len(existing) > 0 {
		s.uploads = append(s.uploads, upload{name: name, files: existing, retention: s.in.int(retentionInput)})
	}
}

// uploadAll uploads the queued artifacts with the v4 protocol. Outside
// GitHub Actions (no artifact service) they are skipped with a notice; a
// failed upload is a warning, never a failed step.
func (s *step) uploadAll(ctx context.Context) []uploaded {
	if len(s.uploads) == 0 {
		return nil
	}
	c, err := artifact.FromEnv(s.opts.Getenv, s.opts.HTTPClient)
	if err != nil {
		s.ann.add(annotation{Level: levelWarning, Message: "Artifacts not uploaded: " + err.Error()})
		return nil
	}
	if c == nil {
		s.ann.add(annotation{Level: levelNotice, Message: fmt.Sprintf("%d artifacts not uploaded: no artifact service "+
			"(ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only inside GitHub Actions).", len(s.uploads))})
		return nil
	}
	var out []uploaded
	for _, u := range s.uploads {
		files := make([]artifact.File, len(u.files))
		for i, f := range u.files {
			files[i] = artifact.File{Name: filepath.Base(f), Path: f}
		}
		res, err := c.Upload(ctx, u.name, files, u.retention)
		if err != nil {
			s.ann.add(annotation{Level: levelWarning, Message: s.redact(err.Error())})
			continue
		}
		s.gha.Infof("Uploaded artifact %s (%d bytes, %s)", res.Name, res.Size, res.Digest)
		out = append(out, uploaded{name: res.Name, url: s.artifactURL(res.ID), size: res.Size})
	}
	return out
}

// artifactURL links an artifact of this run.
func (s *step) artifactURL(id int64) string {
	server, repo, run := s.opts.Getenv("GITHUB_SERVER_URL"), s.opts.Getenv("GITHUB_REPOSITORY"), s.opts.Getenv("GITHUB_RUN_ID")
	if server == "" || repo == "" || run == "" || id == 0 {
		return ""
	}
	return fmt.Sprintf("%s/%s/actions/runs/%s/artifacts/%d", server, repo, run, id)
}
