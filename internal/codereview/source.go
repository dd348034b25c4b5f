package codereview

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/pganalyze/pg_query_go/v6/parser"
)

// source is one file being reviewed: its text, the text with comments,
// literals and quoted identifiers blanked, and PostgreSQL's scanner tokens.
type source struct {
	name   string
	text   string
	masked string
	lower  string // masked in ASCII lower case (same offsets)
	tokens []*pg_query.ScanToken
	lines  []int // byte offset of each line's start
	allows map[int][]allow
	code   map[int]bool // lines holding at least one non-comment token
}

// newSource scans text and blanks everything a rule must not see. parse
// is text with its placeholders neutralized (the same length): what the
// scanner reads.
func newSource(name, text, parse string) (*source, error) {
	s := &source{name: name, text: text, lines: []int{0}, allows: map[int][]allow{}, code: map[int]bool{}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	res, err := pg_query.Scan(parse)
	if err != nil {
		return s, fmt.Errorf("scanning %s: %w", name, err)
	}
	s.tokens = res.Tokens
	s.masked = s.mask()
	s.lower = asciiLower(s.masked)
	return s, nil
}

// scanFailure is the result for a text PostgreSQL's scanner rejects (an
// unterminated string, comment or quoted identifier): one PG000 violation
// where the scanner stopped, and no other rule, since nothing can tell code
// from text any more.
func (s *source) scanFailure(pe *parser.Error) Result {
	start, chars := len(s.text), max(pe.Cursorpos-1, 0)
	for i := range s.text {
		if chars == 0 {
			start = i
			break
		}
		chars--
	}
	v := s.violation(parserRuleInfo("PG000"), start, min(start+1, len(s.text)),
		pe.Message+" (no other rule ran on this file)")
	return Result{File: s.name, Violations: []Violation{v}}
}

// Mask returns text with the content of comments, string literals
// (dollar-quoted bodies, E'...', U&'...', B'...' and X'...' strings included) and quoted
// identifiers replaced by spaces, as PostgreSQL's scanner delimits them.
// Every byte keeps its offset and line breaks stay where they are, so
// positions found in the result are positions in text.
func Mask(text string) (string, error) {
	s, err := newSource("", text, text)
	if err != nil {
		return "", err
	}
	return s.masked, nil
}

// mask blanks comments, literals and quoted identifiers, and records which
// lines hold code and which pgfleet:allow comments there are.
func (s *source) mask() string {
	b := []byte(s.text)
	for _, tk := range s.tokens {
		start, end := int(tk.Start), min(int(tk.End), len(s.text))
		switch {
		case tk.Token == pg_query.Token_SQL_COMMENT:
			s.noteComment(start, s.text[start:end])
			blank(b, start, end)
		case tk.Token == pg_query.Token_C_COMMENT:
			blank(b, start, end)
		case literalToken(tk.Token, s.text[start:end]):
			blankInside(b, start, end)
			s.markCode(start, end)
		default:
			s.markCode(start, end)
		}
	}
	return string(b)
}

// markCode records that the lines of text[start:end] hold code.
func (s *source) markCode(start, end int) {
	for l := s.line(start); l <= s.line(max(end-1, start)); l++ {
		s.code[l] = true
	}
}

// literalToken reports whether a token is a string literal or a quoted
// identifier.
func literalToken(t pg_query.Token, text string) bool {
	switch t {
	case pg_query.Token_SCONST, pg_query.Token_USCONST, pg_query.Token_BCONST, pg_query.Token_XCONST:
		return true
	case pg_query.Token_IDENT, pg_query.Token_UIDENT:
		return strings.HasPrefix(text, `"`) || strings.HasPrefix(strings.ToUpper(text), `U&"`)
	}
	return false
}

// blank replaces b[start:end] by spaces, keeping line breaks.
func blank(b []byte, start, end int) {
	for i := start; i < end; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}

// blankInside blanks a literal but keeps its delimiters: the opening
// prefix and quote (E', U&", $tag$) and the closing quote or tag.
func blankInside(b []byte, start, end int) {
	text := string(b[start:end])
	open := strings.IndexAny(text, `'"$`)
	if open < 0 {
		return
	}
	closeLen := 1
	if text[open] == '$' {
		tag := strings.IndexByte(text[open+1:], '$')
		if tag < 0 {
			return
		}
		closeLen = tag + 2
		open += tag + 1
	}
	if end-closeLen > start+open+1 {
		blank(b, start+open+1, end-closeLen)
	}
}

// position returns the 1-based line and character column of byte offset off.
func (s *source) position(off int) (line, col int) {
	off = min(max(off, 0), len(s.text))
	i := s.line(off) - 1
	return i + 1, utf8.RuneCountInString(s.text[s.lines[i]:off]) + 1
}

// line returns the 1-based line of byte offset off.
func (s *source) line(off int) int {
	return sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off })
}

// tokenEnd returns the end offset of the token starting at off, or of the
// word there when no token starts at off.
func (s *source) tokenEnd(off int) int {
	i := sort.Search(len(s.tokens), func(i int) bool { return int(s.tokens[i].Start) >= off })
	if i < len(s.tokens) && int(s.tokens[i].Start) == off {
		return int(s.tokens[i].End)
	}
	end := off
	for end < len(s.text) && isWordByte(s.text[end]) {
		end++
	}
	return max(end, min(off+1, len(s.text)))
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// violation builds a violation of rule at text[start:end].
func (s *source) violation(info RuleInfo, start, end int, msg string) Violation {
	v := Violation{File: s.name, Offset: start, EndOffset: end, Code: info.Code,
		Severity: info.Severity, Description: info.Description, Message: msg,
		Help: info.Help, Engine: info.Engine}
	if v.Message == "" {
		v.Message = info.Description
	}
	v.Line, v.Column = s.position(start)
	v.EndLine, v.EndColumn = s.position(end)
	return v
}

// find returns the byte span of the n-th (0-based) match of re in the masked
// text between from and to, or ok=false.
func (s *source) find(re *regexp.Regexp, from, to, n int) (start, end int, ok bool) {
	ms := re.FindAllStringIndex(s.masked[from:to], n+1)
	if len(ms) <= n {
		return 0, 0, false
	}
	return from + ms[n][0], from + ms[n][1], true
}

// nameEnd returns the end offset of the possibly qualified name (a.b.c)
// whose first token starts at off.
func (s *source) nameEnd(off int) int {
	end := s.tokenEnd(off)
	for end+1 < len(s.text) && s.text[end] == '.' {
		end = s.tokenEnd(end + 1)
	}
	return end
}

// offset returns the byte offset of 1-based line and character column,
// clamped to the line.
func (s *source) offset(line, col int) int {
	off := s.lines[min(max(line, 1), len(s.lines))-1]
	for i := 1; i < col && off < len(s.text) && s.text[off] != '\n'; i++ {
		_, size := utf8.DecodeRuneInString(s.text[off:])
		off += size
	}
	return off
}

// asciiLower lower-cases the ASCII letters of s, keeping every offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
