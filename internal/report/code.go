package report

import (
	"github.com/pgfleet/pgfleet/internal/codereview"
)

// NewCodeReview builds the code section from the reviewer's results and
// rules.
func NewCodeReview(results []codereview.Result, rules []codereview.RuleInfo) *CodeReview {
	cr := &CodeReview{Header: Header{Operation: OpCode, Warnings: []string{}}, Results: []CodeFile{}}
	for _, r := range results {
		f := CodeFile{Filepath: r.File, Violations: []CodeViolation{}}
		for _, v := range r.Violations {
			f.Violations = append(f.Violations, codeViolation(v))
		}
		for _, v := range r.Suppressed {
			f.Suppressed = append(f.Suppressed, codeViolation(v))
		}
		cr.Results = append(cr.Results, f)
	}
	for _, r := range rules {
		cr.Rules = append(cr.Rules, Rule{Code: r.Code, Description: r.Description, Help: r.Help,
			Severity: string(r.Severity), Engine: string(r.Engine)})
	}
	return cr
}

func codeViolation(v codereview.Violation) CodeViolation {
	return CodeViolation{LineNo: v.Line, LinePos: v.Column, LineNoEnd: v.EndLine, LinePosEnd: v.EndColumn,
		FilePos: v.Offset, FilePosEnd: v.EndOffset, Description: v.Message, Code: v.Code,
		Warning: v.Severity != codereview.SeverityError, Severity: string(v.Severity),
		Engine: string(v.Engine), Help: v.Help, Reason: v.Reason}
}

// Counts are the totals of a code review.
type Counts struct {
	Files, Errors, Warnings, Suppressed int
}

// Counts totals the violations of the code review.
func (c *CodeReview) Counts() Counts {
	n := Counts{Files: len(c.Results)}
	for _, f := range c.Results {
		for _, v := range f.Violations {
			if v.Warning {
				n.Warnings++
			} else {
				n.Errors++
			}
		}
		n.Suppressed += len(f.Suppressed)
	}
	return n
}
