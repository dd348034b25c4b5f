package placeholder

import (
	"strings"
	"testing"
)

func TestReplace(t *testing.T) {
	t.Parallel()
	builtins := map[string]string{"environment": "prod-clientA", "defaultSchema": "app"}
	user := map[string]string{"FeatureA": "true", "empty": ""}
	tests := []struct {
		name, syntaxPrefix, syntaxSuffix, sep, text, want, err string
	}{
		{name: "user case-insensitive", text: "x=${featurea} ${FEATUREA}", want: "x=true true"},
		{name: "builtin", text: "SET search_path=${flyway:defaultSchema}; -- ${flyway:environment}", want: "SET search_path=app; -- prod-clientA"},
		{name: "builtin upper case", text: "${FLYWAY:ENVIRONMENT}", want: "prod-clientA"},
		{name: "filename", text: "${flyway:filename}", want: "V1__a.sql"},
		{name: "empty value", text: "[${empty}]", want: "[]"},
		{name: "unterminated left alone", text: "a ${featureA", want: "a ${featureA"},
		{name: "custom syntax", syntaxPrefix: "#[", syntaxSuffix: "]", sep: "/", text: "#[flyway/environment] #[featureA] ${featureA}", want: "prod-clientA true ${featureA}"},
		{name: "missing user", text: "a\nb ${nope}", err: "dir/V1__a.sql:2: no value provided for placeholder ${nope}"},
		{name: "missing builtin", text: "${flyway:nope}", err: "no value for built-in placeholder ${flyway:nope}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Syntax{tt.syntaxPrefix, tt.syntaxSuffix, tt.sep}, user, builtins)
			got, err := r.Replace(tt.text, "dir/V1__a.sql")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Replace = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
