package codereview

import "fmt"

// Severity is how serious a violation is: Flyway's error, warning or
// disabled.
type Severity string

// Severities of rules and violations.
const (
	SeverityError    Severity = "error"
	SeverityWarning  Severity = "warning"
	SeverityDisabled Severity = "disabled"
)

// Engine names the rule engine that found a violation.
type Engine string

// Engines of the code review.
const (
	EngineRegex  Engine = "regex"
	EngineParser Engine = "parser"
)

// RuleInfo describes a rule: what reports and SARIF list as the rule's
// metadata.
type RuleInfo struct {
	Code        string   // stable identifier, such as RX001 or PG006
	Description string   // short title, such as "DROP TABLE statement"
	Help        string   // why it matters and the safe alternative
	Severity    Severity // default severity
	Engine      Engine
	Source      string // rule file the rule was read from; empty for built-ins
}

// Violation is one rule match in a file. Lines and columns are 1-based,
// columns in characters; the end position is exclusive (the character just
// after the offending text).
type Violation struct {
	File      string
	Line      int
	Column    int
	EndLine   int
	EndColumn int
	Offset    int // byte offset of the offending text in the file
	EndOffset int // byte offset just after it

	Code        string
	Severity    Severity
	Description string // the rule's short title
	Message     string // what was found, with names where known
	Help        string
	Engine      Engine

	Suppressed bool
	Reason     string // the reason given in the pgfleet:allow comment
}

// String formats the violation as file:line:col: severity code: message.
func (v Violation) String() string {
	return fmt.Sprintf("%s:%d:%d: %s %s: %s", v.File, v.Line, v.Column, v.Severity, v.Code, v.Message)
}

// Result is the outcome of reviewing one file.
type Result struct {
	File       string
	Violations []Violation // not suppressed, in text order
	Suppressed []Violation // suppressed by a pgfleet:allow comment, in text order
}

// Errors returns the number of unsuppressed error-severity violations.
func (r Result) Errors() int {
	n := 0
	for _, v := range r.Violations {
		if v.Severity == SeverityError {
			n++
		}
	}
	return n
}

// HasErrors reports whether any result holds an unsuppressed error-severity
// violation: what `-failOnError=true` fails on.
func HasErrors(results []Result) bool {
	for _, r := range results {
		if r.Errors() > 0 {
			return true
		}
	}
	return false
}
