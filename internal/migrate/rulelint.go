package migrate

import (
	"fmt"
	"slices"
	"strings"
)

// RuleWarning is a finding about a Deploy Rule, for check -code.
type RuleWarning struct {
	// File and Line locate shouldExecute in the .sql.conf file.
	File string `json:"file"`
	Line int    `json:"line"`
	// Code is MIXED_AND_OR, UNDEFINED_ENVIRONMENT, BARE_WORD_PLACEHOLDER or
	// TOLERATED_TYPO.
	Code    string `json:"code"`
	Message string `json:"message"`
}

// RuleWarnings discovers the migrations and reports, for every Deploy Rule:
// && and || mixed without parentheses (older Flyway read a||b&&c as
// (a||b)&&c; pgfleet reads a||(b&&c)); environments named in the rule that
// are not in environments (the script would silently never run there, or
// run where it should not); bare words that name a placeholder of
// placeholders (featureA==true compares the literal text "featureA"); and
// the typos that were tolerated.
func RuleWarnings(opts Options, environments []string) ([]RuleWarning, error) {
	disc, err := Discover(opts)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(opts.Placeholders))
	for k := range opts.Placeholders {
		names = append(names, k)
	}
	slices.Sort(names)
	var out []RuleWarning
	for _, m := range append(append([]*Migration{}, disc.Migrations...), disc.Undos...) {
		if m.Rule != nil {
			out = append(out, ruleWarnings(m, environments, names)...)
		}
	}
	return out, nil
}

func ruleWarnings(m *Migration, environments, placeholders []string) []RuleWarning {
	r := m.Rule
	w := func(code, format string, args ...any) RuleWarning {
		return RuleWarning{File: m.Config.File, Line: m.Config.ShouldExecuteLine, Code: code,
			Message: fmt.Sprintf("shouldExecute %q: ", r.Source) + fmt.Sprintf(format, args...)}
	}
	var out []RuleWarning
	if r.MixesAndOr() {
		out = append(out, w("MIXED_AND_OR", "mixes && and || without parentheses; pgfleet binds && tighter, "+
			"Flyway's open-source evaluator bound || tighter: add parentheses to say which you mean"))
	}
	if undefined := r.UndefinedEnvironments(environments); len(undefined) > 0 {
		out = append(out, w("UNDEFINED_ENVIRONMENT", "names environment(s) %s not defined in the configuration (defined: %s); "+
			"the script never runs there, or runs where it should not", strings.Join(undefined, ", "), strings.Join(environments, ", ")))
	}
	for _, b := range r.BareWordsNamingPlaceholders(placeholders) {
		out = append(out, w("BARE_WORD_PLACEHOLDER", "%s is compared as the literal text %q; write ${%s} for the placeholder's value", b, b, b))
	}
	for _, n := range r.Notes {
		out = append(out, w("TOLERATED_TYPO", "%s", n))
	}
	return out
}
