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
// Placeholder names are case-insensitive, so a later "region" replaces an
// earlier "Region".
func merge(layers ...layer) layer {
	out := layer{}
	for _, l := range layers {
		for _, k := range l.sortedLocs() {
			v := l[k]
			if strings.HasPrefix(k.key, placeholderPrefix) {
				for old := range out {
					if old.env == k.env && strings.EqualFold(old.key, k.key) {
						delete(out, old)
					}
				}
			}
			out[k] = v
		}
	}
	return out
}

// placeholderPrefix starts the internal name of every placeholder.
const placeholderPrefix = "flyway.placeholders."

// sortedLocs returns the locs of a layer in a stable order.
func (l layer) sortedLocs() []loc {
	out := make([]loc, 0, len(l))
	for k := range l {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].env != out[j].env {
			return out[i].env < out[j].env
		}
		return out[i].key < out[j].key
	})
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
