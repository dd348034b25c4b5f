package codereview

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// ruleFile is the TOML shape of a regex rule file, current and legacy keys.
type ruleFile struct {
	Code             string   `toml:"code"`
	Dialects         []string `toml:"dialects"`
	Rules            []string `toml:"rules"`
	Description      string   `toml:"description"`
	Severity         string   `toml:"severity"`
	Help             string   `toml:"help"`
	PassOnRegexMatch any      `toml:"passOnRegexMatch"`
}

// LoadRuleDir reads every *.toml rule file directly inside dir (no
// subfolders, as Flyway's rulesLocation). It returns the rules in file-name
// order and the deprecation warnings met (legacy passOnRegexMatch files).
func LoadRuleDir(dir string) ([]*RegexRule, []string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading rulesLocation %s: %w (set check.rulesLocation to a folder of rule files)", dir, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var rules []*RegexRule
	var warnings []string
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".toml") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, fmt.Errorf("reading rule file: %w", err))
			continue
		}
		r, warn, err := ParseRuleFile(path, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rules = append(rules, r)
		warnings = append(warnings, warn...)
	}
	return rules, warnings, errors.Join(errs...)
}

// ParseRuleFile parses one rule file called path (A__B.toml, where A is the
// default code and B the default description). The legacy form with
// passOnRegexMatch is read too and yields a deprecation warning.
func ParseRuleFile(path string, data []byte) (*RegexRule, []string, error) {
	var f ruleFile
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("%s: %w (a rule file holds code, dialects, rules, description and severity)", path, describeTOMLError(err))
	}
	code, desc := namesFromFile(path)
	r := &RegexRule{RuleInfo: RuleInfo{Code: or(f.Code, code), Description: or(f.Description, desc),
		Help: f.Help, Engine: EngineRegex, Source: path}, Dialects: f.Dialects}
	if len(f.Rules) == 0 {
		return nil, nil, fmt.Errorf("%s: no patterns: add rules = [\"...\"] with at least one regular expression", path)
	}
	var err error
	if r.Patterns, err = compilePatterns(path, f.Rules); err != nil {
		return nil, nil, err
	}
	warnings, err := r.setSeverity(path, f)
	if err != nil {
		return nil, nil, err
	}
	return r, warnings, nil
}

// setSeverity reads severity, or the legacy passOnRegexMatch.
func (r *RegexRule) setSeverity(path string, f ruleFile) ([]string, error) {
	switch strings.ToLower(f.Severity) {
	case "", "error":
		r.Severity = SeverityError
	case "warning", "warn":
		r.Severity = SeverityWarning
	case "disabled":
		r.Severity = SeverityDisabled
	default:
		return nil, fmt.Errorf("%s: severity %q is not one of error, warning, disabled", path, f.Severity)
	}
	if f.PassOnRegexMatch == nil {
		return nil, nil
	}
	pass, err := legacyBool(f.PassOnRegexMatch)
	if err != nil {
		return nil, fmt.Errorf("%s: passOnRegexMatch: %w", path, err)
	}
	r.PassOnMatch = pass
	w := fmt.Sprintf("%s: passOnRegexMatch is deprecated (Flyway 11.10.4, removed in 12.0.0); "+
		"remove it and set severity = \"error\" or \"warning\"", path)
	if pass {
		w += "; this rule is violated by files in which no pattern matches, which the current format cannot express"
	}
	return []string{w}, nil
}

// legacyBool reads passOnRegexMatch written as a boolean or a string.
func legacyBool(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, fmt.Errorf("%v is neither true nor false", v)
}

// namesFromFile returns the default code and description of a rule file
// named A__B.toml.
func namesFromFile(path string) (code, desc string) {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	code, desc, ok := strings.Cut(base, "__")
	if !ok {
		return base, base
	}
	return code, strings.ReplaceAll(desc, "_", " ")
}

// describeTOMLError adds the line and column of a TOML decoding error.
func describeTOMLError(err error) error {
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) {
		var keys []string
		for _, e := range sm.Errors {
			row, col := e.Position()
			keys = append(keys, fmt.Sprintf("%s (line %d, column %d)", strings.Join(e.Key(), "."), row, col))
		}
		return fmt.Errorf("unknown key %s", strings.Join(keys, ", "))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return fmt.Errorf("line %d, column %d: %w", row, col, err)
	}
	return err
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
