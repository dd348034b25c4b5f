// Package placeholder replaces Flyway-style placeholders (${name}) in
// migration scripts and script configuration: configurable prefix, suffix
// and separator, case-insensitive names, and the built-in flyway:
// placeholders.
package placeholder

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
)

// Builtin names the built-in placeholders, written with the separator after
// "flyway" (for example ${flyway:environment}).
var Builtin = []string{
	"defaultSchema", "user", "database", "timestamp",
	"filename", "workingDirectory", "table", "environment",
}

// Syntax is the placeholder syntax: Prefix + name + Suffix, and the
// Separator between "flyway" and a built-in name.
type Syntax struct {
	Prefix, Suffix, Separator string
}

// DefaultSyntax is Flyway's default syntax: ${name} and ${flyway:name}.
var DefaultSyntax = Syntax{Prefix: "${", Suffix: "}", Separator: ":"}

// WithDefaults fills empty fields of s from DefaultSyntax.
func (s Syntax) WithDefaults() Syntax {
	if s.Prefix == "" {
		s.Prefix = DefaultSyntax.Prefix
	}
	if s.Suffix == "" {
		s.Suffix = DefaultSyntax.Suffix
	}
	if s.Separator == "" {
		s.Separator = DefaultSyntax.Separator
	}
	return s
}

// Replacer replaces placeholders. Build it with New.
type Replacer struct {
	syntax Syntax
	values map[string]string // lower-cased name -> value
}

// New returns a Replacer for user values and built-in values. builtins is
// keyed by the names in Builtin (for example "environment"); user names are
// matched case-insensitively.
func New(syntax Syntax, user, builtins map[string]string) *Replacer {
	syntax = syntax.WithDefaults()
	r := &Replacer{syntax: syntax, values: map[string]string{}}
	for _, k := range slices.Sorted(maps.Keys(user)) { // deterministic when names differ only in case
		r.values[strings.ToLower(k)] = user[k]
	}
	for k, v := range builtins {
		r.values[strings.ToLower("flyway"+syntax.Separator+k)] = v
	}
	return r
}

// Syntax returns the syntax r replaces.
func (r *Replacer) Syntax() Syntax { return r.syntax }

// Lookup returns the value of the placeholder name (case-insensitive) for
// the script file, whose base name is ${flyway:filename}.
func (r *Replacer) Lookup(name, file string) (string, bool) {
	key := strings.ToLower(name)
	if key == strings.ToLower("flyway"+r.syntax.Separator+"filename") {
		return filepath.Base(file), true
	}
	v, ok := r.values[key]
	return v, ok
}

// Replace replaces every placeholder in text, read from file. A prefix
// without a matching suffix is left as it is, as Flyway does. A placeholder
// without a value is an error naming it, the file and the line.
func (r *Replacer) Replace(text, file string) (string, error) {
	return r.ReplaceAt(text, file, 1)
}

// ReplaceAt is Replace for text that starts on line first of file, such as
// a value in a configuration file.
func (r *Replacer) ReplaceAt(text, file string, first int) (string, error) {
	var b strings.Builder
	rest := text
	for {
		i := strings.Index(rest, r.syntax.Prefix)
		if i < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		after := rest[i+len(r.syntax.Prefix):]
		j := strings.Index(after, r.syntax.Suffix)
		if j < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		name := after[:j]
		value, ok := r.Lookup(name, file)
		if !ok {
			line := first + strings.Count(text[:len(text)-len(rest)+i], "\n")
			return "", r.missing(name, file, line)
		}
		b.WriteString(rest[:i])
		b.WriteString(value)
		rest = after[j+len(r.syntax.Suffix):]
	}
}

func (r *Replacer) missing(name, file string, line int) error {
	ref := r.syntax.Prefix + name + r.syntax.Suffix
	if strings.HasPrefix(strings.ToLower(name), "flyway"+r.syntax.Separator) {
		return fmt.Errorf("%s:%d: no value for built-in placeholder %s; the built-ins are flyway%s%s",
			file, line, ref, r.syntax.Separator, strings.Join(Builtin, ", flyway"+r.syntax.Separator))
	}
	return fmt.Errorf("%s:%d: no value provided for placeholder %s; set it in [flyway.placeholders], "+
		"[environments.<env>.flyway.placeholders] or with -placeholders.%s=VALUE", file, line, ref, name)
}
