package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/config"
)

// seedVars are the credentials of testdata/seed.toml's environments.
var seedVars = map[string]string{
	"EU_WEST_1_DB_USER": "eu_deployer", "EU_WEST_1_DB_PASSWORD": "eu-S3cret!",
	"US_EAST_1_DB_USER": "us_deployer", "US_EAST_1_DB_PASSWORD": "us-S3cret!",
	"AP_SOUTHEAST_2_DB_USER": "ap_deployer", "AP_SOUTHEAST_2_DB_PASSWORD": "ap-S3cret!",
}

// captured is what the test command saw.
var captured *Invocation

func init() {
	register(&Command{
		Name:       "probe",
		Summary:    "test command recording its invocation",
		Flags:      []Flag{{Name: "drift", Help: "a switch", Bool: true}, {Name: "changes", Help: "a switch", Bool: true}},
		Namespaces: []string{"prepare"},
		Run: func(_ context.Context, inv *Invocation) error {
			captured = inv
			return nil
		},
	})
}

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	code := run(context.Background(), args, lookup, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func seedArgs(args ...string) []string {
	return append([]string{"-configFiles=testdata/seed.toml"}, args...)
}

func noSecrets(t *testing.T, r result) {
	t.Helper()
	for _, v := range []string{"eu-S3cret!", "us-S3cret!", "ap-S3cret!", "hunter2"} {
		if strings.Contains(r.stdout, v) || strings.Contains(r.stderr, v) {
			t.Errorf("output leaks secret %q:\nstdout: %s\nstderr: %s", v, r.stdout, r.stderr)
		}
	}
}

func TestArgumentForms(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		check     func(inv *Invocation) bool
		overrides map[string]string // TOML path → value expected among the overrides
	}{
		{"flag after command", []string{"probe", "-drift"}, func(inv *Invocation) bool { return inv.Flag("drift") }, nil},
		{"flag before command", []string{"-drift", "probe"}, func(inv *Invocation) bool { return inv.Flag("drift") }, nil},
		{"explicit false", []string{"probe", "-drift=false"}, func(inv *Invocation) bool { return !inv.Flag("drift") }, nil},
		{"double dash", []string{"probe", "--changes"}, func(inv *Invocation) bool { return inv.Flag("changes") }, nil},
		{"two flags", []string{"-drift", "probe", "-changes"}, func(inv *Invocation) bool { return inv.Flag("drift") && inv.Flag("changes") }, nil},
		{"namespaced key", []string{"probe", "-check.failOnDrift=true"}, nil, map[string]string{"flyway.check.failOnDrift": "true"}},
		{"flyway-prefixed key", []string{"probe", "-flyway.check.failOnDrift=true"}, nil, map[string]string{"flyway.check.failOnDrift": "true"}},
		{"short key", []string{"-failOnDrift=true", "probe"}, nil, map[string]string{"flyway.check.failOnDrift": "true"}},
		{"bare boolean key", []string{"probe", "-failOnDrift"}, nil, map[string]string{"flyway.check.failOnDrift": "true"}},
		{"short key in command namespace", []string{"probe", "-scriptFilename=x.sql"}, nil, map[string]string{"flyway.prepare.scriptFilename": "x.sql"}},
		{"value with equals sign", []string{"probe", "-url=postgres://h/db?sslmode=require&a=b=c"}, nil, map[string]string{"environments.default.url": "postgres://h/db?sslmode=require&a=b=c"}},
		{"legacy user", []string{"probe", "-user=bob"}, nil, map[string]string{"environments.default.user": "bob"}},
		{"inline environment", []string{"probe", "-environments.prod.url=postgres://p/db"}, nil, map[string]string{"environments.prod.url": "postgres://p/db"}},
		{"environment flyway override", []string{"probe", "-environments.prod.flyway.locations=filesystem:a,filesystem:b"}, nil,
			map[string]string{"environments.prod.flyway.locations": "filesystem:a,filesystem:b"}},
		{"placeholder", []string{"probe", "-placeholders.Region=eu"}, nil, map[string]string{"flyway.placeholders.Region": "eu"}},
		{"environment", []string{"-environment=prod", "probe"}, nil, map[string]string{"flyway.environment": "prod"}},
		{"empty value", []string{"probe", "-installedBy="}, nil, map[string]string{"flyway.installedBy": ""}},
		{"config files", []string{"probe", "-configFiles=a.toml, b.toml"},
			func(inv *Invocation) bool { return strings.Join(inv.Options.ConfigFiles, "|") == "a.toml|b.toml" }, nil},
		{"working directory", []string{"-workingDirectory=/tmp/x", "probe"},
			func(inv *Invocation) bool { return inv.Options.WorkingDirectory == "/tmp/x" }, nil},
		{"json output", []string{"probe", "-outputType=json"}, func(inv *Invocation) bool { return inv.JSON }, nil},
		{"text output", []string{"probe", "-outputType=text"}, func(inv *Invocation) bool { return !inv.JSON }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			captured = nil
			r := runCLI(t, nil, tt.args...)
			if r.code != 0 || captured == nil {
				t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
			}
			if tt.check != nil && !tt.check(captured) {
				t.Errorf("unexpected invocation %+v", captured)
			}
			got := map[string]string{}
			for _, o := range captured.Options.Overrides {
				got[o.Name()] = o.Value
			}
			for k, v := range tt.overrides {
				if gv, ok := got[k]; !ok || gv != v {
					t.Errorf("override %s = %q (present %v), want %q; all: %v", k, gv, ok, v, got)
				}
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown key", []string{"probe", "-failOnDrfit=true"}, []string{"unknown key -failOnDrfit", "did you mean -check.failOnDrift?"}},
		{"ambiguous key", []string{"config", "-scriptFilename=x"}, []string{"ambiguous key -scriptFilename", "-prepare.scriptFilename"}},
		{"bare key needing a value", []string{"probe", "-url"}, []string{"-url needs a value"}},
		{"bad boolean", []string{"probe", "-failOnDrift=maybe"}, []string{"expected true or false"}},
		{"bad switch value", []string{"probe", "-drift=yes"}, []string{"-drift=yes", "it is a switch"}},
		{"switch of another command", []string{"config", "-drift"}, []string{"unknown key -drift"}},
		{"unknown command", []string{"confg"}, []string{`unknown command "confg"`, "did you mean config?"}},
		{"extra argument", []string{"config", "extra"}, []string{`unexpected argument "extra" after config`}},
		{"command chained twice", []string{"prepare", "deploy", "prepare"}, []string{"prepare appears twice in the command chain"}},
		{"chained command with arguments", []string{"prepare", "fleet"}, []string{"fleet takes arguments and cannot be chained"}},
		{"space-separated value before command", []string{"-environment", "prod", "config"}, []string{`unknown command "prod"`, "write -environment=prod"}},
		{"space-separated password", []string{"-password", "hunter2", "config"}, []string{"unknown command after -password", "write -password=VALUE"}},
		{"space-separated value after command", []string{"config", "-environment", "prod"}, []string{`unexpected argument "prod"`, "write -environment=prod"}},
		{"no command", nil, []string{"no command given"}},
		{"bad output type", []string{"version", "-outputType=xml"}, []string{"-outputType=xml"}},
		{"empty flag", []string{"version", "-="}, []string{"malformed argument"}},
		{"help of unknown command", []string{"help", "nope"}, []string{`unknown command "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %s", r.code, r.stderr)
			}
			noSecrets(t, r)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "ERROR: ") {
				t.Errorf("last stderr line %q must be the error", last)
			}
			for _, w := range tt.want {
				if !strings.Contains(last, w) {
					t.Errorf("error %q does not contain %q", last, w)
				}
			}
		})
	}
}

func TestConfigCommandSeed(t *testing.T) {
	r := runCLI(t, seedVars, seedArgs("-environment=eu-west-1", "config")...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	noSecrets(t, r)
	var out struct {
		Environments []string `json:"environments"`
		Environment  struct {
			Name, URL, User, Password string
			Schemas                   []string
			Flyway                    config.Settings
		} `json:"environment"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	e := out.Environment
	if e.Name != "eu-west-1" || e.URL != "postgres://eu-west-1.db.example.com:5432/app" || e.User != "eu_deployer" || e.Password != "***" {
		t.Errorf("unexpected environment %+v", e)
	}
	if !e.Flyway.ValidateMigrationNaming || e.Flyway.Locations[0] != "filesystem:migrations" || len(out.Environments) != 3 {
		t.Errorf("unexpected settings %+v", out)
	}
}

func TestConfigCommandErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	malformed := write("bad.toml", "[environments.x]\nurl = \"postgres://h/db\n")
	unknown := write("unknown.toml", "[flyway]\nlocatoins = [\"x\"]\n")
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want []string
	}{
		{"unset password", map[string]string{"EU_WEST_1_DB_USER": "eu", "US_EAST_1_DB_PASSWORD": "us-S3cret!"},
			seedArgs("-environment=eu-west-1", "config"), []string{"EU_WEST_1_DB_PASSWORD", "environments.eu-west-1.password"}},
		{"unknown environment", seedVars, seedArgs("-environment=eu-west-2", "config"),
			[]string{`unknown environment "eu-west-2"`, "ap-southeast-2, eu-west-1, us-east-1"}},
		{"malformed TOML", nil, []string{"-configFiles=" + malformed, "config"}, []string{"bad.toml:2:", "malformed TOML"}},
		{"unknown key in file", nil, []string{"-configFiles=" + unknown, "config"}, []string{"unknown.toml:2: unknown key flyway.locatoins"}},
		{"missing file", nil, []string{"-configFiles=" + filepath.Join(dir, "none.toml"), "config"}, []string{"none.toml", "no such file"}},
		{"invalid URL", nil, []string{"-url=mysql://root:hunter2@h/db", "config"}, []string{"command line -url", "invalid URL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.vars, tt.args...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %s", r.code, r.stderr)
			}
			noSecrets(t, r)
			if r.stdout != "" {
				t.Errorf("stdout must be empty in text mode: %q", r.stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not contain %q", r.stderr, w)
				}
			}
		})
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.toml": "[flyway]\ntable = \"a\"\nschemaModelLocation = \"model\"\n[flyway.placeholders]\np1 = \"a\"\np2 = \"a\"\n" +
			"[environments.prod]\nurl = \"postgres://a/app\"\nuser = \"a\"\n[environments.prod.flyway.placeholders]\np3 = \"env\"\n",
		"b.toml": "[flyway]\ntable = \"b\"\n[flyway.placeholders]\np2 = \"b\"\n[environments.prod]\nuser = \"b\"\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI(t, nil, "-workingDirectory="+dir, "-configFiles=a.toml,b.toml", "config", "-environment=prod",
		"-environments.prod.user=cli", "-placeholders.p1=cli", "-password=hunter2", "-environments.prod.password=hunter2")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	noSecrets(t, r)
	var out struct {
		Environments []string
		Environment  struct {
			User, Password string
			Flyway         config.Settings
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	e := out.Environment
	want := map[string]string{"p1": "cli", "p2": "b", "p3": "env"}
	if e.User != "cli" || e.Password != "***" || e.Flyway.Table != "b" || len(e.Flyway.Placeholders) != 3 ||
		e.Flyway.SchemaModelLocation != filepath.Join(dir, "model") || strings.Join(out.Environments, ",") != "default,prod" {
		t.Errorf("unexpected %+v", out)
	}
	for k, v := range want {
		if e.Flyway.Placeholders[k] != v {
			t.Errorf("placeholder %s = %q, want %q", k, e.Flyway.Placeholders[k], v)
		}
	}
}

func TestDefaultEnvironmentFromLegacyKeys(t *testing.T) {
	r := runCLI(t, map[string]string{"PGPW": "hunter2"}, "-workingDirectory="+t.TempDir(), "config",
		"-url=jdbc:postgresql://localhost:5432/app?sslmode=disable", "-user=postgres", "-password=${env.PGPW}", "-schemas=app,audit")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	noSecrets(t, r)
	for _, w := range []string{`"name": "default"`, `"password": "***"`, `"user": "postgres"`, `"app",`, `"audit"`, "sslmode=disable"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout does not contain %s:\n%s", w, r.stdout)
		}
	}
}

func TestJSONErrorOutput(t *testing.T) {
	r := runCLI(t, nil, append(seedArgs("-environment=eu-west-1", "config"), "-outputType=json")...)
	if r.code != 2 {
		t.Fatalf("exit %d", r.code)
	}
	var out struct {
		Error struct {
			ErrorCode string `json:"errorCode"`
			Message   string `json:"message"`
			ExitCode  int    `json:"exitCode"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if out.Error.ErrorCode != "CONFIGURATION" || out.Error.ExitCode != 2 || !strings.Contains(out.Error.Message, "EU_WEST_1_DB_PASSWORD") {
		t.Errorf("unexpected %+v", out)
	}
	if !strings.Contains(r.stderr, "ERROR: ") {
		t.Errorf("stderr must carry the human line: %q", r.stderr)
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"help", []string{"help"}, []string{"Usage: pgfleet", "config", "version", "Exit codes", "3  drift detected"}},
		{"-help", []string{"-help"}, []string{"Usage: pgfleet", "Global keys"}},
		{"help command", []string{"help", "config"}, []string{"Usage: pgfleet [-key=value ...] config", "***"}},
		{"command -help", []string{"config", "-help"}, []string{"Usage: pgfleet [-key=value ...] config"}},
		{"command -h", []string{"probe", "-h"}, []string{"-drift", "[flyway.prepare]", "-prepare.scriptFilename"}},
		{"help keys", []string{"help", "keys"}, []string{"[flyway.check]", "-check.failOnDrift", "bool", "-environments.NAME.url", "-placeholders.NAME", "(default flyway_schema_history)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("help does not contain %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestHelpKeysListsEveryKey(t *testing.T) {
	r := runCLI(t, nil, "help", "keys")
	for _, k := range config.Keys() {
		name := "-" + k.CLI
		if k.CLI == "" {
			name = k.Name
		}
		if !strings.Contains(r.stdout, name+" ") {
			t.Errorf("help keys misses %s", name)
		}
	}
}

func TestVersion(t *testing.T) {
	r := runCLI(t, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "pgfleet ") {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	r = runCLI(t, nil, "-outputType=json", "version")
	var v versionInfo
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v.Version == "" || v.GoVersion == "" {
		t.Fatalf("bad JSON %q: %v", r.stdout, err)
	}
}

func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"version"}, func(string) (string, bool) { return "", false }, &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "context canceled") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestWithError(t *testing.T) {
	errObj := map[string]any{"errorCode": "DRIFT", "exitCode": 3}
	tests := []struct {
		result any
		want   string
	}{
		{struct {
			Zeta  int `json:"zeta"`
			Alpha int `json:"alpha"`
		}{1, 2}, `{"zeta":1,"alpha":2,"error":{"errorCode":"DRIFT","exitCode":3}}`},
		{struct{}{}, `{"error":{"errorCode":"DRIFT","exitCode":3}}`},
		{[]int{1}, `{"result":[1],"error":{"errorCode":"DRIFT","exitCode":3}}`},
		{map[string]string{"html": "<a&b>"}, `{"html":"<a&b>","error":{"errorCode":"DRIFT","exitCode":3}}`},
	}
	for _, tc := range tests {
		got, err := withError(tc.result, errObj)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("withError(%#v) = %s, want %s", tc.result, got, tc.want)
		}
		if !json.Valid(got) {
			t.Errorf("not JSON: %s", got)
		}
	}
}
