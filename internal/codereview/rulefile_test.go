package codereview

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTranslateJavaRegex checks the Java-to-RE2 translation of the forms
// Flyway's rules use, and the errors for what RE2 cannot express.
func TestTranslateJavaRegex(t *testing.T) {
	cases := []struct {
		java, want, err string
	}{
		{`(?i)DROP\s+TABLE`, `(?i)DROP\s+TABLE`, ""},
		{`(?i)(?<=^|\s)DROP\s+TABLE(?=$|\s|;)`, `(?i)(?:^|\s)(?P<pgfleet_core>DROP\s+TABLE)(?:$|\s|;)`, ""},
		{`(?i)(^|\s)TO\s+DO($|\s|;)`, `(?i)(^|\s)TO\s+DO($|\s|;)`, ""},
		{`\Qa.b(c)\E+`, `a\.b\(c\)+`, ""},
		{`(?iu)x\h`, `(?i)x[\t \x{A0}\x{1680}\x{180e}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}]`, ""},
		{`[(?=]x(?=;)`, `(?P<pgfleet_core>[(?=]x)(?:;)`, ""},
		{`a\(?=b`, `a\(?=b`, ""},
		{`DROP(?!\s+VIEW)`, "", "lookaround"},
		{`(?<!--)DROP`, "", "lookaround"},
		{`(?<=\s)DROP|TRUNCATE(?=x)y`, "", "lookaround"},
		{`(?>a+)b`, "", "atomic group"},
		{`a++b`, "", "possessive"},
		{`(a)\1`, "", "backreference"},
		{`[a-z&&[^x]]`, "", "intersection"},
	}
	for _, c := range cases {
		got, err := TranslateJavaRegex(c.java)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("TranslateJavaRegex(%q) error = %v, want one about %q", c.java, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("TranslateJavaRegex(%q): %v", c.java, err)
		case c.err == "" && got != c.want:
			t.Errorf("TranslateJavaRegex(%q) = %q, want %q", c.java, got, c.want)
		}
		if c.err == "" {
			if _, err := regexp.Compile(got); err != nil {
				t.Errorf("translation of %q does not compile: %v", c.java, err)
			}
		}
	}
}

// TestLoadRuleDir reads a rulesLocation folder: current and legacy rule
// files, overrides of built-in rules, and the errors a user can make.
func TestLoadRuleDir(t *testing.T) {
	cases := []struct {
		name    string
		files   map[string]string
		sql     string
		want    string // active violations
		warn    string // substring of a warning
		wantErr string // substrings of the error, |-separated
	}{
		{name: "current format, code and description from the file name",
			files: map[string]string{"RX100__No_select_star.toml": "dialects = [\"postgres\"]\nrules = ['(?i)(?<=^|\\s)SELECT\\s+(?<at>\\*)']\nseverity = \"warning\"\n"},
			sql:   "SELECT * FROM t;\nSELECT '*' FROM t;", want: "RX100@1:8"},
		{name: "dialect of another database is skipped",
			files: map[string]string{"X1__x.toml": "dialects = [\"tsql\"]\nrules = ['SELECT']\n"},
			sql:   "SELECT 1;", want: ""},
		{name: "legacy passOnRegexMatch = false reads as a match is a violation",
			files: map[string]string{"todo.toml": "dialects = [\"TEXT\"]\nrules = [\"(?i)(^|\\\\s)FIXME($|\\\\s|;)\"]\npassOnRegexMatch = false\ndescription = \"FIXME remains in the code\"\n"},
			sql:   "SELECT fixme FROM t;", want: "todo@1:7", warn: "passOnRegexMatch is deprecated"},
		{name: "legacy passOnRegexMatch = true: a file without a match violates",
			files: map[string]string{"L1__needs_header.toml": "rules = ['(?i)SET\\s+search_path']\npassOnRegexMatch = \"true\"\n"},
			sql:   "SELECT 1;", want: "L1@1:1", warn: "no pattern matches"},
		{name: "a rule file disables a built-in rule",
			files: map[string]string{"RX001__DropTables.toml": "rules = ['DROP\\s+TABLE']\nseverity = \"disabled\"\n"},
			sql:   "DROP TABLE t;", want: ""},
		{name: "untranslatable pattern names file and pattern",
			files:   map[string]string{"B1__bad.toml": "rules = ['DROP(?!\\s+VIEW)']\n"},
			wantErr: "B1__bad.toml|DROP(?!\\s+VIEW)|lookaround"},
		{name: "invalid RE2 pattern names file and pattern",
			files:   map[string]string{"B2__bad.toml": "rules = ['a[']\n"},
			wantErr: "B2__bad.toml|a[|missing closing ]"},
		{name: "unknown severity",
			files:   map[string]string{"B3__bad.toml": "rules = ['x']\nseverity = \"fatal\"\n"},
			wantErr: "B3__bad.toml|severity \"fatal\""},
		{name: "unknown key",
			files:   map[string]string{"B4__bad.toml": "rules = ['x']\nmajorRules = ['L1']\n"},
			wantErr: "B4__bad.toml|majorRules"},
		{name: "no patterns",
			files:   map[string]string{"B5__bad.toml": "code = 'B5'\n"},
			wantErr: "B5__bad.toml|no patterns"},
		{name: "TOML syntax error with position",
			files:   map[string]string{"B6__bad.toml": "rules = ['x'\n"},
			wantErr: "B6__bad.toml|line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r, err := New(Options{RulesLocation: dir, NoParser: true})
			if c.wantErr != "" {
				if err == nil {
					t.Fatalf("no error, want one with %q", c.wantErr)
				}
				for _, part := range strings.Split(c.wantErr, "|") {
					if !strings.Contains(err.Error(), part) {
						t.Errorf("error %q lacks %q", err, part)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.warn != "" && !strings.Contains(strings.Join(r.Warnings(), "\n"), c.warn) {
				t.Errorf("warnings %q lack %q", r.Warnings(), c.warn)
			}
			res, err := r.CheckText("r.sql", c.sql)
			if err != nil {
				t.Fatal(err)
			}
			if got := codesOf(res.Violations); got != c.want {
				t.Errorf("violations = %q, want %q", got, c.want)
			}
		})
	}
}

// TestLoadRuleDirMissing checks the error for a missing rulesLocation.
func TestLoadRuleDirMissing(t *testing.T) {
	_, err := New(Options{RulesLocation: filepath.Join(t.TempDir(), "nope")})
	if err == nil || !strings.Contains(err.Error(), "rulesLocation") {
		t.Errorf("error = %v, want one naming rulesLocation", err)
	}
}
