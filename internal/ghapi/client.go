// Package ghapi holds the GitHub REST calls pgfleet's actions make, through
// go-github v62: a sticky pull-request comment per target, a check run
// whose annotations are posted in batches of 50, and a SARIF upload to code
// scanning. Callers treat every error as a warning: a fork's read-only
// token must never fail a deployment check (see IsPermission).
package ghapi

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v62/github"
)

// Client calls the GitHub API for one repository.
type Client struct {
	gh          *github.Client
	owner, repo string
}

// New returns a client for repository ("owner/name") at apiURL (the
// runner's GITHUB_API_URL; "" means https://api.github.com/) with token.
func New(httpClient *http.Client, apiURL, token, repository string) (*Client, error) {
	owner, repo, ok := strings.Cut(repository, "/")
	if !ok || owner == "" || repo == "" {
		return nil, fmt.Errorf("repository %q is not owner/name (GITHUB_REPOSITORY)", repository)
	}
	gh := github.NewClient(httpClient).WithAuthToken(token)
	if apiURL != "" {
		u, err := url.Parse(strings.TrimSuffix(apiURL, "/") + "/")
		if err != nil {
			return nil, fmt.Errorf("parsing GITHUB_API_URL %q: %w", apiURL, err)
		}
		gh.BaseURL = u
	}
	return &Client{gh: gh, owner: owner, repo: repo}, nil
}

// IsPermission reports whether err means the token may not do this: 401,
// 403 (read-only fork token, missing permission) or 404 (GitHub's answer
// when the token cannot see the resource).
func IsPermission(err error) bool {
	code := StatusCode(err)
	return code == http.StatusUnauthorized || code == http.StatusForbidden || code == http.StatusNotFound
}

// StatusCode returns the HTTP status of a GitHub API error, 0 if err is
// not one.
func StatusCode(err error) int {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode
	}
	return 0
}
