package action

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pgfleet/pgfleet/internal/ghapi"
)

// pullRequest is what the step needs from a pull_request event.
type pullRequest struct {
	Number int `json:"number"`
	Head   struct {
		SHA string `json:"sha"`
	} `json:"head"`
}

// pullRequest returns the event's pull request, nil on other events.
func (s *step) pullRequest() *pullRequest {
	switch s.opts.Getenv("GITHUB_EVENT_NAME") {
	case "pull_request", "pull_request_target":
	default:
		return nil
	}
	data, err := os.ReadFile(s.opts.Getenv("GITHUB_EVENT_PATH"))
	if err != nil {
		return nil
	}
	var ev struct {
		PullRequest *pullRequest `json:"pull_request"`
	}
	if json.Unmarshal(data, &ev) != nil || ev.PullRequest == nil || ev.PullRequest.Number == 0 {
		return nil
	}
	return ev.PullRequest
}

// publish posts the step's results to a pull request: the sticky
// comment, the check run and the SARIF upload. Nothing here fails the
// step: missing permissions and API errors become warnings.
func (s *step) publish(ctx context.Context, code int, links []uploaded) {
	token := s.in.str("github-token")
	pr := s.pullRequest()
	if token == "" || pr == nil {
		return
	}
	c, err := ghapi.New(s.opts.HTTPClient, s.opts.Getenv("GITHUB_API_URL"), token, s.opts.Getenv("GITHUB_REPOSITORY"))
	if err != nil {
		s.apiWarning("reach the GitHub API", "", err)
		return
	}
	key := s.name + ":" + s.environment()
	if !s.in.bool("skip-pr-comment") {
		if _, _, err := c.UpsertComment(ctx, pr.Number, key, s.summary(ghapi.MaxCommentBytes, links, "")); err != nil {
			s.apiWarning("comment on pull request #"+fmt.Sprint(pr.Number), "pull-requests: write", err)
		}
	}
	if _, err := c.PublishCheckRun(ctx, s.checkRun(code, pr.Head.SHA, links)); err != nil {
		s.apiWarning("publish the check run", "checks: write", err)
	}
	s.uploadSARIF(ctx, c)
}

func (s *step) checkRun(code int, sha string, links []uploaded) ghapi.CheckRun {
	cr := ghapi.CheckRun{Name: fmt.Sprintf("pgfleet %s (%s)", s.name, s.environment()), HeadSHA: sha,
		Conclusion: "success", Title: "Passed", Summary: s.summary(60000, links, "")}
	if code != 0 {
		cr.Conclusion, cr.Title = "failure", oneLine(s.failure)
	}
	if cr.Title == "" {
		cr.Title = fmt.Sprintf("Failed with exit code %d", code)
	}
	levels := map[string]string{levelError: "failure", levelWarning: "warning", levelNotice: "notice"}
	for _, a := range s.ann.all {
		if a.File == "" || a.Line <= 0 {
			continue // the Checks API needs a file line; these are in the summary
		}
		cr.Annotations = append(cr.Annotations, ghapi.Annotation{Path: a.File, StartLine: a.Line, EndLine: a.EndLine,
			StartColumn: a.Col, EndColumn: a.EndCol, Level: levels[a.Level], Title: a.Title, Message: s.redact(a.Message)})
	}
	return cr
}

func (s *step) uploadSARIF(ctx context.Context, c *ghapi.Client) {
	if s.sarifPath == "" || s.in.bool("skip-code-scanning-upload") {
		return
	}
	data, err := os.ReadFile(s.sarifPath)
	if err != nil {
		s.ann.add(annotation{Level: levelWarning, Message: "SARIF not uploaded: " + err.Error()})
		return
	}
	if _, err := c.UploadSARIF(ctx, s.opts.Getenv("GITHUB_SHA"), s.opts.Getenv("GITHUB_REF"), data); err != nil {
		s.apiWarning("upload SARIF to code scanning", "security-events: write", err)
	}
}

// apiWarning reports a GitHub API failure as a warning, explaining a
// missing permission.
func (s *step) apiWarning(what, permission string, err error) {
	msg := fmt.Sprintf("Could not %s: %v", what, err)
	if ghapi.IsPermission(err) && permission != "" {
		msg = fmt.Sprintf("Could not %s: the token lacks permission (HTTP %d). Grant `%s` in the workflow's permissions; "+
			"pull requests from forks get a read-only token, so this is skipped there.", what, ghapi.StatusCode(err), permission)
	}
	s.ann.add(annotation{Level: levelWarning, Message: s.redact(msg)})
}
