package model

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one statement of the model that could not be loaded.
type Problem struct {
	File     string // path of the model file
	Line     int    // 1-based line
	Column   int    // 1-based column; 0 when unknown
	Message  string // PostgreSQL's (or pgfleet's) message, with hint
	SQLState string // PostgreSQL's error code, empty for pgfleet's checks
}

// String formats the problem as file:line:col: message.
func (p Problem) String() string {
	if p.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
}

// LoadError lists every statement of the model that could not be loaded.
type LoadError struct {
	// Stage says what found the problems: "parsing" (syntax errors; nothing
	// was applied), "checking" (only statements that do not belong in a
	// model) or "applying" (statements PostgreSQL rejected, listed with
	// any that do not belong in a model).
	Stage    string
	Problems []Problem
}

// Error lists every problem, one per line, after a summary line.
func (e *LoadError) Error() string {
	var b strings.Builder
	noun := "statement"
	if len(e.Problems) != 1 {
		noun = "statements"
	}
	fmt.Fprintf(&b, "loading schema model: %s: %d %s failed; fix them in the model and run again:",
		e.Stage, len(e.Problems), noun)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// sortProblems orders problems by file, line and column.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}
