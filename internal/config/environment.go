package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Environment is one resolved environment: a database to deploy to, with
// its credentials and effective settings.
type Environment struct {
	// Name is the environment's name in [environments.NAME].
	Name string
	// DisplayName is the name shown in reports (default: Name).
	DisplayName string
	// URL is the parsed database URL, with jdbcProperties merged into
	// its parameters.
	URL URL
	// User is the database user: the user key, else the URL's user.
	User string
	// Password is the database password. Never print it; see Secrets.
	Password string
	// Schemas are the schemas pgfleet manages: the environment's
	// schemas, else [flyway] schemas.
	Schemas []string
	// ConnectRetries and ConnectRetriesInterval (seconds) control
	// connection retries.
	ConnectRetries         int
	ConnectRetriesInterval int
	// InitSQL runs on every new connection.
	InitSQL string
	// Provisioner says how a build database is provisioned ("clean").
	Provisioner string
	// Flyway holds the effective settings: [flyway], overridden key by
	// key by [environments.NAME.flyway] and command-line keys, with
	// placeholders merged and relative paths resolved.
	Flyway Settings
}

// ConnString returns the full pgx connection string, credentials
// included. Never print it; use Redacted for messages.
func (e Environment) ConnString() string {
	return e.URL.uri(e.User, e.Password, false)
}

// Redacted returns the connection string with the password replaced by
// ***, safe for messages.
func (e Environment) Redacted() string {
	return e.URL.uri(e.User, e.Password, true)
}

// MarshalJSON encodes the environment with its password masked.
func (e Environment) MarshalJSON() ([]byte, error) {
	password := ""
	if e.Password != "" {
		password = "***"
	}
	return json.Marshal(struct {
		Name                   string   `json:"name"`
		DisplayName            string   `json:"displayName"`
		URL                    string   `json:"url"`
		User                   string   `json:"user"`
		Password               string   `json:"password"`
		Schemas                []string `json:"schemas"`
		ConnectRetries         int      `json:"connectRetries"`
		ConnectRetriesInterval int      `json:"connectRetriesInterval"`
		InitSQL                string   `json:"initSql"`
		Provisioner            string   `json:"provisioner,omitempty"`
		Flyway                 Settings `json:"flyway"`
	}{e.Name, e.DisplayName, e.URL.String(), e.User, password, e.Schemas, e.ConnectRetries,
		e.ConnectRetriesInterval, e.InitSQL, e.Provisioner, e.Flyway})
}

// Resolve returns the named environment ("" for the selected one) with
// its resolvers run and its settings merged. Errors are usage errors
// naming the environment, the key and where it was set.
func (c *Config) Resolve(name string) (Environment, error) {
	if name == "" {
		var err error
		if name, err = c.EnvironmentName(); err != nil {
			return Environment{}, err
		}
	}
	if !c.hasEnvironment(name) {
		return Environment{}, usageErr(c.unknownEnvironment(name))
	}
	var s Settings
	var es EnvironmentSettings
	applyDefaults(&s, false)
	applyDefaults(&es, true)
	var unset []unsetRef
	for _, step := range []struct {
		dst         any
		env, prefix string
	}{{&s, "", "flyway."}, {&s, name, "flyway."}, {&es, name, ""}} {
		if err := c.apply(step.dst, step.env, step.prefix, name, &unset); err != nil {
			return Environment{}, err
		}
	}
	if len(unset) > 0 {
		return Environment{}, usageErr(unsetError(name, unset))
	}
	c.resolvePaths(&s)
	return c.build(name, es, s)
}

func (c *Config) hasEnvironment(name string) bool {
	for _, e := range c.merged.environments() {
		if e == name {
			return true
		}
	}
	return false
}

func (c *Config) unknownEnvironment(name string) error {
	known := c.merged.environments()
	if len(known) == 0 {
		where := "no config file was read"
		if len(c.Files) > 0 {
			where = "none in " + strings.Join(c.Files, ", ")
		} else if len(c.missing) > 0 {
			where = "no config file found (looked for " + strings.Join(c.missing, ", ") + ")"
		}
		return fmt.Errorf("unknown environment %q: no environments are configured (%s); pass -workingDirectory or -configFiles, or define one with -url=URL", name, where)
	}
	msg := fmt.Sprintf("unknown environment %q: known environments are %s", name, strings.Join(known, ", "))
	if s := nearest(name, known); s != "" {
		msg += fmt.Sprintf("; did you mean %s?", s)
	}
	return errors.New(msg + " (set -environment=NAME)")
}

// unsetRef records a ${env.VAR} that is not set and the key needing it.
type unsetRef struct {
	variable, key, source string
}

// unsetError names every variable environment env needs and lacks, with
// the key and file:line needing it; never a value.
func unsetError(env string, unset []unsetRef) error {
	parts := make([]string, len(unset))
	for i, u := range unset {
		parts[i] = fmt.Sprintf("%s (%s at %s)", u.variable, u.key, u.source)
	}
	noun, pronoun := "variable is", "it"
	if len(unset) > 1 {
		noun, pronoun = "variables are", "them"
	}
	return fmt.Errorf("environment %s: environment %s not set: %s; export %s (from your secrets store, one set per target) and retry",
		env, noun, strings.Join(parts, ", "), pronoun)
}

// apply sets, in dst, every value of environment env ("" for the root)
// whose key starts with prefix; resolving names the environment being
// resolved, for messages.
func (c *Config) apply(dst any, env, prefix, resolving string, unset *[]unsetRef) error {
	for _, l := range c.merged.scoped(env, prefix) {
		if prefix == "" && strings.HasPrefix(l.key, "flyway.") {
			continue
		}
		e := c.merged[l]
		k, entryName := c.keyOf(l)
		if k == nil {
			return usageErr(fmt.Errorf("%s: unknown key %s", e.source, l.name()))
		}
		if env != "" && k.internal == "flyway.environment" {
			return usageErr(fmt.Errorf("%s: %s: environment cannot be set per environment; set it in [flyway] or pass -environment", e.source, l.name()))
		}
		raw, err := expandValue(e.value, c.lookup)
		var ue *UnsetVariableError
		if errors.As(err, &ue) {
			*unset = append(*unset, unsetRef{variable: ue.Variable, key: l.name(), source: e.source})
			continue
		}
		if err == nil {
			var v any
			if v, err = convert(k, raw); err == nil {
				setField(dst, k, entryName, v)
				continue
			}
		}
		return usageErr(fmt.Errorf("%s: %s (environment %s): %w", e.source, l.name(), resolving, err))
	}
	return nil
}

// keyOf returns the key of a loc and, for map keys, the entry name.
func (c *Config) keyOf(l loc) (*Key, string) {
	if strings.HasPrefix(l.key, "flyway.") {
		return lookupFlyway(l.key)
	}
	if l.env != "" {
		return lookupEnvKey(l.key)
	}
	return nil, ""
}

// resolvePaths makes relative file and location settings relative to the
// working directory.
func (c *Config) resolvePaths(s *Settings) {
	for i := range keyTable {
		k := &keyTable[i]
		if k.env || k.pathKind == "" {
			continue
		}
		switch v := fieldOf(s, k).(type) {
		case string:
			setField(s, k, "", c.Path(v))
		case []string:
			out := make([]string, len(v))
			for j, loc := range v {
				out[j] = c.location(loc)
			}
			setField(s, k, "", out)
		}
	}
}

// location resolves a filesystem location; other prefixes are kept.
func (c *Config) location(l string) string {
	if p, ok := strings.CutPrefix(l, "filesystem:"); ok {
		return "filesystem:" + c.Path(p)
	}
	if strings.Contains(l, ":") && !filepath.IsAbs(l) {
		return l // classpath:, s3:, gcs: ...; LocationDirs rejects them
	}
	return "filesystem:" + c.Path(l)
}

func (c *Config) build(name string, es EnvironmentSettings, s Settings) (Environment, error) {
	src := c.merged[loc{env: name, key: "url"}].source
	if es.URL == "" {
		return Environment{}, usageErr(fmt.Errorf("environment %s has no url: set url in [environments.%s] or pass -environments.%s.url=... (-url=... for default)", name, name, name))
	}
	u, err := ParseURL(es.URL)
	if err != nil {
		return Environment{}, usageErr(fmt.Errorf("%s: environments.%s.url: %w", src, name, err))
	}
	for k, v := range es.JDBCProperties {
		u.Params[k] = v
	}
	env := Environment{
		Name: name, DisplayName: es.DisplayName, URL: u, User: es.User, Password: es.Password,
		Schemas: es.Schemas, ConnectRetries: es.ConnectRetries, ConnectRetriesInterval: es.ConnectRetriesInterval,
		InitSQL: es.InitSQL, Provisioner: es.Provisioner, Flyway: s,
	}
	if env.DisplayName == "" {
		env.DisplayName = name
	}
	if env.User == "" {
		env.User = u.user
	}
	if env.Password == "" {
		env.Password = u.password
	}
	if len(env.Schemas) == 0 {
		env.Schemas = s.Schemas
	}
	if env.Flyway.DefaultSchema == "" && len(env.Schemas) > 0 {
		env.Flyway.DefaultSchema = env.Schemas[0]
	}
	return env, nil
}

// LocationDirs returns the directories of the filesystem locations; other
// kinds of location (classpath:, s3:, gcs:) are an error.
func (s Settings) LocationDirs() ([]string, error) {
	dirs := make([]string, 0, len(s.Locations))
	for _, l := range s.Locations {
		d, ok := strings.CutPrefix(l, "filesystem:")
		if !ok {
			return nil, usageErr(fmt.Errorf("location %q is not supported: pgfleet reads filesystem: locations only", l))
		}
		dirs = append(dirs, d)
	}
	return dirs, nil
}

// DeployScriptFilename returns the script deploy runs: deploy.scriptFilename,
// else prepare.scriptFilename (as Flyway defaults it).
func (s Settings) DeployScriptFilename() string {
	if s.Deploy.ScriptFilename != "" {
		return s.Deploy.ScriptFilename
	}
	return s.Prepare.ScriptFilename
}

// CheckScriptFilename returns the script check -code reviews with scope
// SCRIPT: check.scriptFilename, else prepare.scriptFilename.
func (s Settings) CheckScriptFilename() string {
	if s.Check.ScriptFilename != "" {
		return s.Check.ScriptFilename
	}
	return s.Prepare.ScriptFilename
}
