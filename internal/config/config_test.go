package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// seedEnv holds the variables of testdata/seed.toml's three environments.
var seedEnv = map[string]string{
	"EU_WEST_1_DB_USER": "eu_deployer", "EU_WEST_1_DB_PASSWORD": "eu-Pa55w0rd!",
	"US_EAST_1_DB_USER": "us_deployer", "US_EAST_1_DB_PASSWORD": "us-Pa55w0rd!",
	"AP_SOUTHEAST_2_DB_USER": "ap_deployer", "AP_SOUTHEAST_2_DB_PASSWORD": "ap-Pa55w0rd!",
}

func lookupIn(m map[string]string) LookupFunc {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// writeFiles writes name → content into a temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func overrides(t *testing.T, ns []string, kv ...string) []Override {
	t.Helper()
	var out []Override
	for i := 0; i+1 < len(kv); i += 2 {
		o, err := ParseOverride(kv[i], kv[i+1], ns)
		if err != nil {
			t.Fatalf("ParseOverride(%q): %v", kv[i], err)
		}
		out = append(out, o)
	}
	return out
}

func TestSeedEnvironment(t *testing.T) {
	c, err := Load(Options{ConfigFiles: []string{"testdata/seed.toml"}, LookupEnv: lookupIn(seedEnv)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Environments(), []string{"ap-southeast-2", "eu-west-1", "us-east-1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Environments() = %v, want %v", got, want)
	}
	env, err := c.Resolve("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	if env.User != "eu_deployer" || env.Password != "eu-Pa55w0rd!" || env.URL.Database != "app" ||
		env.URL.Hosts[0] != (HostPort{"eu-west-1.db.example.com", 5432}) || !reflect.DeepEqual(env.Schemas, []string{"app"}) {
		t.Errorf("unexpected environment %+v", env)
	}
	if env.Flyway.DefaultSchema != "app" || !env.Flyway.ValidateMigrationNaming {
		t.Errorf("settings not applied: %+v", env.Flyway)
	}
	if got, want := env.ConnString(), "postgres://eu_deployer:eu-Pa55w0rd%21@eu-west-1.db.example.com:5432/app"; got != want {
		t.Errorf("ConnString() = %q, want %q", got, want)
	}
	b, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	if strings.Contains(out, "Pa55w0rd") || !strings.Contains(out, `"password":"***"`) || !strings.Contains(out, `"user":"eu_deployer"`) {
		t.Errorf("JSON must show the user and mask the password: %s", out)
	}
	if got := env.Redacted(); strings.Contains(got, "Pa55w0rd") || !strings.Contains(got, "eu_deployer:***@") {
		t.Errorf("Redacted() = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []string // config file names to load, relative to the directory
		want  []string // substrings of the error
	}{
		{"missing file", nil, []string{"nope.toml"}, []string{"reading config file", "nope.toml", "no such file"}},
		{"malformed TOML", map[string]string{"f.toml": "[flyway]\nlocations = [\"a\"\nx"}, []string{"f.toml"},
			[]string{"f.toml:3:1: malformed TOML"}},
		{"unknown root key", map[string]string{"f.toml": "nme = \"x\"\n"}, []string{"f.toml"},
			[]string{"f.toml:1: unknown key nme", "did you mean name?"}},
		{"unknown flyway key", map[string]string{"f.toml": "[flyway]\n\nlocatoins = [\"a\"]\n"}, []string{"f.toml"},
			[]string{"f.toml:3: unknown key flyway.locatoins", "did you mean flyway.locations?"}},
		{"unknown check key", map[string]string{"f.toml": "[flyway.check]\nfailOnDrfit = true\n"}, []string{"f.toml"},
			[]string{"f.toml:2: unknown key flyway.check.failOnDrfit", "flyway.check.failOnDrift"}},
		{"check key in flyway", map[string]string{"f.toml": "[flyway]\nfailOnDrift = true\n"}, []string{"f.toml"},
			[]string{"f.toml:2: unknown key flyway.failOnDrift", "did you mean flyway.check.failOnDrift?"}},
		{"url in flyway", map[string]string{"f.toml": "[flyway]\nurl = \"x\"\n"}, []string{"f.toml"},
			[]string{"f.toml:2: unknown key flyway.url", "environments.NAME.url"}},
		{"unknown environment key", map[string]string{"f.toml": "[environments.prod]\nurl = \"postgres://h/db\"\npasword = \"x\"\n"},
			[]string{"f.toml"}, []string{"f.toml:3: unknown key environments.prod.pasword", "environments.prod.password"}},
		{"unknown key in env flyway", map[string]string{"f.toml": "[environments.prod.flyway]\nshemas = [\"a\"]\n"},
			[]string{"f.toml"}, []string{"f.toml:2: unknown key environments.prod.flyway.shemas"}},
		{"wrong type", map[string]string{"f.toml": "[flyway]\nvalidateMigrationNaming = \"yes\"\n"}, []string{"f.toml"},
			[]string{"f.toml:2:", "validateMigrationNaming"}},
		{"unknown resolver", map[string]string{"f.toml": "[environments.prod]\nurl = \"postgres://h/db\"\npassword = \"${vault.db/pw}\"\n"},
			[]string{"f.toml"}, []string{"f.toml:3: environments.prod.password", `unknown resolver "vault"`}},
		{"nested resolver", map[string]string{"f.toml": "[flyway]\ndefaultSchema = \"${env.A_${env.B}}\"\n"},
			[]string{"f.toml"}, []string{"f.toml:2: flyway.defaultSchema", "cannot be nested"}},
		{"unterminated resolver", map[string]string{"f.toml": "[flyway]\ndefaultSchema = \"${env.A\"\n"},
			[]string{"f.toml"}, []string{"f.toml:2: flyway.defaultSchema", "unterminated resolver"}},
		{"not PostgreSQL", map[string]string{"f.toml": "databaseType = \"SqlServer\"\n"}, []string{"f.toml"},
			[]string{"f.toml:1: databaseType", "PostgreSQL only"}},
		{"several unknown keys", map[string]string{"f.toml": "[flyway]\nlocatoins = [\"a\"]\ntabel = \"h\"\n"}, []string{"f.toml"},
			[]string{"f.toml:2: unknown key flyway.locatoins; did you mean flyway.locations?", "f.toml:3: unknown key flyway.tabel; did you mean flyway.table?"}},
		{"resolver configuration", map[string]string{"f.toml": "[environments.prod.resolvers.vault]\nurl = \"x\"\n"}, []string{"f.toml"},
			[]string{"f.toml:1: unknown key environments.prod.resolvers", "pgfleet resolves ${env.VAR} only"}},
		{"error in second file", map[string]string{"a.toml": "[flyway]\n", "b.toml": "[flyway]\nbogus = 1\n"},
			[]string{"a.toml", "b.toml"}, []string{"b.toml:2: unknown key flyway.bogus"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			_, err := Load(Options{ConfigFiles: tt.args, WorkingDirectory: dir})
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if code := exitcode.Of(err); code != exitcode.Usage {
				t.Errorf("exit code %d, want %d", code, exitcode.Usage)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error must be one line: %q", err)
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	const base = "[environments.prod]\nurl = \"jdbc:postgresql://db.example.com/app\"\nuser = \"${env.PROD_USER}\"\npassword = \"${env.PROD_PASSWORD}\"\n" +
		"[environments.staging]\nurl = \"postgres://u:hunter2@db.example.com/app\"\npassword = \"${env.STAGING_PASSWORD}\"\n"
	tests := []struct {
		name    string
		toml    string
		env     string
		vars    map[string]string
		want    []string
		notWant []string
	}{
		{"unknown environment", base, "prd", nil, []string{`unknown environment "prd"`, "known environments are prod, staging", "did you mean prod?"}, nil},
		{"unset password", base, "prod", map[string]string{"PROD_USER": "alice", "STAGING_PASSWORD": "topsecret"},
			[]string{"environment prod", "PROD_PASSWORD", "environments.prod.password", "f.toml:4"}, []string{"topsecret", "alice", "hunter2"}},
		{"unset user and password", base, "prod", nil, []string{"PROD_PASSWORD", "PROD_USER", "variables are not set"}, nil},
		{"invalid URL", "[environments.prod]\nurl = \"mysql://u:hunter2@h/db\"\n", "prod", nil,
			[]string{"f.toml:2: environments.prod.url: invalid URL"}, []string{"hunter2"}},
		{"bad port", "[environments.prod]\nurl = \"postgres://u:hunter2@h:99999/db\"\n", "prod", nil,
			[]string{"f.toml:2: environments.prod.url: invalid URL: bad port"}, []string{"hunter2"}},
		{"missing url", "[environments.prod]\nuser = \"u\"\n", "prod", nil, []string{"environment prod has no url"}, nil},
		{"environment set per environment", "[environments.prod]\nurl = \"postgres://h/db\"\n[environments.prod.flyway]\nenvironment = \"x\"\n", "prod", nil,
			[]string{"f.toml:4: environments.prod.flyway.environment", "cannot be set per environment"}, nil},
		{"no environments", "", "prod", nil, []string{`unknown environment "prod"`, "no environments are configured"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"f.toml": tt.toml})
			c, err := Load(Options{ConfigFiles: []string{"f.toml"}, WorkingDirectory: dir, LookupEnv: lookupIn(tt.vars)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Resolve(tt.env)
			if err == nil {
				t.Fatal("Resolve succeeded, want an error")
			}
			if code := exitcode.Of(err); code != exitcode.Usage {
				t.Errorf("exit code %d, want %d", code, exitcode.Usage)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q leaks %q", err, w)
				}
			}
		})
	}
}

func TestDefaultConfigFileOptional(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(Options{WorkingDirectory: dir, Overrides: overrides(t, nil, "url", "postgres://localhost/x")})
	if err != nil {
		t.Fatal(err)
	}
	env, err := c.Resolve("")
	if err != nil {
		t.Fatal(err)
	}
	if env.Name != "default" || env.URL.Database != "x" {
		t.Errorf("got %+v", env)
	}
	_, err = c.Resolve("prod")
	if err == nil || !strings.Contains(err.Error(), "known environments are default") {
		t.Errorf("err = %v", err)
	}
}

func TestMergeOrderAndPrecedence(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.toml": "[flyway]\ntable = \"from_a\"\ndefaultSchema = \"a\"\nlocations = [\"filesystem:a\"]\n" +
			"[flyway.placeholders]\nregion = \"a\"\nowner = \"a\"\n" +
			"[environments.prod]\nurl = \"postgres://a.example.com/app\"\nuser = \"a\"\n",
		"b.toml": "[flyway]\ntable = \"from_b\"\n[flyway.placeholders]\nregion = \"b\"\n" +
			"[environments.prod]\nuser = \"b\"\n[environments.dev]\nurl = \"postgres://dev/app\"\n",
	})
	ov := overrides(t, nil, "defaultSchema", "cli", "placeholders.owner", "cli", "environments.prod.user", "cli")
	c, err := Load(Options{ConfigFiles: []string{"a.toml", "b.toml"}, WorkingDirectory: dir, Overrides: ov})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Environments(), []string{"dev", "prod"}) {
		t.Errorf("environments %v", c.Environments())
	}
	env, err := c.Resolve("prod")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"table (b over a)", env.Flyway.Table, "from_b"},
		{"defaultSchema (cli over a)", env.Flyway.DefaultSchema, "cli"},
		{"url (a kept)", env.URL.Hosts[0].Host, "a.example.com"},
		{"user (cli over b over a)", env.User, "cli"},
		{"placeholder region (b over a)", env.Flyway.Placeholders["region"], "b"},
		{"placeholder owner (cli over a)", env.Flyway.Placeholders["owner"], "cli"},
		{"location (relative to working directory)", env.Flyway.Locations[0], "filesystem:" + filepath.Join(dir, "a")},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
}

func TestEnvironmentOverridesAndPlaceholderMerge(t *testing.T) {
	dir := writeFiles(t, map[string]string{"flyway.toml": `
[flyway]
table = "history"
validateMigrationNaming = true
schemaModelLocation = "model"
[flyway.placeholders]
region = "root"
tier = "standard"
[flyway.check]
failOnDrift = false
[environments.prod]
url = "postgres://prod/app"
[environments.prod.flyway]
table = "prod_history"
[environments.prod.flyway.placeholders]
region = "eu"
[environments.prod.flyway.check]
failOnDrift = true
[environments.dev]
url = "postgres://dev/app"
`})
	c, err := Load(Options{WorkingDirectory: dir, Overrides: overrides(t, nil, "environments.dev.flyway.placeholders.debug", "on")})
	if err != nil {
		t.Fatal(err)
	}
	prod, err := c.Resolve("prod")
	if err != nil {
		t.Fatal(err)
	}
	dev, err := c.Resolve("dev")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"prod table overridden", prod.Flyway.Table, "prod_history"},
		{"prod keeps root key", prod.Flyway.ValidateMigrationNaming, true},
		{"prod check overridden", prod.Flyway.Check.FailOnDrift, true},
		{"prod placeholders merged", prod.Flyway.Placeholders, map[string]string{"region": "eu", "tier": "standard"}},
		{"dev table from root", dev.Flyway.Table, "history"},
		{"dev check from root", dev.Flyway.Check.FailOnDrift, false},
		{"dev placeholders from root and cli", dev.Flyway.Placeholders, map[string]string{"region": "root", "tier": "standard", "debug": "on"}},
		{"schema model relative to working directory", prod.Flyway.SchemaModelLocation, filepath.Join(dir, "model")},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestPlaceholderNamesAreCaseInsensitive(t *testing.T) {
	dir := writeFiles(t, map[string]string{"flyway.toml": `
[flyway.placeholders]
Region = "root"
Tier = "root"
[environments.prod]
url = "postgres://h/db"
[environments.prod.flyway.placeholders]
REGION = "env"
`})
	c, err := Load(Options{WorkingDirectory: dir, Overrides: overrides(t, nil, "placeholders.tier", "cli")})
	if err != nil {
		t.Fatal(err)
	}
	env, err := c.Resolve("prod")
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"REGION": "env", "tier": "cli"}; !reflect.DeepEqual(env.Flyway.Placeholders, want) {
		t.Errorf("placeholders = %v, want %v", env.Flyway.Placeholders, want)
	}
}

func TestFlywayDesktopTablesAccepted(t *testing.T) {
	dir := writeFiles(t, map[string]string{"flyway.toml": `
databaseType = "PostgreSql"
name = "AutoPilot"
id = "d9495d20"
[flywayDesktop]
developmentEnvironment = "development"
shadowEnvironment = "shadow"
schemaModel = "./schema-model"
[redgateCompare]
filterFile = "filter.rgf"
[redgateCompare.postgresql.options.ignores]
ignoreNewlinesInTextObjects = "all"
[flyway]
mixed = true
outOfOrder = true
locations = [ "filesystem:migrations" ]
validateMigrationNaming = true
baselineVersion = "001"
baselineOnMigrate = true
[environments.Build]
url = "jdbc:postgresql://localhost:5432/autopilot_build"
schemas = [ "public", "inventory" ]
provisioner = "clean"
`})
	c, err := Load(Options{WorkingDirectory: dir})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "AutoPilot" || c.ID != "d9495d20" || c.DatabaseType != "PostgreSql" {
		t.Errorf("root keys: %+v", c)
	}
	env, err := c.Resolve("Build")
	if err != nil {
		t.Fatal(err)
	}
	if !env.Flyway.Mixed || env.Flyway.BaselineVersion != "001" || env.Provisioner != "clean" {
		t.Errorf("got %+v", env)
	}
}

func TestSecretsAndRedact(t *testing.T) {
	dir := writeFiles(t, map[string]string{"flyway.toml": `
[flyway.placeholders]
apiToken = "${env.API_TOKEN}"
region = "${env.REGION}"
[environments.a]
url = "postgres://u:url-secret@h/db"
user = "${env.A_USER}"
password = "${env.A_PASSWORD}"
[environments.b]
url = "postgres://h/db"
password = "literal-secret"
[environments.c]
url = "postgres://h/db"
password = "${env.C_PASSWORD}"
`})
	vars := map[string]string{"API_TOKEN": "tok-123", "REGION": "eu", "A_USER": "alice", "A_PASSWORD": "a-secret"}
	c, err := Load(Options{WorkingDirectory: dir, LookupEnv: lookupIn(vars)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a-secret", "literal-secret", "tok-123", "url-secret"}
	if got := c.Secrets(); !reflect.DeepEqual(got, want) {
		t.Errorf("Secrets() = %v, want %v", got, want)
	}
	got := c.Redact("alice a-secret url-secret tok-123 eu a%2Dsecret")
	if got != "alice *** *** *** eu a%2Dsecret" {
		t.Errorf("Redact = %q", got)
	}
	if got := Redact("p=a%2Bb and a+b", []string{"a+b"}); got != "p=*** and ***" {
		t.Errorf("Redact escaped = %q", got)
	}
	if got := Redact(`{"token": "q\"uo\\te"}`, []string{`q"uo\te`}); got != `{"token": "***"}` {
		t.Errorf("Redact JSON-escaped = %q", got)
	}
}
