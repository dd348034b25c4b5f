package sqlsplit

import (
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

// blankMetaCommands finds psql meta-commands between statements, returns
// them as Statements and returns the text with their lines blanked out, so
// that PostgreSQL's parser sees only SQL while every offset stays valid.
func (f *File) blankMetaCommands() (string, []Statement, error) {
	if !hasMetaCandidate(f.Text) {
		return f.Text, nil, nil
	}
	_, metas, err := scanText(f.Text)
	if err != nil {
		return "", nil, Errors{f.parseError(0, f.Text, err)}
	}
	if len(metas) == 0 {
		return f.Text, nil, nil
	}
	buf := []byte(f.Text)
	out := make([]Statement, len(metas))
	for i, m := range metas {
		for j := m.start; j < m.end; j++ {
			buf[j] = ' '
		}
		text := strings.TrimRight(f.Text[m.start:m.end], " \t\r")
		name, _, _ := strings.Cut(text[1:], " ")
		out[i] = Statement{Text: text, Offset: m.start, Meta: name}
		out[i].Line, out[i].Column = f.Position(m.start)
	}
	return string(buf), out, nil
}
