package migrate

import (
	"fmt"
	"strings"
)

// Kind is the kind of a migration file, from its prefix.
type Kind int

// The kinds of migration files.
const (
	KindVersioned  Kind = iota // V<version>__<description>.sql
	KindRepeatable             // R__<description>.sql
	KindUndo                   // U<version>__<description>.sql
	KindBaseline               // B<version>__<description>.sql
)

// String returns Flyway's category name.
func (k Kind) String() string {
	return [...]string{"Versioned", "Repeatable", "Undo", "Baseline"}[k]
}

// parsedName is what a file name says.
type parsedName struct {
	kind        Kind
	version     Version
	description string
}

// parseName parses a migration file's base name. ok is false for a file that
// is not a .sql file at all; err is set for a misnamed .sql file.
func parseName(base string) (parsedName, bool, error) {
	if len(base) < 4 || !strings.EqualFold(base[len(base)-4:], ".sql") {
		return parsedName{}, false, nil
	}
	stem := base[:len(base)-4]
	kinds := map[byte]Kind{'V': KindVersioned, 'R': KindRepeatable, 'U': KindUndo, 'B': KindBaseline}
	kind, known := kinds[stem[0]]
	if !known {
		return parsedName{}, true, fmt.Errorf("%s: a migration name starts with V, R, U or B", base)
	}
	version, desc, found := strings.Cut(stem[1:], "__")
	if !found {
		return parsedName{}, true, fmt.Errorf("%s: no __ between version and description (e.g. V1__create_table.sql)", base)
	}
	p := parsedName{kind: kind, description: strings.ReplaceAll(desc, "_", " ")}
	if kind == KindRepeatable {
		if version != "" {
			return parsedName{}, true, fmt.Errorf("%s: a repeatable migration has no version (R__description.sql)", base)
		}
		return p, true, nil
	}
	v, err := ParseVersion(version)
	if err != nil {
		return parsedName{}, true, fmt.Errorf("%s: %w", base, err)
	}
	p.version = v
	return p, true, nil
}
