package migrate

import (
	"strings"
)

// statement is one SQL statement of a script and the line it starts on.
type statement struct {
	sql  string
	line int // 1-based line of the statement's first character in the script
}

// splitStatements splits a PostgreSQL script at top-level semicolons,
// respecting quoted strings and identifiers, E'...' escapes, dollar quoting,
// line and nested block comments, and BEGIN ATOMIC ... END function bodies.
// Statements that are only whitespace and comments are dropped.
func splitStatements(script string) []statement {
	var out []statement
	start, atomic := 0, 0
	for i := 0; i < len(script); {
		next := skipToken(script, i)
		switch c := script[i]; {
		case isIdentChar(c) && c != '$' && (i == 0 || !isIdentChar(script[i-1])):
			next = wordEnd(script, i)
			atomic = atomicDepth(atomic, script, i, next)
		case c == ';' && atomic == 0:
			out = appendStatement(out, script, start, i+1)
			start = i + 1
		}
		i = next
	}
	return appendStatement(out, script, start, len(script))
}

// skipToken returns the index after the quoted text, comment or dollar
// quoted string starting at i, or i+1.
func skipToken(script string, i int) int {
	switch c := script[i]; {
	case c == '\'':
		escapes := i > 0 && (script[i-1] == 'E' || script[i-1] == 'e') && (i < 2 || !isIdentChar(script[i-2]))
		return skipQuoted(script, i, '\'', escapes)
	case c == '"':
		return skipQuoted(script, i, '"', false)
	case c == '-' && strings.HasPrefix(script[i:], "--"):
		return skipTo(script, i, "\n")
	case c == '/' && strings.HasPrefix(script[i:], "/*"):
		return skipBlockComment(script, i)
	case c == '$' && (i == 0 || !isIdentChar(script[i-1])):
		if tag, ok := dollarTag(script[i:]); ok {
			return skipTo(script, i+len(tag)-1, tag)
		}
	}
	return i + 1
}

func wordEnd(s string, i int) int {
	for i < len(s) && isIdentChar(s[i]) && s[i] != '$' {
		i++
	}
	return i
}

// atomicDepth tracks BEGIN ATOMIC bodies: BEGIN ATOMIC opens one, and inside
// it BEGIN and CASE open and END closes a level.
func atomicDepth(depth int, s string, from, to int) int {
	word := strings.ToUpper(s[from:to])
	switch {
	case depth == 0 && word == "BEGIN":
		rest := strings.TrimLeft(s[to:], " \t\r\n")
		if len(rest) >= 6 && strings.EqualFold(rest[:6], "ATOMIC") && (len(rest) == 6 || !isIdentChar(rest[6])) {
			return 1
		}
	case depth > 0 && (word == "BEGIN" || word == "CASE"):
		return depth + 1
	case depth > 0 && word == "END":
		return depth - 1
	}
	return depth
}

// appendStatement adds script[from:to] unless it holds nothing but
// whitespace and comments; its line is that of its first non-blank
// character.
func appendStatement(out []statement, script string, from, to int) []statement {
	s := script[from:to]
	if onlyComments(s) {
		return out
	}
	trimmed := strings.TrimLeft(s, " \t\r\n")
	at := to - len(trimmed)
	return append(out, statement{sql: trimmed, line: 1 + strings.Count(script[:at], "\n")})
}

func onlyComments(s string) bool {
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "--"):
			i = skipTo(s, i, "\n")
		case strings.HasPrefix(s[i:], "/*"):
			i = skipBlockComment(s, i)
		case strings.ContainsRune(" \t\r\n;", rune(s[i])):
			i++
		default:
			return false
		}
	}
	return true
}

func isIdentChar(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipQuoted returns the index after the quoted text starting at i; a doubled
// quote is an escaped quote, and with escapes a backslash escapes too.
func skipQuoted(s string, i int, q byte, escapes bool) int {
	for j := i + 1; j < len(s); j++ {
		switch {
		case escapes && s[j] == '\\':
			j++
		case s[j] == q && j+1 < len(s) && s[j+1] == q:
			j++
		case s[j] == q:
			return j + 1
		}
	}
	return len(s)
}

// skipTo returns the index after the first end found at or after i+1.
func skipTo(s string, i int, end string) int {
	if k := strings.Index(s[i+1:], end); k >= 0 {
		return i + 1 + k + len(end)
	}
	return len(s)
}

func skipBlockComment(s string, i int) int {
	depth := 0
	for j := i; j < len(s)-1; j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(s)
}

// dollarTag returns the $tag$ at the start of s.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		switch {
		case s[j] == '$':
			return s[:j+1], true
		case !isIdentChar(s[j]) || s[j] >= '0' && s[j] <= '9' && j == 1:
			return "", false
		}
	}
	return "", false
}
