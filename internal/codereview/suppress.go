package codereview

import (
	"regexp"
	"slices"
	"strings"
)

// allow is one `-- pgfleet:allow CODE[,CODE...] reason` comment.
type allow struct {
	codes  []string
	reason string
}

var allowRE = regexp.MustCompile(`^--\s*pgfleet:allow\s+([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)\s*(.*?)\s*$`)

// noteComment records a pgfleet:allow line comment starting at off.
func (s *source) noteComment(off int, text string) {
	m := allowRE.FindStringSubmatch(strings.TrimRight(text, "\r"))
	if m == nil {
		return
	}
	a := allow{reason: m[2]}
	for _, c := range strings.Split(m[1], ",") {
		a.codes = append(a.codes, strings.ToUpper(strings.TrimSpace(c)))
	}
	l := s.line(off)
	s.allows[l] = append(s.allows[l], a)
}

// allowed returns whether code is allowed for the statement starting on line
// stmtLine, and the reason given: the comment must be on the lines just
// before the statement (a run of comment-only lines directly above it).
func (s *source) allowed(code string, stmtLine int) (string, bool) {
	for l := stmtLine - 1; l >= 1 && !s.code[l] && s.hasComment(l); l-- {
		for _, a := range s.allows[l] {
			if slices.Contains(a.codes, strings.ToUpper(code)) {
				return a.reason, true
			}
		}
	}
	return "", false
}

// hasComment reports whether line l holds a comment (it is not blank).
func (s *source) hasComment(l int) bool {
	start, end := s.lines[l-1], len(s.text)
	if l < len(s.lines) {
		end = s.lines[l]
	}
	return strings.TrimSpace(s.text[start:end]) != ""
}
