package codereview

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// RegexRule is a rule in Flyway's rule-file format.
type RegexRule struct {
	RuleInfo
	Dialects []string
	Patterns []Pattern
	// PassOnMatch is the legacy passOnRegexMatch = true: the rule is
	// violated when no pattern matches anywhere in a file.
	PassOnMatch bool

	keywords []string // lower-case words every match contains; none for rule files
}

// Pattern is one of a rule's regular expressions.
type Pattern struct {
	Source string // as written in the rule (Java syntax)
	RE2    string // as translated for Go
	re     *regexp.Regexp
}

// compilePatterns translates and compiles the patterns of a rule read from
// file; an error names the file and the pattern.
func compilePatterns(file string, sources []string) ([]Pattern, error) {
	var out []Pattern
	for _, src := range sources {
		tr, err := TranslateJavaRegex(src)
		if err == nil {
			var re *regexp.Regexp
			if re, err = regexp.Compile(tr); err == nil {
				out = append(out, Pattern{Source: src, RE2: tr, re: re})
				continue
			}
		}
		return nil, fmt.Errorf("%s: compiling pattern '%s': %w", file, src, err)
	}
	return out, nil
}

// appliesTo reports whether the rule applies to dialect: TEXT means every
// database; no dialects at all is taken as TEXT.
func (r *RegexRule) appliesTo(dialect string) bool {
	if len(r.Dialects) == 0 {
		return true
	}
	return slices.ContainsFunc(r.Dialects, func(d string) bool {
		d = strings.ToLower(d)
		return d == "text" || d == dialect || d == "postgresql" && dialect == "postgres"
	})
}

// span returns the part of a match a violation points at: the group named
// "at" when the pattern has one and it matched, else the translated core,
// else the whole match.
func (p Pattern) span(m []int) (int, int) {
	for _, name := range []string{atGroup, coreGroup} {
		if i := p.re.SubexpIndex(name); i > 0 && m[2*i] >= 0 {
			return m[2*i], m[2*i+1]
		}
	}
	return m[0], m[1]
}

// check runs the rule on every statement span of src.
func (r *RegexRule) check(src *source, spans [][2]int) []Violation {
	if r.PassOnMatch {
		return r.checkAbsence(src)
	}
	var out []Violation
	for _, sp := range spans {
		if !r.mayMatch(src.lower[sp[0]:sp[1]]) {
			continue
		}
		text := src.masked[sp[0]:sp[1]]
		for _, p := range r.Patterns {
			for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
				start, end := p.span(m)
				if end == start {
					end = start + 1
				}
				out = append(out, src.violation(r.RuleInfo, sp[0]+start, min(sp[0]+end, len(src.text)), ""))
			}
		}
	}
	return out
}

// checkAbsence implements the legacy passOnRegexMatch = true: a file in
// which no pattern matches violates the rule, at its first line.
func (r *RegexRule) checkAbsence(src *source) []Violation {
	for _, p := range r.Patterns {
		if p.re.MatchString(src.masked) {
			return nil
		}
	}
	v := src.violation(r.RuleInfo, 0, 0, r.Description+" (no line matches the rule, which requires one)")
	return []Violation{v}
}

// mayMatch reports whether lower, a statement's masked text in ASCII lower
// case, contains every keyword of the rule.
func (r *RegexRule) mayMatch(lower string) bool {
	for _, k := range r.keywords {
		if !strings.Contains(lower, k) {
			return false
		}
	}
	return true
}
