package config

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// fileDoc is the shape of a flyway.toml file. Decoding into it with unknown
// fields disallowed is what rejects typos and wrongly typed values.
type fileDoc struct {
	ID           string                         `toml:"id"`
	Name         string                         `toml:"name"`
	DatabaseType string                         `toml:"databaseType"`
	Flyway       Settings                       `toml:"flyway"`
	Environments map[string]EnvironmentSettings `toml:"environments"`
	Fleet        FleetSettings                  `toml:"fleet"`
	// Flyway Desktop's own tables: accepted because real projects have
	// them, and ignored.
	FlywayDesktop  map[string]any `toml:"flywayDesktop"`
	RedgateCompare map[string]any `toml:"redgateCompare"`
}

// parseFile validates one TOML document and flattens it into a layer whose
// entries know their file:line.
func parseFile(name string, data []byte) (layer, error) {
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	var doc fileDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, decodeError(name, err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return nil, decodeError(name, err)
	}
	lines := keyLines(data)
	l := layer{}
	f := flattener{file: name, lines: lines, out: l}
	if err := f.root(raw); err != nil {
		return nil, err
	}
	return l, nil
}

// decodeError turns a go-toml error into one line naming file, line and key.
func decodeError(name string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		parts := make([]string, len(strict.Errors))
		for i, e := range strict.Errors {
			parts[i] = unknownFileKey(name, e)
		}
		return usageErr(errors.New(strings.Join(parts, "; ") + " (remove or rename: unknown keys are never ignored)"))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		key := strings.Join(de.Key(), ".")
		if key != "" {
			key = " (key " + key + ")"
		}
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if m := typeMismatch.FindStringSubmatch(msg); m != nil {
			return usageErr(fmt.Errorf("%s:%d:%d: wrong type for %s: got a TOML %s, want %s",
				name, line, col, strings.Join(de.Key(), "."), m[1], strings.TrimPrefix(m[2], "[]")+listSuffix(m[2])))
		}
		return usageErr(fmt.Errorf("%s:%d:%d: malformed TOML%s: %s", name, line, col, key, msg))
	}
	return usageErr(fmt.Errorf("%s: malformed TOML: %s", name, strings.TrimPrefix(err.Error(), "toml: ")))
}

// unknownFileKey describes one unknown key of a file, with a suggestion.
func unknownFileKey(name string, e toml.DecodeError) string {
	line, _ := e.Position()
	parts := e.Key()
	msg := fmt.Sprintf("%s:%d: unknown key %s", name, line, strings.Join(parts, "."))
	if len(parts) >= 3 && parts[0] == "environments" && parts[2] == "resolvers" {
		return msg + ": resolver configuration is not supported, pgfleet resolves ${env.VAR} only"
	}
	if s := suggestFileKey(parts); s != "" {
		msg += "; did you mean " + s + "?"
	}
	return msg
}

// typeMismatch matches go-toml's message for a value of the wrong type.
var typeMismatch = regexp.MustCompile(`cannot decode TOML (\w+) into .* of type (\S+)`)

func listSuffix(goType string) string {
	if strings.HasPrefix(goType, "[]") {
		return " list"
	}
	return ""
}

// keyLines maps every key path of a TOML document (parts joined by
// pathSep) to the 1-based line where it is written.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table, _ = keyParts(&p, e.Key())
		case unstable.KeyValue:
			recordKeyValue(&p, lines, table, e)
		}
	}
	return lines
}

func recordKeyValue(p *unstable.Parser, lines map[string]int, prefix []string, e *unstable.Node) {
	parts, line := keyParts(p, e.Key())
	full := append(append([]string{}, prefix...), parts...)
	lines[strings.Join(full, pathSep)] = line
	if v := e.Value(); v != nil && v.Kind == unstable.InlineTable {
		it := v.Children()
		for it.Next() {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				recordKeyValue(p, lines, full, n)
			}
		}
	}
}

func keyParts(p *unstable.Parser, it unstable.Iterator) ([]string, int) {
	var parts []string
	line := 0
	for it.Next() {
		n := it.Node()
		if line == 0 {
			line = p.Shape(n.Raw).Start.Line
		}
		parts = append(parts, string(n.Data))
	}
	return parts, line
}

// pathSep joins key parts in keyLines; it cannot occur in a TOML key.
const pathSep = "\x1f"

// flattener walks a decoded document and records one entry per known key.
type flattener struct {
	file  string
	lines map[string]int
	out   layer
}

func (f flattener) source(parts ...string) string {
	if line, ok := f.lines[strings.Join(parts, pathSep)]; ok {
		return fmt.Sprintf("%s:%d", f.file, line)
	}
	return f.file
}

func (f flattener) root(raw map[string]any) error {
	for _, k := range sortedKeys(raw) {
		switch k {
		case "id", "name", "databaseType":
			f.out[loc{key: k}] = entry{value: raw[k], source: f.source(k)}
		case "flyway":
			f.settings("", []string{"flyway"}, "flyway", raw[k].(map[string]any))
		case "fleet":
			for _, fk := range sortedKeys(raw[k].(map[string]any)) {
				f.out[loc{key: "fleet." + fk}] = entry{value: raw[k].(map[string]any)[fk], source: f.source(k, fk)}
			}
		case "environments":
			for _, env := range sortedKeys(raw[k].(map[string]any)) {
				f.environment(env, raw[k].(map[string]any)[env].(map[string]any))
			}
		}
	}
	return nil
}

func (f flattener) environment(env string, m map[string]any) {
	prefix := []string{"environments", env}
	if len(m) == 0 {
		// An empty [environments.NAME] still defines the environment.
		f.out[loc{env: env, key: ""}] = entry{source: f.source(prefix...)}
	}
	for _, k := range sortedKeys(m) {
		path := append(append([]string{}, prefix...), k)
		switch {
		case k == "flyway":
			f.settings(env, path, "flyway", m[k].(map[string]any))
		case k == "jdbcProperties":
			f.mapEntries(env, k, path, m[k].(map[string]any))
		default:
			f.out[loc{env: env, key: k}] = entry{value: m[k], source: f.source(path...)}
		}
	}
}

// settings flattens a [flyway] table (or one of its sub-tables); path is
// its TOML path and rel its key prefix ("flyway", "flyway.check").
func (f flattener) settings(env string, path []string, rel string, m map[string]any) {
	for _, k := range sortedKeys(m) {
		p := append(append([]string{}, path...), k)
		key := rel + "." + k
		switch {
		case namespaces[key]:
			f.settings(env, p, key, m[k].(map[string]any))
		case key == "flyway.placeholders":
			f.mapEntries(env, key, p, m[k].(map[string]any))
		default:
			f.out[loc{env: env, key: key}] = entry{value: m[k], source: f.source(p...)}
		}
	}
}

func (f flattener) mapEntries(env, key string, path []string, m map[string]any) {
	for _, name := range sortedKeys(m) {
		p := append(append([]string{}, path...), name)
		f.out[loc{env: env, key: key + "." + name}] = entry{value: m[name], source: f.source(p...)}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
