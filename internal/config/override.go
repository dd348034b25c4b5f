package config

import (
	"fmt"
	"sort"
	"strings"
)

// Override is one configuration key set on the command line, resolved to
// the key it sets.
type Override struct {
	// Arg is the key as the user wrote it, e.g. "failOnDrift".
	Arg string
	// Env is the environment the key belongs to, or "" for [flyway] keys.
	Env string
	// Key is the key's name inside its table: "flyway.check.failOnDrift",
	// "flyway.placeholders.NAME", or for an environment "url",
	// "flyway.locations".
	Key string
	// Value is the raw value; resolvers in it run when an environment is
	// resolved.
	Value string
}

// Name returns the TOML path of the key the override sets.
func (o Override) Name() string {
	if o.Env == "" {
		return o.Key
	}
	return "environments." + o.Env + "." + o.Key
}

// legacyEnvKeys are the keys that, given without a namespace on the command
// line, define the environment named "default" (as in Flyway).
var legacyEnvKeys = map[string]bool{"url": true, "user": true, "password": true, "schemas": true}

// ParseOverride resolves a command-line key (without its dash) to the key it
// sets. Keys may be namespaced ("check.failOnDrift", optionally prefixed with
// "flyway."), short when unambiguous ("failOnDrift"), per environment
// ("environments.prod.url", "environments.prod.flyway.locations") or
// placeholders ("placeholders.NAME"). A short key that exists in one of
// commandNamespaces (e.g. "prepare" for the prepare command) resolves there
// first. Unknown and ambiguous keys give a usage error with a suggestion.
func ParseOverride(arg, value string, commandNamespaces []string) (Override, error) {
	o := Override{Arg: arg, Value: value}
	n, hadPrefix := strings.CutPrefix(arg, "flyway.")
	var err error
	switch {
	case legacyEnvKeys[n] && !hadPrefix:
		o.Env, o.Key = "default", n
	case strings.HasPrefix(n, "environments."):
		o.Env, o.Key, err = parseEnvOverride(arg, strings.TrimPrefix(n, "environments."))
	default:
		o.Key, err = parseFlywayOverride(arg, n, commandNamespaces)
	}
	if err != nil {
		return Override{}, usageErr(err)
	}
	if err := checkScalar(o); err != nil {
		return Override{}, usageErr(err)
	}
	return o, nil
}

func parseEnvOverride(arg, rest string) (env, key string, err error) {
	env, key, _ = strings.Cut(rest, ".")
	if env == "" || key == "" {
		return "", "", fmt.Errorf("incomplete key -%s: use -environments.NAME.KEY=VALUE, e.g. -environments.%s.url=URL", arg, orName(env))
	}
	if k, entryName := lookupEnvKey(key); k != nil && (k.Type != "map" || entryName != "") {
		return env, key, nil
	}
	if sub, ok := strings.CutPrefix(key, "flyway."); ok {
		fk, err := parseFlywayOverride(arg, sub, nil)
		if err != nil {
			return "", "", err
		}
		if fk == "flyway.environment" {
			return "", "", fmt.Errorf("-%s: environment cannot be set per environment; use -environment=NAME", arg)
		}
		return env, fk, nil
	}
	var names []string
	for name, k := range envKeys {
		if k.Type != "map" {
			names = append(names, name)
		}
	}
	return "", "", unknownKeyError(arg, key, names, "environments."+env+".")
}

func orName(env string) string {
	if env == "" {
		return "NAME"
	}
	return env
}

// parseFlywayOverride resolves n (a key without "flyway.") to an internal
// [flyway] key name.
func parseFlywayOverride(arg, n string, commandNamespaces []string) (string, error) {
	if rest, ok := strings.CutPrefix(n, "placeholders."); ok {
		if rest == "" {
			return "", fmt.Errorf("incomplete key -%s: use -placeholders.NAME=VALUE", arg)
		}
		return "flyway.placeholders." + rest, nil
	}
	if n == "placeholders" {
		return "", fmt.Errorf("-%s needs a name: use -placeholders.NAME=VALUE", arg)
	}
	for _, fold := range []bool{false, true} {
		k, err := matchFlywayKey(arg, n, commandNamespaces, fold)
		if err != nil || k != nil {
			if k != nil && k.Type == "map" {
				return "", fmt.Errorf("-%s needs a name: use -%s.NAME=VALUE", arg, k.CLI)
			}
			if k != nil {
				return k.internal, nil
			}
			return "", err
		}
	}
	return "", unknownKeyError(arg, n, append(flywayCLINames(), "url", "user", "password", "schemas"), "")
}

// matchFlywayKey finds n among the [flyway] keys: in the command's
// namespaces, by full name, then by short name. It returns an error when a
// short name is ambiguous and (nil, nil) when nothing matches.
func matchFlywayKey(arg, n string, commandNamespaces []string, fold bool) (*Key, error) {
	eq := func(a, b string) bool { return a == b || fold && strings.EqualFold(a, b) }
	var inCommand, full, short []*Key
	for i := range keyTable {
		k := &keyTable[i]
		if k.env || k.Namespace == "" {
			continue
		}
		if eq(k.CLI, n) {
			full = append(full, k)
		}
		if !strings.Contains(n, ".") && eq(k.Short(), n) {
			short = append(short, k)
			for _, ns := range commandNamespaces {
				if k.Namespace == "flyway."+ns {
					inCommand = append(inCommand, k)
				}
			}
		}
	}
	for _, set := range [][]*Key{inCommand, full, short} {
		if len(set) == 1 {
			return set[0], nil
		}
		if len(set) > 1 {
			return nil, ambiguousError(arg, set)
		}
	}
	return nil, nil
}

func ambiguousError(arg string, keys []*Key) error {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = "-" + k.CLI
	}
	sort.Strings(names)
	return fmt.Errorf("ambiguous key -%s: it could mean %s; write the namespaced form", arg, strings.Join(names, ", "))
}

func unknownKeyError(arg, n string, candidates []string, prefix string) error {
	msg := fmt.Sprintf("unknown key -%s", arg)
	if s := nearest(n, candidates); s != "" {
		return fmt.Errorf("%s; did you mean -%s%s? (pgfleet help keys lists every key)", msg, prefix, s)
	}
	if s := nearestLast(n, candidates); s != "" {
		return fmt.Errorf("%s; did you mean -%s%s? (pgfleet help keys lists every key)", msg, prefix, s)
	}
	return fmt.Errorf("%s (pgfleet help keys lists every key)", msg)
}

// checkScalar validates boolean and integer values early, so that a bad
// value is reported even by commands that do not read the key.
func checkScalar(o Override) error {
	k := o.key()
	if k == nil || strings.Contains(o.Value, "${") {
		return nil
	}
	_, err := convert(k, o.Value)
	if err != nil {
		return fmt.Errorf("command line -%s: %w", o.Arg, err)
	}
	return nil
}

// key returns the Key an override sets.
func (o Override) key() *Key {
	if o.Env == "" && strings.HasPrefix(o.Key, "fleet.") {
		return lookupFleet(o.Key)
	}
	if o.Env != "" && !strings.HasPrefix(o.Key, "flyway.") {
		k, _ := lookupEnvKey(o.Key)
		return k
	}
	k, _ := lookupFlyway(o.Key)
	return k
}

// layer turns overrides into a configuration layer.
func overridesLayer(overrides []Override) layer {
	l := layer{}
	for _, o := range overrides {
		l[loc{env: o.Env, key: o.Key}] = entry{value: o.Value, source: "command line -" + o.Arg}
	}
	return l
}

// Type returns the type of the key the override sets: string, bool, int,
// list or map (for one map entry).
func (o Override) Type() string {
	if k := o.key(); k != nil {
		return k.Type
	}
	return "string"
}
