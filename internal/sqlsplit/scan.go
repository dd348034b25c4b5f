package sqlsplit

import (
	"regexp"
	"sort"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// span is a byte range [start, end) of a text.
type span struct{ start, end int }

// scanner walks PostgreSQL's scanner tokens of a text and finds statement
// boundaries and psql meta-commands without needing valid grammar.
type scanner struct {
	text   string
	stmts  []span // statements, without their semicolons
	metas  []span // psql meta-command lines, without the newline
	start  int    // start of the current statement; -1 between statements
	parens int
	atomic int // nesting inside BEGIN ATOMIC ... END (CASE ... END counted)
	prev   pg_query.Token
}

// scanText tokenizes text and returns its statement and meta-command spans.
func scanText(text string) (stmts, metas []span, err error) {
	res, err := pg_query.Scan(text)
	if err != nil {
		return nil, nil, err
	}
	s := &scanner{text: text, start: -1}
	skipTo := 0
	for _, tk := range res.Tokens {
		if int(tk.Start) < skipTo {
			continue
		}
		skipTo = s.token(tk)
	}
	if s.start >= 0 {
		s.stmts = append(s.stmts, span{s.start, len(text)})
	}
	return s.stmts, s.metas, nil
}

// scanStatements returns the spans of the statements of text.
func scanStatements(text string) ([]span, error) {
	stmts, _, err := scanText(text)
	return stmts, err
}

// token consumes one token; it returns the offset before which following
// tokens belong to a meta-command line and must be skipped.
func (s *scanner) token(tk *pg_query.ScanToken) int {
	start := int(tk.Start)
	switch tk.Token {
	case pg_query.Token_SQL_COMMENT, pg_query.Token_C_COMMENT:
		return 0
	case pg_query.Token_ASCII_92:
		if s.start < 0 && atLineStart(s.text, start) {
			eol := strings.IndexByte(s.text[start:], '\n')
			if eol < 0 {
				eol = len(s.text) - start
			}
			s.metas = append(s.metas, span{start, start + eol})
			return start + eol
		}
	}
	if s.start < 0 {
		s.start = start
	}
	s.nest(tk.Token)
	if tk.Token == pg_query.Token_ASCII_59 && s.parens == 0 && s.atomic == 0 {
		s.stmts = append(s.stmts, span{s.start, start})
		s.start = -1
	}
	s.prev = tk.Token
	return 0
}

// nest tracks parentheses and BEGIN ATOMIC bodies, inside which semicolons
// do not end the statement.
func (s *scanner) nest(tok pg_query.Token) {
	switch tok {
	case pg_query.Token_ASCII_40:
		s.parens++
	case pg_query.Token_ASCII_41:
		s.parens = max(s.parens-1, 0)
	case pg_query.Token_ATOMIC:
		if s.prev == pg_query.Token_BEGIN_P {
			s.atomic++
		}
	case pg_query.Token_CASE:
		if s.atomic > 0 {
			s.atomic++
		}
	case pg_query.Token_END_P:
		s.atomic = max(s.atomic-1, 0)
	}
}

// atLineStart reports whether only blanks precede offset i on its line.
func atLineStart(text string, i int) bool {
	for i > 0 {
		i--
		switch text[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// hasMetaCandidate reports whether some line starts with a backslash, the
// only case in which the text may hold psql meta-commands.
func hasMetaCandidate(text string) bool {
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && text[j] == '\\' {
			return true
		}
		nl := strings.IndexByte(text[j:], '\n')
		if nl < 0 {
			return false
		}
		i = j + nl + 1
	}
	return false
}

// copyFromStdin matches the line of a COPY ... FROM stdin statement, whose
// data follows on the next lines up to a line holding only \. (pg_dump's
// data format).
var copyFromStdin = regexp.MustCompile(`(?i)^\s*COPY\s.*\sFROM\s+stdin\b.*;\s*$`)

// copyDataBlocks returns the spans of COPY data blocks, terminator included.
func copyDataBlocks(text string) []span {
	var out []span
	inData := -1
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := strings.TrimRight(text[start:end], "\r")
		switch {
		case inData >= 0 && line == `\.`:
			out = append(out, span{inData, start + len(line)})
			inData = -1
		case inData < 0 && copyFromStdin.MatchString(line):
			inData = end + 1
		}
		start = end + 1
	}
	if inData >= 0 && inData < len(text) {
		out = append(out, span{inData, len(text)})
	}
	return out
}

// blankMetaCommands finds psql meta-commands between statements and COPY
// data blocks, returns them as Statements and returns the text with them
// blanked out, so that PostgreSQL's parser sees only SQL while every
// offset stays valid.
func (f *File) blankMetaCommands() (string, []Statement, error) {
	if !hasMetaCandidate(f.Text) {
		return f.Text, nil, nil
	}
	buf := []byte(f.Text)
	blocks := copyDataBlocks(f.Text)
	blank(buf, blocks)
	scan := append([]byte(nil), buf...)
	blank(scan, restrictKeys(f.Text))
	_, metas, err := scanText(string(scan))
	if err != nil {
		return "", nil, Errors{f.parseError(0, f.Text, err)}
	}
	blank(buf, metas)
	out := make([]Statement, 0, len(blocks)+len(metas))
	for _, m := range blocks {
		out = append(out, f.metaStatement(m, "."))
	}
	for _, m := range metas {
		text := strings.TrimRight(f.Text[m.start:m.end], " \t\r")
		name, _, _ := strings.Cut(text[1:], " ")
		out = append(out, f.metaStatement(m, name))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return string(buf), out, nil
}

// restrictLine matches pg_dump's \restrict and \unrestrict lines, whose
// random key PostgreSQL's scanner may reject (a key starting with digits
// reads as a malformed number).
var restrictLine = regexp.MustCompile(`(?m)^[ \t]*\\(?:un)?restrict[ \t]+(\S+)[ \t]*\r?$`)

// restrictKeys returns the spans of the keys of \restrict lines, which the
// scanner must not see.
func restrictKeys(text string) []span {
	var out []span
	for _, m := range restrictLine.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, span{m[2], m[3]})
	}
	return out
}

// blank replaces the bytes of spans with spaces, keeping newlines.
func blank(buf []byte, spans []span) {
	for _, m := range spans {
		for j := m.start; j < m.end; j++ {
			if buf[j] != '\n' {
				buf[j] = ' '
			}
		}
	}
}

// metaStatement describes a meta-command or data block.
func (f *File) metaStatement(m span, name string) Statement {
	st := Statement{Text: strings.TrimRight(f.Text[m.start:m.end], " \t\r\n"), Offset: m.start, Meta: name}
	st.Line, st.Column = f.Position(m.start)
	return st
}
