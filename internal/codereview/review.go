package codereview

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/pgfleet/pgfleet/internal/placeholder"
	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// Options configures a Reviewer.
type Options struct {
	// RulesLocation is a folder of rule files (Flyway's check.rulesLocation);
	// empty for none. A rule file with the code of a built-in rule replaces
	// it (severity = "disabled" turns it off).
	RulesLocation string
	// Dialect selects the rule files that apply (their dialects list);
	// "postgres" when empty.
	Dialect string
	// NoBuiltins leaves out the built-in regex rules (Flyway's
	// regexEnabled=false leaves out all regex rules: pass no RulesLocation
	// and NoBuiltins).
	NoBuiltins bool
	// NoParser leaves out the parser rules.
	NoParser bool
	// Severity overrides the severity of rules by code, any engine;
	// SeverityDisabled turns a rule off.
	Severity map[string]Severity
	// Placeholders is the placeholder syntax of the scripts (Flyway's
	// placeholderPrefix and placeholderSuffix; ${name} when empty).
	// Placeholders are read as identifiers, so that scripts can be
	// reviewed without their values.
	Placeholders placeholder.Syntax
}

// Reviewer runs the code review rules on SQL files. It is safe for
// concurrent use once built.
type Reviewer struct {
	placeholders *regexp.Regexp
	regex        []*RegexRule
	parser       bool
	warnings     []string
	severity     map[string]Severity
}

// New builds a Reviewer: the built-in rules and those under
// opts.RulesLocation. An invalid rule file is an error naming the file (and
// the pattern, for a regular expression Go cannot run).
func New(opts Options) (*Reviewer, error) {
	r := &Reviewer{parser: !opts.NoParser, placeholders: placeholderPattern(opts.Placeholders),
		severity: map[string]Severity{}}
	for code, sev := range opts.Severity {
		switch sev {
		case SeverityError, SeverityWarning, SeverityDisabled:
			r.severity[strings.ToUpper(code)] = sev
		default:
			return nil, fmt.Errorf("code review severity for %s: %q is not one of error, warning, disabled", code, sev)
		}
	}
	dialect := strings.ToLower(or(opts.Dialect, "postgres"))
	var rules []*RegexRule
	if !opts.NoBuiltins {
		rules = BuiltinRegexRules()
	}
	if opts.RulesLocation != "" {
		loaded, warnings, err := LoadRuleDir(opts.RulesLocation)
		if err != nil {
			return nil, fmt.Errorf("loading code review rules: %w", err)
		}
		r.warnings = warnings
		rules = mergeRules(rules, loaded)
	}
	for _, rule := range rules {
		if rule.Severity != SeverityDisabled && rule.appliesTo(dialect) {
			r.regex = append(r.regex, rule)
		}
	}
	return r, nil
}

// mergeRules adds loaded to base; a loaded rule replaces the base rule with
// the same code.
func mergeRules(base, loaded []*RegexRule) []*RegexRule {
	out := base
	for _, l := range loaded {
		replaced := false
		for i, b := range out {
			if strings.EqualFold(b.Code, l.Code) && b.Source == "" {
				out[i], replaced = l, true
			}
		}
		if !replaced {
			out = append(out, l)
		}
	}
	return out
}

// Warnings returns the warnings met while loading rules, such as the
// deprecation of passOnRegexMatch.
func (r *Reviewer) Warnings() []string { return r.warnings }

// Rules returns the metadata of every active rule, regex rules first, with
// severities as overridden.
func (r *Reviewer) Rules() []RuleInfo {
	var all []RuleInfo
	for _, x := range r.regex {
		all = append(all, x.RuleInfo)
	}
	if r.parser {
		all = append(all, ParserRules()...)
	}
	var out []RuleInfo
	for _, info := range all {
		if sev, ok := r.severity[info.Code]; ok {
			info.Severity = sev
		}
		if info.Severity != SeverityDisabled {
			out = append(out, info)
		}
	}
	return out
}

// CheckFiles reviews each file in turn; paths are reported as given. It
// stops at the first file it cannot read, or when ctx is done.
func (r *Reviewer) CheckFiles(ctx context.Context, paths []string) ([]Result, error) {
	out := make([]Result, 0, len(paths))
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("reviewing code: %w", err)
		}
		res, err := r.CheckFile(p)
		if err != nil {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

// CheckFile reads and reviews one script.
func (r *Reviewer) CheckFile(path string) (Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Result{File: path}, fmt.Errorf("reading script for code review: %w", err)
	}
	return r.CheckText(path, string(data))
}

// CheckText reviews text, the content of the file called name (callers
// that replace placeholders pass the replaced text). A file PostgreSQL
// cannot parse gets its syntax errors as PG000 violations, and the regex
// rules still run over the whole file.
func (r *Reviewer) CheckText(name, text string) (Result, error) {
	parse := neutralize(text, r.placeholders)
	src, err := newSource(name, text, parse)
	var pe *parser.Error
	if errors.As(err, &pe) {
		return src.scanFailure(pe), nil
	}
	if err != nil {
		return Result{File: name}, err
	}
	var all []found
	file, err := sqlsplit.Split(name, parse)
	spans := [][2]int{}
	lines := []int{}
	var serr sqlsplit.Errors
	switch {
	case errors.As(err, &serr):
		all = append(all, syntaxFindings(src, serr)...)
		spans, lines = [][2]int{{0, len(text)}}, []int{0}
	case err != nil:
		return Result{File: name}, fmt.Errorf("splitting %s for code review: %w", name, err)
	default:
		for _, st := range file.Statements {
			if st.Node != nil {
				spans = append(spans, [2]int{st.Offset, st.Offset + len(st.Text)})
				lines = append(lines, st.Line)
			}
		}
		if r.parser {
			all = append(all, reviewParsed(src, file, r.regexInfo())...)
		}
	}
	all = append(all, r.regexFindings(src, spans, lines)...)
	return src.result(all, r.severity), nil
}

// regexInfo indexes the active regex rules by code.
func (r *Reviewer) regexInfo() map[string]RuleInfo {
	m := make(map[string]RuleInfo, len(r.regex))
	for _, x := range r.regex {
		m[x.Code] = x.RuleInfo
	}
	return m
}

// regexFindings runs the regex rules on each statement span.
func (r *Reviewer) regexFindings(src *source, spans [][2]int, lines []int) []found {
	var out []found
	for _, rule := range r.regex {
		for i, sp := range spans {
			for _, v := range rule.check(src, [][2]int{sp}) {
				line := lines[i]
				if line == 0 {
					line = v.Line
				}
				out = append(out, found{v: v, stmtLine: line})
			}
			if rule.PassOnMatch {
				break
			}
		}
	}
	return out
}

// syntaxFindings turns syntax errors into PG000 violations.
func syntaxFindings(src *source, errs sqlsplit.Errors) []found {
	info := parserRuleInfo("PG000")
	var out []found
	for _, e := range errs {
		off := src.offset(e.Line, e.Column)
		v := src.violation(info, off, src.tokenEnd(off), e.Message)
		out = append(out, found{v: v, stmtLine: e.Line})
	}
	return out
}

// result applies severity overrides and suppressions and sorts the
// violations in text order.
func (s *source) result(all []found, severity map[string]Severity) Result {
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].v.Offset != all[j].v.Offset {
			return all[i].v.Offset < all[j].v.Offset
		}
		return all[i].v.Code < all[j].v.Code
	})
	res := Result{File: s.name}
	for _, f := range all {
		if sev, ok := severity[f.v.Code]; ok {
			if sev == SeverityDisabled {
				continue
			}
			f.v.Severity = sev
		}
		if reason, ok := s.allowed(f.v.Code, f.stmtLine); ok {
			f.v.Suppressed, f.v.Reason = true, reason
			res.Suppressed = append(res.Suppressed, f.v)
			continue
		}
		res.Violations = append(res.Violations, f.v)
	}
	return res
}
