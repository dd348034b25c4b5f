package config

import (
	"reflect"
	"sort"
	"strings"
)

// Key describes one configuration key. The table of keys (Keys) is derived
// from the tags of Settings and EnvironmentSettings and drives command-line
// key resolution, suggestions and help.
type Key struct {
	// Name is the key's TOML path: "flyway.check.failOnDrift",
	// "environments.NAME.url", "flyway.placeholders.NAME".
	Name string
	// CLI is the key's command-line form without the leading dash:
	// "check.failOnDrift", "environments.NAME.url", "placeholders.NAME".
	CLI string
	// Namespace is the table the key lives in: "", "flyway",
	// "flyway.check", "environments.NAME".
	Namespace string
	// Type is one of string, bool, int, list (comma-separated on the
	// command line) and map (one entry per NAME).
	Type string
	// Default is the value used when no file or argument sets the key.
	Default string
	// Help is a one-line description.
	Help string
	// Secret says the key's value must never be shown.
	Secret bool

	internal string // key in a layer: "flyway.check.failOnDrift", "url", "id"
	pathKind string // "", "file" or "location"
	field    []int  // index path in Settings or EnvironmentSettings
	env      bool   // the key lives in EnvironmentSettings
	fleet    bool   // the key lives in FleetSettings ([fleet])
}

// Short returns the key's name without its namespace ("failOnDrift").
func (k Key) Short() string {
	return k.CLI[strings.LastIndex(k.CLI, ".")+1:]
}

var (
	keyTable   []Key           // every key, in declaration order
	flywayKeys map[string]*Key // by internal name, e.g. "flyway.check.failOnDrift"
	envKeys    map[string]*Key // by internal name, e.g. "url"
	namespaces map[string]bool // "flyway.check", "flyway.prepare", ...
)

func init() {
	namespaces = map[string]bool{}
	keyTable = append(keyTable,
		Key{Name: "id", internal: "id", Type: "string", Help: "the project's unique identifier (file only)"},
		Key{Name: "name", internal: "name", Type: "string", Help: "the project's display name (file only)"},
		Key{Name: "databaseType", internal: "databaseType", Type: "string", Default: "PostgreSql", Help: "must be PostgreSql (file only)"},
	)
	walkKeys(reflect.TypeOf(Settings{}), "flyway", nil, false)
	walkKeys(reflect.TypeOf(EnvironmentSettings{}), "environments.NAME", nil, true)
	keyTable = append(keyTable, fleetKeys()...)
	flywayKeys, envKeys = map[string]*Key{}, map[string]*Key{}
	for i := range keyTable {
		k := &keyTable[i]
		switch {
		case k.env:
			envKeys[k.internal] = k
		case k.fleet:
		case strings.HasPrefix(k.internal, "flyway."):
			flywayKeys[k.internal] = k
		}
	}
}

// walkKeys appends one Key per tagged field of t, recursing into nested
// namespaces (structs).
func walkKeys(t reflect.Type, ns string, index []int, env bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("toml")
		idx := append(append([]int{}, index...), i)
		if f.Type.Kind() == reflect.Struct {
			if env {
				continue // [environments.NAME.flyway] reuses the Settings keys
			}
			namespaces[ns+"."+name] = true
			walkKeys(f.Type, ns+"."+name, idx, env)
			continue
		}
		k := Key{
			Name: ns + "." + name, Namespace: ns, Type: typeName(f.Type),
			Default: f.Tag.Get("default"), Help: f.Tag.Get("help"),
			Secret: IsSecretName(name), pathKind: f.Tag.Get("path"), field: idx, env: env,
		}
		k.internal = strings.TrimPrefix(k.Name, "environments.NAME.")
		k.CLI = strings.TrimPrefix(k.Name, "flyway.")
		if legacyEnvKeys[k.CLI] {
			k.CLI = k.Name // -schemas sets the default environment's schemas
		}
		if k.Type == "map" {
			k.Name += ".NAME"
			k.CLI += ".NAME"
		}
		keyTable = append(keyTable, k)
	}
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "bool"
	case reflect.Int:
		return "int"
	case reflect.Slice:
		return "list"
	case reflect.Map:
		return "map"
	default:
		return "string"
	}
}

// Keys returns every known configuration key: root keys, [flyway] and its
// sub-tables, and [environments.NAME].
func Keys() []Key {
	return append([]Key(nil), keyTable...)
}

// IsSecretName reports whether a key or placeholder name holds a secret
// (password, token, secret, apiKey, ...), whose value must never be shown.
func IsSecretName(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"password", "passwd", "pwd", "token", "secret", "apikey", "api_key", "credential", "privatekey"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// lookupFlyway finds the key for an internal flyway name, including map
// entries ("flyway.placeholders.x" gives the placeholders key).
func lookupFlyway(internal string) (*Key, string) {
	if k, ok := flywayKeys[internal]; ok {
		return k, ""
	}
	if rest, ok := strings.CutPrefix(internal, "flyway.placeholders."); ok {
		return flywayKeys["flyway.placeholders"], rest
	}
	return nil, ""
}

// lookupEnv finds the key for an internal environment key name.
func lookupEnvKey(internal string) (*Key, string) {
	if k, ok := envKeys[internal]; ok {
		return k, ""
	}
	if rest, ok := strings.CutPrefix(internal, "jdbcProperties."); ok {
		return envKeys["jdbcProperties"], rest
	}
	return nil, ""
}

// flywayCLINames returns the command-line names of every [flyway] key.
func flywayCLINames() []string {
	var names []string
	for _, k := range keyTable {
		if !k.env && k.Namespace != "" {
			names = append(names, k.CLI)
		}
	}
	sort.Strings(names)
	return names
}
