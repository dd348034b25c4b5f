package config

import (
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/exitcode"
)

func TestParseOverride(t *testing.T) {
	tests := []struct {
		arg     string
		ns      []string
		wantEnv string
		wantKey string
	}{
		{"check.failOnDrift", nil, "", "flyway.check.failOnDrift"},
		{"flyway.check.failOnDrift", nil, "", "flyway.check.failOnDrift"},
		{"failOnDrift", nil, "", "flyway.check.failOnDrift"},
		{"FAILONDRIFT", nil, "", "flyway.check.failOnDrift"},
		{"locations", nil, "", "flyway.locations"},
		{"environment", nil, "", "flyway.environment"},
		{"historyLimit", nil, "", "flyway.snapshot.historyLimit"},
		{"scriptFilename", []string{"prepare"}, "", "flyway.prepare.scriptFilename"},
		{"scriptFilename", []string{"deploy"}, "", "flyway.deploy.scriptFilename"},
		{"target", []string{"prepare"}, "", "flyway.prepare.target"},
		{"target", nil, "", "flyway.target"},
		{"source", []string{"snapshot"}, "", "flyway.snapshot.source"},
		{"url", nil, "default", "url"},
		{"user", nil, "default", "user"},
		{"password", nil, "default", "password"},
		{"schemas", nil, "default", "schemas"},
		{"flyway.schemas", nil, "", "flyway.schemas"},
		{"environments.prod.url", nil, "prod", "url"},
		{"environments.eu-west-1.password", nil, "eu-west-1", "password"},
		{"environments.prod.jdbcProperties.sslmode", nil, "prod", "jdbcProperties.sslmode"},
		{"environments.prod.flyway.locations", nil, "prod", "flyway.locations"},
		{"environments.prod.flyway.check.failOnDrift", nil, "prod", "flyway.check.failOnDrift"},
		{"environments.prod.flyway.placeholders.region", nil, "prod", "flyway.placeholders.region"},
		{"placeholders.Region", nil, "", "flyway.placeholders.Region"},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			value := "x"
			if k, _ := lookupFlyway(tt.wantKey); k != nil && k.Type == "bool" {
				value = "true"
			}
			if k, _ := lookupFlyway(tt.wantKey); k != nil && k.Type == "int" {
				value = "3"
			}
			o, err := ParseOverride(tt.arg, value, tt.ns)
			if err != nil {
				t.Fatal(err)
			}
			if o.Env != tt.wantEnv || o.Key != tt.wantKey {
				t.Errorf("got env %q key %q, want env %q key %q", o.Env, o.Key, tt.wantEnv, tt.wantKey)
			}
		})
	}
}

func TestParseOverrideErrors(t *testing.T) {
	tests := []struct {
		arg, value string
		ns         []string
		want       []string
	}{
		{"failOnDrfit", "true", nil, []string{"unknown key -failOnDrfit", "did you mean -check.failOnDrift?"}},
		{"chek.failOnDrift", "true", nil, []string{"did you mean -check.failOnDrift?"}},
		{"locatoins", "x", nil, []string{"did you mean -locations?"}},
		{"zzzzzzzzzz", "x", nil, []string{"unknown key -zzzzzzzzzz", "pgfleet help keys"}},
		{"scriptFilename", "x", nil, []string{"ambiguous key -scriptFilename", "-check.scriptFilename", "-deploy.scriptFilename", "-prepare.scriptFilename"}},
		{"source", "x", nil, []string{"ambiguous key -source", "-prepare.source", "-snapshot.source"}},
		{"failOnDrift", "yes", nil, []string{"-failOnDrift", `expected true or false, got "yes"`}},
		{"historyLimit", "many", nil, []string{"expected an integer"}},
		{"environments.prod", "x", nil, []string{"incomplete key -environments.prod"}},
		{"environments.prod.pasword", "x", nil, []string{"did you mean -environments.prod.password?"}},
		{"environments.prod.flyway.environment", "x", nil, []string{"cannot be set per environment"}},
		{"environments.prod.flyway.nope", "x", nil, []string{"unknown key -environments.prod.flyway.nope"}},
		{"placeholders", "x", nil, []string{"-placeholders.NAME=VALUE"}},
		{"placeholders.", "x", nil, []string{"-placeholders.NAME=VALUE"}},
		{"jdbcProperties", "x", nil, []string{"unknown key -jdbcProperties"}},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			_, err := ParseOverride(tt.arg, tt.value, tt.ns)
			if err == nil {
				t.Fatal("ParseOverride succeeded, want an error")
			}
			if exitcode.Of(err) != exitcode.Usage {
				t.Errorf("exit code %d, want 2", exitcode.Of(err))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestKeyTable(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Keys() {
		if seen[k.Name] {
			t.Errorf("duplicate key %s", k.Name)
		}
		seen[k.Name] = true
		if k.Help == "" {
			t.Errorf("key %s has no help", k.Name)
		}
		if k.Default != "" && k.Namespace != "" {
			if _, err := convert(&k, k.Default); err != nil {
				t.Errorf("key %s: bad default: %v", k.Name, err)
			}
		}
	}
	for _, name := range []string{"flyway.check.failOnDrift", "flyway.prepare.scriptFilename", "flyway.deploy.saveSnapshot",
		"flyway.snapshot.historyTable", "environments.NAME.url", "flyway.placeholders.NAME", "databaseType"} {
		if !seen[name] {
			t.Errorf("missing key %s", name)
		}
	}
	k := flywayKeys["flyway.check.failOnDrift"]
	if k.Short() != "failOnDrift" || k.CLI != "check.failOnDrift" || k.Type != "bool" || k.Default != "false" {
		t.Errorf("failOnDrift key: %+v", k)
	}
	if !envKeys["password"].Secret || envKeys["user"].Secret {
		t.Error("password must be secret, user must not")
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "ABC", 0}, {"failOnDrfit", "failOnDrift", 1},
		{"url", "uri", 1}, {"kitten", "sitting", 3}, {"", "abc", 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
