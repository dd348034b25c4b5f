package migrate

import (
	"fmt"
	"strings"
)

// Version is a migration version: numeric parts compared part by part, so
// 1.2.10 > 1.2.9.4, leading zeros and trailing zero parts are insignificant
// (1.0 equals 1), as in Flyway's MigrationVersion.
type Version struct {
	text  string   // as displayed and recorded, e.g. "1.2" for V1_2
	parts []string // digits without leading zeros
}

// ParseVersion parses a version written with . or _ between its numeric
// parts.
func ParseVersion(s string) (Version, error) {
	text := strings.ReplaceAll(s, "_", ".")
	if text == "" {
		return Version{}, fmt.Errorf("parsing version: empty version")
	}
	var parts []string
	for _, p := range strings.Split(text, ".") {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return Version{}, fmt.Errorf("parsing version %q: parts must be numbers separated by . or _", s)
		}
		p = strings.TrimLeft(p, "0")
		parts = append(parts, p)
	}
	for len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return Version{text: text, parts: parts}, nil
}

// String returns the version as recorded in the history table.
func (v Version) String() string { return v.text }

// IsZero reports whether v is the zero Version (no version).
func (v Version) IsZero() bool { return v.text == "" }

// Compare returns -1, 0 or +1 as v is lower than, equal to or higher than w.
func (v Version) Compare(w Version) int {
	n := max(len(v.parts), len(w.parts))
	for i := range n {
		a, b := part(v.parts, i), part(w.parts, i)
		if c := compareDigits(a, b); c != 0 {
			return c
		}
	}
	return 0
}

func part(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return ""
}

func compareDigits(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}
