package codereview

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/deployrule"
)

// DeployRule is a compiled shouldExecute rule to lint, with where it was
// written and what the project defines.
type DeployRule struct {
	Rule *deployrule.Rule
	// Line and Column locate the shouldExecute key in Rule.File (1-based);
	// 0 means the first line.
	Line, Column int
	// Placeholders are the names of the placeholders the project defines
	// (for DR003).
	Placeholders []string
}

// ReviewDeployRules lints Deploy Rules and returns their findings as
// warnings, one Result per script configuration file: DR001 for && and ||
// mixed without parentheses, DR002 for environment names not among
// environments, DR003 for bare words that name a placeholder, DR004 for
// the typos of Flyway's documentation that were tolerated. Pass a nil
// environments list to skip DR002 (when the configuration is not known).
func ReviewDeployRules(rules []DeployRule, environments []string) []Result {
	byFile := map[string]*Result{}
	var files []string
	for _, dr := range rules {
		if dr.Rule == nil {
			continue
		}
		res := byFile[dr.Rule.File]
		if res == nil {
			res = &Result{File: dr.Rule.File}
			byFile[dr.Rule.File] = res
			files = append(files, dr.Rule.File)
		}
		res.Violations = append(res.Violations, deployRuleFindings(dr, environments)...)
	}
	sort.Strings(files)
	out := make([]Result, 0, len(files))
	for _, f := range files {
		out = append(out, *byFile[f])
	}
	return out
}

// deployRuleFindings lints one rule.
func deployRuleFindings(dr DeployRule, environments []string) []Violation {
	var out []Violation
	add := func(code, msg string) {
		info := parserRuleInfo(code)
		line, col := max(dr.Line, 1), max(dr.Column, 1)
		out = append(out, Violation{File: dr.Rule.File, Line: line, Column: col, EndLine: line,
			EndColumn: col + len("shouldExecute"), Code: code, Severity: SeverityWarning,
			Description: info.Description, Message: msg, Help: info.Help, Engine: EngineParser})
	}
	if dr.Rule.MixesAndOr() {
		add("DR001", fmt.Sprintf("shouldExecute %q mixes && and || without parentheses; pgfleet reads && first", dr.Rule.Source))
	}
	if environments != nil {
		for _, env := range dr.Rule.UndefinedEnvironments(environments) {
			add("DR002", fmt.Sprintf("shouldExecute %q names environment %q, which is not defined (defined: %v)", dr.Rule.Source, env, environments))
		}
	}
	for _, w := range dr.Rule.BareWordsNamingPlaceholders(dr.Placeholders) {
		add("DR003", fmt.Sprintf("shouldExecute %q compares the bare word %s, not the placeholder ${%s}", dr.Rule.Source, w, w))
	}
	for _, n := range dr.Rule.Notes {
		add("DR004", fmt.Sprintf("shouldExecute %q: %s", dr.Rule.Source, n))
	}
	return out
}

// ShouldExecutePosition returns the 1-based line and column of the
// shouldExecute key in the text of a script configuration (.sql.conf)
// file, or 0, 0 when there is none: what DeployRule.Line and Column want.
func ShouldExecutePosition(conf string) (line, col int) {
	for i, l := range strings.Split(conf, "\n") {
		trimmed := strings.TrimLeft(l, " \t")
		key, _, ok := strings.Cut(trimmed, "=")
		if ok && strings.TrimSpace(key) == "shouldExecute" {
			return i + 1, len(l) - len(trimmed) + 1
		}
	}
	return 0, 0
}
