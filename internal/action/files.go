package action

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
)

// setOutput writes one step output to GITHUB_OUTPUT as a heredoc with a
// random delimiter (go-githubactions uses a fixed one, which a value could
// contain). Outside Actions the output is logged.
func (s *step) setOutput(name, value string) {
	path := s.opts.Getenv("GITHUB_OUTPUT")
	if path == "" {
		s.gha.Infof("output %s=%s", name, s.redact(value))
		return
	}
	if err := appendFile(path, heredoc(name, value)); err != nil {
		s.gha.Warningf("writing output %s: %v", name, err)
	}
}

// heredoc formats NAME<<DELIM\nvalue\nDELIM\n with a delimiter the value
// does not contain.
func heredoc(name, value string) string {
	for {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		delim := "ghadelimiter_" + hex.EncodeToString(b)
		if !strings.Contains(value, delim) {
			return fmt.Sprintf("%s<<%s\n%s\n%s\n", name, delim, value, delim)
		}
	}
}

// writeSummary appends md to GITHUB_STEP_SUMMARY; outside Actions it is
// skipped with a notice.
func (s *step) writeSummary(md string) {
	path := s.opts.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		s.gha.Infof("GITHUB_STEP_SUMMARY is not set (not running in GitHub Actions): no step summary written")
		return
	}
	if err := appendFile(path, md); err != nil {
		s.gha.Warningf("writing the step summary: %v", err)
	}
}

// summaryBytesUsed is the size of the step summary file so far.
func (s *step) summaryBytesUsed() int {
	st, err := os.Stat(s.opts.Getenv("GITHUB_STEP_SUMMARY"))
	if err != nil {
		return 0
	}
	return int(st.Size())
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
