package config

import (
	"fmt"
	"strings"
	"unicode"
)

// LookupFunc looks up an environment variable, like os.LookupEnv. The
// config package never reads the process environment itself.
type LookupFunc func(name string) (string, bool)

// UnsetVariableError reports a ${env.VAR} whose variable is not set.
type UnsetVariableError struct {
	Variable string
}

// Error names the variable and says what to do.
func (e *UnsetVariableError) Error() string {
	return fmt.Sprintf("${env.%s} is not set: export the environment variable %s", e.Variable, e.Variable)
}

// expand replaces every ${resolver.key} (optionally ${resolver.key:filter})
// in s. $${...} is a literal ${...}. With lookup nil, only the syntax is
// checked and resolvers expand to "".
func expand(s string, lookup LookupFunc) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		if i > 0 && s[i-1] == '$' { // $${...} escapes
			b.WriteString(s[:i-1])
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				b.WriteString(s[i:])
				return b.String(), nil
			}
			b.WriteString(s[i : i+j+1])
			s = s[i+j+1:]
			continue
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("unterminated resolver %q: close it with } or escape it as $${", s[i:])
		}
		v, err := resolveOne(s[i+2:i+j], lookup)
		if err != nil {
			return "", err
		}
		b.WriteString(v)
		s = s[i+j+1:]
	}
}

// resolveOne resolves the inside of one ${...}.
func resolveOne(ref string, lookup LookupFunc) (string, error) {
	if strings.Contains(ref, "${") {
		return "", fmt.Errorf("nested resolver ${%s}: resolvers cannot be nested", ref)
	}
	ref, filter, _ := strings.Cut(ref, ":")
	resolver, name, ok := strings.Cut(ref, ".")
	if !ok || resolver == "" {
		return "", fmt.Errorf("malformed resolver ${%s}: write ${env.VARIABLE}", ref)
	}
	if resolver != "env" {
		return "", fmt.Errorf("unknown resolver %q in ${%s}: pgfleet supports ${env.VARIABLE}", resolver, ref)
	}
	if name == "" || strings.ContainsAny(name, " \t=") {
		return "", fmt.Errorf("malformed resolver ${%s}: write ${env.VARIABLE}", ref)
	}
	if err := checkFilter(filter); err != nil {
		return "", fmt.Errorf("resolver ${%s:%s}: %w", ref, filter, err)
	}
	if lookup == nil {
		return "", nil
	}
	v, ok := lookup(name)
	if !ok {
		return "", &UnsetVariableError{Variable: name}
	}
	return applyFilter(v, filter), nil
}

func checkFilter(filter string) error {
	for _, c := range filter {
		if !strings.ContainsRune("AaDd", c) {
			return fmt.Errorf("unknown filter character %q: use A, a, D or d", c)
		}
	}
	return nil
}

// applyFilter keeps only the characters a Flyway resolver filter allows:
// A Unicode letters, a ASCII letters, D Unicode digits, d ASCII digits.
func applyFilter(v, filter string) string {
	if filter == "" {
		return v
	}
	keep := func(r rune) bool {
		ascii := r < unicode.MaxASCII
		return strings.ContainsRune(filter, 'A') && unicode.IsLetter(r) ||
			strings.ContainsRune(filter, 'a') && ascii && unicode.IsLetter(r) ||
			strings.ContainsRune(filter, 'D') && unicode.IsDigit(r) ||
			strings.ContainsRune(filter, 'd') && ascii && unicode.IsDigit(r)
	}
	return strings.Map(func(r rune) rune {
		if keep(r) {
			return r
		}
		return -1
	}, v)
}

// expandValue expands resolvers in a raw value: a string or a list of them.
func expandValue(raw any, lookup LookupFunc) (any, error) {
	switch v := raw.(type) {
	case string:
		return expand(v, lookup)
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			x, err := expandValue(item, lookup)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	default:
		return raw, nil
	}
}
