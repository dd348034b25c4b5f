// Package artifact uploads GitHub Actions artifacts natively with the v4
// protocol: CreateArtifact and FinalizeArtifact Twirp calls to the results
// service (ACTIONS_RESULTS_URL, authorised by ACTIONS_RUNTIME_TOKEN, whose
// scp claim carries the backend ids), the zip uploaded to the signed URL
// with Put Block and Put Block List, its sha256 sent in FinalizeArtifact.
package artifact

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// twirpService is the results service's Twirp path prefix.
const twirpService = "/twirp/github.actions.results.api.v1.ArtifactService/"

// Client talks to the artifact service of one workflow job.
type Client struct {
	resultsURL string
	token      string
	ids        backendIDs
	http       *http.Client
	// BlockSize is the size of each Put Block; 0 means 8 MiB.
	BlockSize int
	// Now is the clock for expiry dates; nil means time.Now.
	Now func() time.Time
}

// FromEnv returns a client for the job the variables describe, or nil
// (and no error) when they are absent: outside GitHub Actions there is no
// artifact service, and callers skip uploads with a notice.
func FromEnv(getenv func(string) string, hc *http.Client) (*Client, error) {
	results, token := getenv("ACTIONS_RESULTS_URL"), getenv("ACTIONS_RUNTIME_TOKEN")
	if results == "" || token == "" {
		return nil, nil
	}
	return New(results, token, hc)
}

// New returns a client for resultsURL and the job's runtime token.
func New(resultsURL, token string, hc *http.Client) (*Client, error) {
	u, err := url.Parse(resultsURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("ACTIONS_RESULTS_URL %q is not a URL", resultsURL)
	}
	ids, err := backendIDsFromToken(token)
	if err != nil {
		return nil, err
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{resultsURL: u.Scheme + "://" + u.Host, token: token, ids: ids, http: hc}, nil
}

// call posts one Twirp request and decodes its response, retrying as the
// toolkit does on 429 and 5xx.
func (c *Client) call(ctx context.Context, method string, req, resp any) error {
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("encoding %s request: %w", method, err)
	}
	delay := 3 * time.Second
	for attempt := 1; ; attempt++ {
		retry, err := c.callOnce(ctx, method, body, resp)
		if err == nil || !retry || attempt == 5 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = delay * 3 / 2
	}
}

func (c *Client) callOnce(ctx context.Context, method string, body []byte, resp any) (bool, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, c.resultsURL+twirpService+method, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+c.token)
	res, err := c.http.Do(r)
	if err != nil {
		return true, fmt.Errorf("calling %s: %w", method, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if res.StatusCode != http.StatusOK {
		retry := res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500
		return retry, fmt.Errorf("calling %s: HTTP %d: %s", method, res.StatusCode, twirpMessage(data))
	}
	if err := json.Unmarshal(data, resp); err != nil {
		return false, fmt.Errorf("decoding %s response: %w", method, err)
	}
	return false, nil
}

// twirpMessage extracts a Twirp error's msg, or the body's first line.
func twirpMessage(data []byte) string {
	var e struct{ Code, Msg string }
	if json.Unmarshal(data, &e) == nil && e.Msg != "" {
		return e.Code + ": " + e.Msg
	}
	s, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
