package ghapi

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/google/go-github/v62/github"
)

// AnnotationsPerRequest is the Checks API's limit of annotations per
// create or update request.
const AnnotationsPerRequest = 50

// maxOutputText is the Checks API's limit for summary and text.
const maxOutputText = 65535

// Annotation is one check-run annotation; Level is notice, warning or
// failure.
type Annotation struct {
	Path                   string
	StartLine, EndLine     int
	StartColumn, EndColumn int
	Level                  string
	Title, Message         string
}

// CheckRun is a completed check run to publish.
type CheckRun struct {
	Name, HeadSHA, DetailsURL string
	// Conclusion is success, failure, neutral, ...
	Conclusion     string
	Title, Summary string
	Annotations    []Annotation
}

// PublishCheckRun creates the check run in progress with the first 50
// annotations, appends the rest 50 at a time (updates append), and
// completes it with its conclusion. It returns the check run's id.
func (c *Client) PublishCheckRun(ctx context.Context, cr CheckRun) (int64, error) {
	first, rest := batch(cr.Annotations)
	out := &github.CheckRunOutput{Title: github.String(cr.Title), Summary: github.String(cut(cr.Summary)), Annotations: first}
	opts := github.CreateCheckRunOptions{Name: cr.Name, HeadSHA: cr.HeadSHA, Status: github.String("in_progress"), Output: out}
	if cr.DetailsURL != "" {
		opts.DetailsURL = github.String(cr.DetailsURL)
	}
	run, _, err := c.gh.Checks.CreateCheckRun(ctx, c.owner, c.repo, opts)
	if err != nil {
		return 0, fmt.Errorf("creating check run %q: %w", cr.Name, err)
	}
	for len(rest) > 0 || out != nil {
		var b []*github.CheckRunAnnotation
		b, rest = batch(rest)
		upd := github.UpdateCheckRunOptions{Name: cr.Name, Output: &github.CheckRunOutput{Title: github.String(cr.Title),
			Summary: github.String(cut(cr.Summary)), Annotations: b}}
		if len(rest) == 0 {
			upd.Status, upd.Conclusion = github.String("completed"), github.String(cr.Conclusion)
			out = nil
		}
		if _, _, err := c.gh.Checks.UpdateCheckRun(ctx, c.owner, c.repo, run.GetID(), upd); err != nil {
			return run.GetID(), fmt.Errorf("updating check run %q: %w", cr.Name, err)
		}
	}
	return run.GetID(), nil
}

// batch splits off the first AnnotationsPerRequest annotations.
func batch(all []Annotation) ([]*github.CheckRunAnnotation, []Annotation) {
	n := min(len(all), AnnotationsPerRequest)
	out := make([]*github.CheckRunAnnotation, 0, n)
	for _, a := range all[:n] {
		ca := &github.CheckRunAnnotation{Path: github.String(a.Path), StartLine: github.Int(a.StartLine),
			EndLine: github.Int(max(a.EndLine, a.StartLine)), AnnotationLevel: github.String(a.Level),
			Message: github.String(a.Message)}
		if a.Title != "" {
			ca.Title = github.String(a.Title)
		}
		if a.StartColumn > 0 && (a.EndLine == 0 || a.EndLine == a.StartLine) {
			ca.StartColumn, ca.EndColumn = github.Int(a.StartColumn), github.Int(max(a.EndColumn, a.StartColumn))
		}
		out = append(out, ca)
	}
	return out, all[n:]
}

// cut trims text to the Checks API's limit at a character boundary.
func cut(s string) string {
	if len(s) <= maxOutputText {
		return s
	}
	n := maxOutputText
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
