package sqlsplit

import (
	"fmt"
	"strings"
)

// Error is a problem found at a position in a SQL file.
type Error struct {
	File    string // file name as given to Split
	Line    int    // 1-based line
	Column  int    // 1-based column, in characters; 0 when unknown
	Message string // PostgreSQL's parser message or a description
}

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
}

// Errors is a list of problems reported together, one per line.
type Errors []*Error

// Error lists every problem, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}
