package sqlsplit

import (
	"errors"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/pganalyze/pg_query_go/v6/parser"
)

// File is one SQL text split into statements.
type File struct {
	Name       string      // name used in positions and errors
	Text       string      // the full text
	Statements []Statement // in text order, psql meta-commands included
	lines      lineIndex
	parsed     string // Text with meta-command lines blanked
}

// Statement is one SQL statement (or psql meta-command) of a File.
type Statement struct {
	Text   string // from its first token up to, not including, the terminating semicolon
	Offset int    // byte offset of Text in the file
	Line   int    // 1-based line of the first token
	Column int    // 1-based column (in characters) of the first token
	// Node is PostgreSQL's parse tree of the statement; nil for a psql
	// meta-command. Its Location fields are byte offsets relative to
	// NodeBase, not to the file or the statement: large files are parsed
	// in chunks.
	Node *pg_query.Node
	// NodeBase is the file offset Node's locations count from; a location
	// loc is at file offset NodeBase+loc, statement offset
	// NodeBase+loc-Offset.
	NodeBase int
	// Meta is the psql meta-command's name without the backslash
	// ("connect", "restrict", ...) when the line is one, "." for the data
	// block following COPY ... FROM stdin (up to its \. line); empty
	// otherwise.
	Meta string
	// Objects lists what the statement defines or alters, most important
	// first; empty when it touches no named object (SET, SELECT, ...).
	Objects []Object
}

// Type returns the parse-tree node type of the statement, such as
// "CreateStmt", "IndexStmt" or "InsertStmt"; "Meta" for a psql
// meta-command.
func (s *Statement) Type() string {
	if s.Node == nil {
		return "Meta"
	}
	return NodeType(s.Node)
}

// Split splits text, the content of the file called name, into statements
// and parses each one. A text PostgreSQL cannot parse gives Errors listing
// every statement that failed, each as name:line:col and the parser's
// message.
func Split(name, text string) (*File, error) {
	return split(name, text, true)
}

// split is Split, parsing large texts in concurrent chunks when chunked.
func split(name, text string, chunked bool) (*File, error) {
	f := &File{Name: name, Text: text, lines: newLineIndex(text)}
	parseText, metas, err := f.blankMetaCommands()
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(parseText, "\ufeff") {
		parseText = "   " + parseText[3:] // a byte order mark, as some editors write
	}
	f.parsed = parseText
	var chunks []chunk
	if chunked {
		chunks, err = parseChunks(parseText)
	}
	if !chunked || err != nil {
		tree, err := pg_query.Parse(parseText)
		if err != nil {
			return nil, f.collectSyntaxErrors(parseText, err)
		}
		chunks = []chunk{{start: 0, end: len(parseText), tree: tree}}
	}
	f.Statements = make([]Statement, 0, len(metas)+len(chunks)*len(chunks[0].tree.Stmts))
	for _, c := range chunks {
		for _, raw := range c.tree.Stmts {
			start := c.start + int(raw.StmtLocation)
			end := c.end
			if raw.StmtLen > 0 {
				end = start + int(raw.StmtLen)
			}
			st := f.newStatement(start, end, c.start, raw.Stmt)
			for len(metas) > 0 && metas[0].Offset < st.Offset {
				f.Statements = append(f.Statements, metas[0])
				metas = metas[1:]
			}
			f.Statements = append(f.Statements, st)
		}
	}
	f.Statements = append(f.Statements, metas...)
	return f, nil
}

// newStatement describes the statement parsed from text[start:end]; base
// is the offset its parse tree's locations are relative to.
func (f *File) newStatement(start, end, base int, node *pg_query.Node) Statement {
	start = skipSpaceAndComments(f.parsed, start, end)
	st := Statement{
		Text:     strings.TrimRight(f.Text[start:end], " \t\r\n\f"),
		Offset:   start,
		Node:     node,
		NodeBase: base,
	}
	st.Line, st.Column = f.Position(start)
	st.Objects = f.objectsOf(&st, base)
	return st
}

// collectSyntaxErrors reparses every statement of text on its own so that
// all syntax errors are reported at once, not only the first.
func (f *File) collectSyntaxErrors(text string, first error) error {
	spans, err := scanStatements(text)
	if err != nil {
		return Errors{f.parseError(0, text, first)}
	}
	var errs Errors
	for _, sp := range spans {
		if _, err := pg_query.Parse(text[sp.start:sp.end]); err != nil {
			errs = append(errs, f.parseError(sp.start, text[sp.start:sp.end], err))
		}
	}
	if len(errs) == 0 {
		return Errors{f.parseError(0, text, first)}
	}
	return errs
}

// parseError locates a pg_query error raised while parsing the text that
// starts at byte offset base of the file.
func (f *File) parseError(base int, text string, err error) *Error {
	e := &Error{File: f.Name, Message: err.Error()}
	var pe *parser.Error
	pos := 0
	if errors.As(err, &pe) {
		pos = pe.Cursorpos
	}
	off := base + skipSpaceAndComments(text, 0, len(text))
	if pos > 0 {
		off = base + byteOffset(text, pos-1)
	}
	e.Line, e.Column = f.Position(off)
	return e
}

// skipSpaceAndComments returns the offset of the first byte of text[from:to]
// that is neither white space nor inside a comment.
func skipSpaceAndComments(text string, from, to int) int {
	i := from
	for i < to {
		switch {
		case strings.IndexByte(" \t\r\n\f\v", text[i]) >= 0:
			i++
		case strings.HasPrefix(text[i:to], "--"):
			nl := strings.IndexByte(text[i:to], '\n')
			if nl < 0 {
				return to
			}
			i += nl + 1
		case strings.HasPrefix(text[i:to], "/*"):
			i = skipBlockComment(text, i, to)
		default:
			return i
		}
	}
	return i
}

// skipBlockComment returns the offset just after the (possibly nested)
// block comment that starts at text[i].
func skipBlockComment(text string, i, to int) int {
	depth := 0
	for i < to {
		switch {
		case strings.HasPrefix(text[i:to], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(text[i:to], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return to
}
