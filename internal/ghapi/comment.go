package ghapi

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v62/github"
)

// MaxCommentBytes keeps a comment under GitHub's body limit (65536
// characters).
const MaxCommentBytes = 60000

// maxCommentPages bounds the search for the sticky comment (100 comments
// a page).
const maxCommentPages = 30

// Marker is the hidden HTML comment that identifies the sticky comment
// of key (an action and its target).
func Marker(key string) string {
	return "<!-- pgfleet:" + strings.ReplaceAll(key, "--", "- -") + " -->"
}

// UpsertComment keeps one comment per key on pull request pr: it edits the
// comment carrying key's marker, or creates it. It returns the comment's
// id and whether it was created.
func (c *Client) UpsertComment(ctx context.Context, pr int, key, body string) (int64, bool, error) {
	marker := Marker(key)
	body = marker + "\n" + body
	id, err := c.findComment(ctx, pr, marker)
	if err != nil {
		return 0, false, err
	}
	if id != 0 {
		_, _, err := c.gh.Issues.EditComment(ctx, c.owner, c.repo, id, &github.IssueComment{Body: github.String(body)})
		if err != nil {
			return 0, false, fmt.Errorf("editing comment %d on pull request #%d: %w", id, pr, err)
		}
		return id, false, nil
	}
	created, _, err := c.gh.Issues.CreateComment(ctx, c.owner, c.repo, pr, &github.IssueComment{Body: github.String(body)})
	if err != nil {
		return 0, false, fmt.Errorf("commenting on pull request #%d: %w", pr, err)
	}
	return created.GetID(), true, nil
}

// findComment returns the id of the first comment containing marker, 0
// when there is none, reading every page.
func (c *Client) findComment(ctx context.Context, pr int, marker string) (int64, error) {
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100, Page: 1}}
	for {
		comments, resp, err := c.gh.Issues.ListComments(ctx, c.owner, c.repo, pr, opts)
		if err != nil {
			return 0, fmt.Errorf("listing comments of pull request #%d: %w", pr, err)
		}
		for _, cm := range comments {
			if strings.Contains(cm.GetBody(), marker) {
				return cm.GetID(), nil
			}
		}
		// Stop at the last page, and after maxCommentPages whatever the
		// Link header says.
		if resp == nil || resp.NextPage <= opts.Page || opts.Page >= maxCommentPages {
			return 0, nil
		}
		opts.Page = resp.NextPage
	}
}
