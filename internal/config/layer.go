package config

import (
	"sort"
	"strings"
)

// loc addresses one value in a layer. env is "" for the root and [flyway]
// keys; key is an internal key name: "id", "flyway.check.failOnDrift",
// "flyway.placeholders.NAME" at the root; "url", "jdbcProperties.NAME",
// "flyway.locations" in an environment.
type loc struct {
	env string
	key string
}

// entry is one configured value and where it came from ("flyway.toml:12",
// "command line -url").
type entry struct {
	value  any // string, bool, int64, float64, []any from TOML; string from the command line
	source string
}

// layer holds the values set by one configuration file or by the command
// line. Later layers override earlier ones key by key.
type layer map[loc]entry

// merge returns the layers merged in order, later values winning.
func merge(layers ...layer) layer {
	out := layer{}
	for _, l := range layers {
		for k, v := range l {
			out[k] = v
		}
	}
	return out
}

// environments returns the names of the environments a layer defines,
// sorted.
func (l layer) environments() []string {
	seen := map[string]bool{}
	for k := range l {
		if k.env != "" {
			seen[k.env] = true
		}
	}
	return sortedKeys(seen)
}

// scoped returns the locs of one environment ("" for the root) whose key
// starts with prefix, sorted by key.
func (l layer) scoped(env, prefix string) []loc {
	var out []loc
	for k := range l {
		if k.env == env && k.key != "" && strings.HasPrefix(k.key, prefix) {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}
