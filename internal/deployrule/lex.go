package deployrule

import (
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/placeholder"
)

type tokenKind int

const (
	tokOperand tokenKind = iota
	tokLParen
	tokRParen
	tokAnd
	tokOr
	tokEq
	tokNe
)

// operator is an operator token's text and kind.
type operator struct {
	text string
	kind tokenKind
}

var operators = []operator{{"&&", tokAnd}, {"||", tokOr}, {"==", tokEq}, {"!=", tokNe}, {"(", tokLParen}, {")", tokRParen}}

// token is one lexical element; pos is its 1-based byte position in the
// expression.
type token struct {
	kind tokenKind
	text string // operand text, untrimmed
	pos  int
}

// lexer splits a raw (pre-replacement) shouldExecute expression into tokens,
// keeping placeholder references whole and tolerating the typos of Flyway's
// Deploy Rules page (see fixPlaceholder).
type lexer struct {
	src    string
	syntax placeholder.Syntax
	toks   []token
	notes  []string
	cur    strings.Builder
	start  int
}

func lex(src string, syntax placeholder.Syntax) ([]token, []string, error) {
	l := &lexer{src: src, syntax: syntax, start: -1}
	i := 0
	for i < len(src) {
		if strings.HasPrefix(src[i:], syntax.Prefix) {
			next, err := l.placeholder(i)
			if err != nil {
				return nil, nil, err
			}
			i = next
			continue
		}
		if op, ok := operatorAt(src, i); ok {
			l.flush()
			l.toks = append(l.toks, token{kind: op.kind, text: op.text, pos: i + 1})
			i += len(op.text)
			continue
		}
		l.add(src[i:i+1], i)
		i++
	}
	l.flush()
	return l.toks, l.notes, nil
}

func operatorAt(src string, i int) (operator, bool) {
	for _, op := range operators {
		if strings.HasPrefix(src[i:], op.text) {
			return op, true
		}
	}
	return operator{}, false
}

func (l *lexer) add(s string, pos int) {
	if l.start < 0 {
		l.start = pos
	}
	l.cur.WriteString(s)
}

func (l *lexer) flush() {
	if l.start >= 0 && strings.TrimSpace(l.cur.String()) != "" {
		l.toks = append(l.toks, token{kind: tokOperand, text: l.cur.String(), pos: l.start + 1})
	}
	l.cur.Reset()
	l.start = -1
}

// placeholder consumes the reference starting at i and returns the index
// after it.
func (l *lexer) placeholder(i int) (int, error) {
	s := l.syntax
	body := l.src[i+len(s.Prefix):]
	j := strings.Index(body, s.Suffix)
	if j < 0 {
		return 0, &SyntaxError{Pos: i + 1, Msg: fmt.Sprintf("placeholder %s... has no closing %q; write %sname%s",
			s.Prefix, s.Suffix, s.Prefix, s.Suffix)}
	}
	name := body[:j]
	end := i + len(s.Prefix) + j + len(s.Suffix)
	name, op, rest := l.fixPlaceholder(name)
	l.add(s.Prefix+name+s.Suffix, i)
	if op.text == "" {
		return end, nil
	}
	l.flush()
	l.toks = append(l.toks, token{kind: op.kind, text: op.text, pos: i + 1})
	if strings.TrimSpace(rest) != "" {
		l.toks = append(l.toks, token{kind: tokOperand, text: rest, pos: i + 1})
	}
	return end, nil
}

// fixPlaceholder tolerates the two typos of Flyway's Deploy Rules page, both
// unambiguous: ${flyway.environment} (a dot for the separator; only for the
// built-in names) and ${flyway:environment==dev} (the comparison written
// inside the braces). It returns the corrected name and, for the second, the
// operator and right operand that were inside the braces.
func (l *lexer) fixPlaceholder(name string) (string, operator, string) {
	s := l.syntax
	orig := name
	if lower := strings.ToLower(name); strings.HasPrefix(lower, "flyway.") && s.Separator != "." {
		for _, b := range placeholder.Builtin {
			if strings.HasPrefix(lower[len("flyway."):], strings.ToLower(b)) {
				name = "flyway" + s.Separator + name[len("flyway."):]
				l.notes = append(l.notes, fmt.Sprintf("read %s%s%s as %s%s%s", s.Prefix, orig, s.Suffix, s.Prefix, name, s.Suffix))
				break
			}
		}
	}
	for _, op := range operators[2:4] {
		if k := strings.Index(name, op.text); k >= 0 {
			left, right := name[:k], name[k+len(op.text):]
			l.notes = append(l.notes, fmt.Sprintf("read %s%s%s as %s%s%s%s%s", s.Prefix, orig, s.Suffix,
				s.Prefix, left, s.Suffix, op.text, right))
			return left, op, right
		}
	}
	return name, operator{}, ""
}
