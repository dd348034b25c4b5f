package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestLocationDirs(t *testing.T) {
	tests := []struct {
		locations []string
		want      []string
		wantErr   string
	}{
		{[]string{"filesystem:/a", "filesystem:b"}, []string{"/a", "b"}, ""},
		{nil, []string{}, ""},
		{[]string{"filesystem:a", "classpath:db/migration"}, nil, `location "classpath:db/migration" is not supported`},
	}
	for _, tt := range tests {
		got, err := Settings{Locations: tt.locations}.LocationDirs()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("LocationDirs(%v) err = %v, want %q", tt.locations, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("LocationDirs(%v) = %v, %v; want %v", tt.locations, got, err, tt.want)
		}
	}
}

func TestLocationsResolvedAgainstWorkingDirectory(t *testing.T) {
	c := &Config{WorkingDirectory: "/project"}
	tests := map[string]string{
		"filesystem:sql":     "filesystem:/project/sql",
		"sql":                "filesystem:/project/sql",
		"filesystem:/abs":    "filesystem:/abs",
		"/abs":               "filesystem:/abs",
		"classpath:db/x":     "classpath:db/x",
		"s3:bucket/prefix":   "s3:bucket/prefix",
		"filesystem:../up/x": "filesystem:/up/x",
	}
	for in, want := range tests {
		if got := c.location(in); got != want {
			t.Errorf("location(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScriptFilenameFallbacks(t *testing.T) {
	var s Settings
	applyDefaults(&s, false)
	if s.DeployScriptFilename() != "deployments/D__deployment.sql" || s.CheckScriptFilename() != "deployments/D__deployment.sql" {
		t.Errorf("defaults: %q %q", s.DeployScriptFilename(), s.CheckScriptFilename())
	}
	s.Deploy.ScriptFilename, s.Check.ScriptFilename = "d.sql", "c.sql"
	if s.DeployScriptFilename() != "d.sql" || s.CheckScriptFilename() != "c.sql" {
		t.Errorf("explicit: %q %q", s.DeployScriptFilename(), s.CheckScriptFilename())
	}
}

func TestDefaults(t *testing.T) {
	var s Settings
	applyDefaults(&s, false)
	if s.Table != "flyway_schema_history" || s.Snapshot.HistoryLimit != 5 || !s.PlaceholderReplacement ||
		s.SchemaModelLocation != "schema-model" || !reflect.DeepEqual(s.Prepare.Types, []string{"deploy"}) ||
		s.Check.DeployedSnapshot != "snapshotHistory:current" || s.Environment != "default" {
		t.Errorf("unexpected defaults %+v", s)
	}
	var e EnvironmentSettings
	applyDefaults(&e, true)
	if e.ConnectRetriesInterval != 120 || e.ConnectRetries != 0 {
		t.Errorf("unexpected environment defaults %+v", e)
	}
}

func TestIsSet(t *testing.T) {
	dir := writeFiles(t, map[string]string{"flyway.toml": `
[flyway]
table = "h"
[environments.prod]
url = "postgres://h/db"
[environments.prod.flyway.check]
buildEnvironment = "build"
[environments.dev]
url = "postgres://h/dev"
`})
	c, err := Load(Options{WorkingDirectory: dir, Overrides: overrides(t, nil, "failOnDrift", "true")})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		env, name string
		want      bool
	}{
		{"prod", "flyway.table", true},
		{"prod", "flyway.check.buildEnvironment", true},
		{"dev", "flyway.check.buildEnvironment", false},
		{"dev", "flyway.check.failOnDrift", true},
		{"dev", "url", true},
		{"dev", "user", false},
		{"", "url", false},
	}
	for _, tt := range tests {
		if got := c.IsSet(tt.env, tt.name); got != tt.want {
			t.Errorf("IsSet(%q, %q) = %v, want %v", tt.env, tt.name, got, tt.want)
		}
	}
}
