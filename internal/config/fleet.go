package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// FleetSettings holds the [fleet] table, pgfleet's own (Flyway has no such
// table): how a rollout walks the fleet of environments. Its tags describe
// the [fleet] keys as Settings' tags describe the [flyway] keys.
type FleetSettings struct {
	Canary         string   `toml:"canary" json:"canary" help:"environment deployed first, alone, before the waves"`
	Waves          []any    `toml:"waves" json:"waves" default:"100%" help:"cumulative percentages of the remaining targets ([\"10%\", \"50%\", \"100%\"]) or lists of environment names"`
	Include        []string `toml:"include" json:"include" default:"*" help:"globs of the environments that are fleet targets"`
	Exclude        []string `toml:"exclude" json:"exclude" help:"globs of environments that are not fleet targets (the build environment never is)"`
	Parallelism    int      `toml:"parallelism" json:"parallelism" default:"8" help:"targets worked on at the same time"`
	StopOnFailure  bool     `toml:"stopOnFailure" json:"stopOnFailure" default:"true" help:"stop a wave (and the rollout) at its first failed target"`
	RecheckAfter   string   `toml:"recheckAfter" json:"recheckAfter" default:"10m" help:"a wave that took longer: re-check drift and re-prepare the next wave first"`
	Timeout        string   `toml:"timeout" json:"timeout" default:"5m" help:"time allowed per target and step (drift check, prepare, deploy)"`
	ConnectRetries int      `toml:"connectRetries" json:"connectRetries" default:"2" help:"connection retries per target when its environment sets fewer"`
	ScriptFolder   string   `toml:"scriptFolder" json:"scriptFolder" default:"generated" help:"folder of per-target scripts and reports: FOLDER/TARGET/D__deployment.sql"`
}

// Fleet is the validated [fleet] table.
type Fleet struct {
	Canary         string
	Waves          []Wave
	Include        []string
	Exclude        []string
	Parallelism    int
	StopOnFailure  bool
	RecheckAfter   time.Duration
	Timeout        time.Duration
	ConnectRetries int
	// ScriptFolder is resolved against the working directory.
	ScriptFolder string
}

// Wave is one wave of a rollout: either Percent (cumulative, 1-100) of the
// targets after the canary, or the explicit Names (globs allowed).
type Wave struct {
	Percent int      `json:"percent,omitempty"`
	Names   []string `json:"names,omitempty"`
}

// fleetKeys returns the Keys of the [fleet] table.
func fleetKeys() []Key {
	t := reflect.TypeOf(FleetSettings{})
	keys := make([]Key, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("toml")
		typ := typeName(f.Type)
		keys = append(keys, Key{Name: "fleet." + name, CLI: "fleet." + name, Namespace: "fleet", Type: typ,
			Default: f.Tag.Get("default"), Help: f.Tag.Get("help"), internal: "fleet." + name, field: []int{i}, fleet: true})
	}
	return keys
}

// lookupFleet finds the key of an internal [fleet] name ("fleet.canary").
func lookupFleet(internal string) *Key {
	for i := range keyTable {
		if keyTable[i].fleet && keyTable[i].internal == internal {
			return &keyTable[i]
		}
	}
	return nil
}

// Fleet returns the validated [fleet] table, defaults applied. Errors name
// the file:line (or command-line key) at fault.
func (c *Config) Fleet() (Fleet, error) {
	var s FleetSettings
	for i := range keyTable {
		if k := &keyTable[i]; k.fleet && k.Default != "" {
			v, _ := c.fleetValue(k, k.Default)
			reflect.ValueOf(&s).Elem().FieldByIndex(k.field).Set(reflect.ValueOf(v))
		}
	}
	for _, l := range c.merged.scoped("", "fleet.") {
		e := c.merged[l]
		k := lookupFleet(l.key)
		if k == nil {
			return Fleet{}, usageErr(fmt.Errorf("%s: unknown key %s", e.source, l.key))
		}
		raw, err := expandValue(e.value, c.lookup)
		if err == nil {
			var v any
			if v, err = c.fleetValue(k, raw); err == nil {
				reflect.ValueOf(&s).Elem().FieldByIndex(k.field).Set(reflect.ValueOf(v))
				continue
			}
		}
		return Fleet{}, usageErr(fmt.Errorf("%s: %s: %w", e.source, l.key, err))
	}
	return c.validateFleet(s)
}

// fleetValue converts a raw value of a [fleet] key; waves stay raw.
func (c *Config) fleetValue(k *Key, raw any) (any, error) {
	if k.internal != "fleet.waves" {
		return convert(k, raw)
	}
	switch v := raw.(type) {
	case []any:
		return v, nil
	case string:
		var out []any
		for _, p := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(p))
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a list of percentages or of name lists, got %s", tomlType(raw))
}

func (c *Config) validateFleet(s FleetSettings) (Fleet, error) {
	f := Fleet{Canary: s.Canary, Include: s.Include, Exclude: s.Exclude, Parallelism: s.Parallelism,
		StopOnFailure: s.StopOnFailure, ConnectRetries: s.ConnectRetries, ScriptFolder: c.Path(s.ScriptFolder)}
	where := func(key string) string {
		if e, ok := c.merged[loc{key: "fleet." + key}]; ok {
			return e.source + ": fleet." + key
		}
		return "fleet." + key
	}
	var err error
	if f.Waves, err = parseWaves(s.Waves); err != nil {
		return Fleet{}, usageErr(fmt.Errorf("%s: %w", where("waves"), err))
	}
	if f.Parallelism < 1 {
		return Fleet{}, usageErr(fmt.Errorf("%s: parallelism must be at least 1, got %d", where("parallelism"), f.Parallelism))
	}
	if f.RecheckAfter, err = time.ParseDuration(s.RecheckAfter); err != nil {
		return Fleet{}, usageErr(fmt.Errorf("%s: %q is not a duration: write e.g. \"10m\" or \"90s\"", where("recheckAfter"), s.RecheckAfter))
	}
	if f.Timeout, err = time.ParseDuration(s.Timeout); err != nil || f.Timeout <= 0 {
		return Fleet{}, usageErr(fmt.Errorf("%s: %q is not a positive duration: write e.g. \"5m\" or \"90s\"", where("timeout"), s.Timeout))
	}
	return f, nil
}

// parseWaves reads waves: all percentages ("10%", increasing, at most
// 100%) or all lists of names.
func parseWaves(raw []any) ([]Wave, error) {
	var waves []Wave
	last := 0
	for i, item := range raw {
		switch v := item.(type) {
		case string:
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "%"))
			if err != nil || !strings.HasSuffix(v, "%") || n < 1 || n > 100 {
				return nil, fmt.Errorf("wave %d is %q: write a percentage from 1%% to 100%% or a list of environment names", i+1, v)
			}
			if n <= last {
				return nil, fmt.Errorf("wave %d (%d%%) must be larger than the wave before it (%d%%): percentages are cumulative", i+1, n, last)
			}
			last = n
			waves = append(waves, Wave{Percent: n})
		case []any:
			names, err := toList(v)
			if err != nil || len(names) == 0 {
				return nil, fmt.Errorf("wave %d: expected a non-empty list of environment names", i+1)
			}
			waves = append(waves, Wave{Names: names})
		default:
			return nil, fmt.Errorf("wave %d is %s: write a percentage such as \"50%%\" or a list of environment names", i+1, tomlType(item))
		}
	}
	for _, w := range waves {
		if (w.Percent > 0) != (waves[0].Percent > 0) {
			return nil, fmt.Errorf("mixes percentages and lists of names: use one form")
		}
	}
	return waves, nil
}

// BuildEnvironmentName returns [flyway.check] buildEnvironment as set at the
// root or on the command line (default "default_build"), without resolving
// any environment: the fleet never counts it as a target.
func (c *Config) BuildEnvironmentName() string {
	if e, ok := c.merged[loc{key: "flyway.check.buildEnvironment"}]; ok {
		if s, ok := e.value.(string); ok {
			if v, err := expand(s, c.lookup); err == nil {
				return v
			}
		}
	}
	return "default_build"
}
