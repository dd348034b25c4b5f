// Package config decodes and validates flyway.toml files and command-line
// keys into a Config, and resolves one environment of it at a time: its
// connection, credentials (through ${env.VAR} resolvers) and effective
// [flyway] settings. It never reads the process environment itself; callers
// inject a lookup function.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// DefaultConfigFiles are read, when present, unless Options.ConfigFiles is
// set. Flyway Desktop projects keep personal settings in flyway.user.toml.
var DefaultConfigFiles = []string{"flyway.toml", "flyway.user.toml"}

// Options says where the configuration comes from.
type Options struct {
	// ConfigFiles are read and merged in order, later files overriding
	// earlier ones key by key. Each must exist. When nil,
	// DefaultConfigFiles are read if they exist.
	ConfigFiles []string
	// WorkingDirectory is where relative paths (config files, locations,
	// schemaModelLocation, script files) are resolved; "" means the
	// process's current directory.
	WorkingDirectory string
	// Overrides are command-line keys; they override every file.
	Overrides []Override
	// LookupEnv resolves ${env.VAR}; nil means no variable is set.
	LookupEnv LookupFunc
	// ReadFile reads a config file; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
}

// Config is a loaded, validated configuration.
type Config struct {
	// Files are the config files read, in merge order.
	Files []string
	// WorkingDirectory is Options.WorkingDirectory.
	WorkingDirectory string
	// ID, Name and DatabaseType are the project's root keys.
	ID, Name, DatabaseType string

	merged  layer
	lookup  LookupFunc
	secrets []string
	missing []string // default config files that were not found
}

// Load reads the configuration files and applies the overrides. Every error
// is a usage error (exit code 2) naming the file, line and key at fault.
func Load(opts Options) (*Config, error) {
	c := &Config{WorkingDirectory: opts.WorkingDirectory, lookup: opts.LookupEnv}
	read := opts.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	files, optional := opts.ConfigFiles, false
	if files == nil {
		files, optional = DefaultConfigFiles, true
	}
	var layers []layer
	for _, name := range files {
		path := c.Path(name)
		data, err := read(path)
		if optional && errors.Is(err, fs.ErrNotExist) {
			c.missing = append(c.missing, path)
			continue
		}
		if err != nil {
			return nil, usageErr(fmt.Errorf("reading config file %s: %w (check -configFiles and -workingDirectory)", path, unwrapPath(err)))
		}
		l, err := parseFile(path, data)
		if err != nil {
			return nil, err
		}
		c.Files = append(c.Files, path)
		layers = append(layers, l)
	}
	c.merged = merge(append(layers, overridesLayer(opts.Overrides))...)
	if err := c.validate(); err != nil {
		return nil, err
	}
	c.secrets = c.collectSecrets()
	return c, nil
}

// unwrapPath drops the *fs.PathError wrapper, whose text repeats the path.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Path resolves a relative path against the working directory.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.WorkingDirectory == "" {
		return p
	}
	return filepath.Join(c.WorkingDirectory, p)
}

// validate checks what can be checked without resolving an environment:
// root keys, and the syntax of every resolver.
func (c *Config) validate() error {
	for l, e := range c.merged {
		if _, err := expandValue(e.value, nil); err != nil {
			return usageErr(fmt.Errorf("%s: %s: %w", e.source, l.name(), err))
		}
	}
	for _, k := range []string{"id", "name", "databaseType"} {
		e, ok := c.merged[loc{key: k}]
		if !ok {
			continue
		}
		s, _ := expand(e.value.(string), c.lookup)
		switch k {
		case "id":
			c.ID = s
		case "name":
			c.Name = s
		case "databaseType":
			if !strings.EqualFold(s, "PostgreSql") {
				return usageErr(fmt.Errorf("%s: databaseType = %q: pgfleet deploys to PostgreSQL only; set databaseType = \"PostgreSql\"", e.source, s))
			}
			c.DatabaseType = s
		}
	}
	return nil
}

// name returns the TOML path of a loc, for messages.
func (l loc) name() string {
	if l.env == "" {
		return l.key
	}
	if l.key == "" {
		return "environments." + l.env
	}
	return "environments." + l.env + "." + l.key
}

// Environments returns the names of the configured environments, sorted.
func (c *Config) Environments() []string {
	return c.merged.environments()
}

// EnvironmentName returns the environment selected by -environment or
// [flyway] environment, "default" when neither is set.
func (c *Config) EnvironmentName() (string, error) {
	e, ok := c.merged[loc{key: "flyway.environment"}]
	if !ok {
		return "default", nil
	}
	s, err := expand(e.value.(string), c.lookup)
	if err != nil {
		return "", usageErr(fmt.Errorf("%s: flyway.environment: %w", e.source, err))
	}
	if s == "" {
		return "default", nil
	}
	return s, nil
}

func usageErr(err error) error {
	return exitcode.New(exitcode.Usage, err)
}

// IsSet reports whether a file or the command line set a key for
// environment env, as opposed to the key keeping its default. name is a
// [flyway] key ("flyway.check.buildEnvironment", looked up at the root and
// in [environments.ENV.flyway]) or an environment key ("url").
func (c *Config) IsSet(env, name string) bool {
	if strings.HasPrefix(name, "flyway.") {
		if _, ok := c.merged[loc{key: name}]; ok {
			return true
		}
	}
	_, ok := c.merged[loc{env: env, key: name}]
	return ok && env != ""
}
