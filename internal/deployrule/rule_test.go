package deployrule

import (
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/placeholder"
)

func replacer(env string, user map[string]string) Replace {
	r := placeholder.New(placeholder.DefaultSyntax, user, map[string]string{"environment": env})
	return func(text string) (string, error) { return r.ReplaceAt(text, "V1__a.sql.conf", 3) }
}

func TestEvalDeployRulesPageExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, env string
		featureA       string
		want           bool
	}{
		{"false", "false", "dev", "true", false},
		{"true upper case", "TRUE", "dev", "true", true},
		{"env dev in dev", "${flyway:environment}==dev", "dev", "", true},
		{"env dev in test", "${flyway:environment}==dev", "test", "", false},
		{"dot typo", "${flyway.environment}==custom", "custom", "", true},
		{"or of envs", "(${flyway:environment}==dev||${flyway:environment}==custom)", "custom", "", true},
		{"or of envs prod", "(${flyway:environment}==dev||${flyway:environment}==custom)", "prod", "", false},
		{"braces typo", "(${flyway:environment==dev}||${flyway:environment}==custom)", "dev", "", true},
		{"braces typo other", "(${flyway:environment==dev}||${flyway:environment}==custom)", "test", "", false},
		{"feature on", "${flyway:environment}==dev&&${featureA}==true", "dev", "true", true},
		{"feature off", "${flyway:environment}==dev&&${featureA}==true", "dev", "false", false},
		{"not equal", "${flyway:environment}!=prod", "dev", "", true},
		{"case-sensitive", "${flyway:environment}==Dev", "dev", "", false},
		{"trimmed", "  ${flyway:environment}  ==  dev  ", "dev", "", true},
		{"and binds tighter", "${flyway:environment}==x||${flyway:environment}==dev&&${featureA}==true", "x", "false", true},
		{"lone placeholder", "${featureA}", "dev", "TRUE", true},
		{"multi-line continuation joined", "${flyway:environment}==dev ||  ${flyway:environment}==test", "test", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Compile("V1__a.sql.conf", tt.src, placeholder.Syntax{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Eval(replacer(tt.env, map[string]string{"featurea": tt.featureA}))
			if err != nil || got != tt.want {
				t.Fatalf("Eval = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestCompileErrorsNameFileExpressionAndPosition(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"(${flyway:environment==dev)&&featureA==true", `position 2: placeholder ${... has no closing "}"`},
		{"", "position 1: empty expression"},
		{"dev", `position 1: "dev" is neither true, false nor a comparison`},
		{"a==b==c", "position 5: a comparison cannot be chained"},
		{"(a==b", "position 1: ( is never closed"},
		{"a==b)", `position 5: unexpected ")"`},
		{"a==", "position 2: == has no right-hand operand"},
		{"a==b&&", "position 7: expression ends"},
		{"&&a==b", `position 1: unexpected "&&"`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Compile("migrations/V1__a.sql.conf", tt.src, placeholder.Syntax{})
			if err == nil {
				t.Fatal("no error")
			}
			prefix := `migrations/V1__a.sql.conf: shouldExecute "` + tt.src + `": `
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q, want prefix %q and %q", err, prefix, tt.want)
			}
		})
	}
}

func TestEvalErrors(t *testing.T) {
	t.Parallel()
	r, err := Compile("V1__a.sql.conf", "${featureA}", placeholder.Syntax{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Eval(replacer("dev", map[string]string{"featureA": "maybe"})); err == nil || !strings.Contains(err.Error(), `"maybe", neither true nor false`) {
		t.Errorf("bool operand error = %v", err)
	}
	r, _ = Compile("V1__a.sql.conf", "${missing}==x", placeholder.Syntax{})
	if _, err := r.Eval(replacer("dev", nil)); err == nil || !strings.Contains(err.Error(), "V1__a.sql.conf:3: no value provided for placeholder ${missing}") {
		t.Errorf("missing placeholder error = %v", err)
	}
}

func TestLint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src       string
		mixes     bool
		undefined string
		bare      string
		notes     int
	}{
		{src: "${flyway:environment}==dev", undefined: ""},
		{src: "a==b||c==d&&e==f", mixes: true},
		{src: "a==b||(c==d&&e==f)"},
		{src: "(a==b||c==d)&&e==f"},
		{src: "(${flyway:environment}==dev||${flyway:environment}==custom)", undefined: "custom"},
		{src: "dev==${flyway:environment}||Prod-ClientA==${flyway:environment}", undefined: "Prod-ClientA"},
		{src: "${flyway:environment}==dev&&featureA==true", bare: "featureA"},
		{src: "(${flyway:environment==dev}||${flyway.environment}==test)", notes: 2},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			r, err := Compile("x.sql.conf", tt.src, placeholder.Syntax{})
			if err != nil {
				t.Fatal(err)
			}
			if r.MixesAndOr() != tt.mixes {
				t.Errorf("MixesAndOr = %v", !tt.mixes)
			}
			if got := strings.Join(r.UndefinedEnvironments([]string{"dev", "test", "prod-clientA"}), ","); got != tt.undefined {
				t.Errorf("UndefinedEnvironments = %q, want %q", got, tt.undefined)
			}
			if got := strings.Join(r.BareWordsNamingPlaceholders([]string{"FEATUREA"}), ","); got != tt.bare {
				t.Errorf("BareWordsNamingPlaceholders = %q, want %q", got, tt.bare)
			}
			if len(r.Notes) != tt.notes {
				t.Errorf("Notes = %q", r.Notes)
			}
		})
	}
}

func BenchmarkEval(b *testing.B) {
	r, err := Compile("x.sql.conf", "(${flyway:environment}==dev||${flyway:environment}==test)&&${featureA}==true", placeholder.Syntax{})
	if err != nil {
		b.Fatal(err)
	}
	repl := placeholder.New(placeholder.DefaultSyntax, map[string]string{"featureA": "true"}, map[string]string{"environment": "test"})
	replace := func(text string) (string, error) { return repl.Replace(text, "x.sql.conf") }
	for b.Loop() {
		if ok, err := r.Eval(replace); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
