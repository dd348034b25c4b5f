package migrate

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/deployrule"
)

// Migration is a migration file found in a location.
type Migration struct {
	Kind        Kind
	Version     Version // zero for repeatables
	Description string
	// Script is the path relative to its location, as Flyway records it.
	Script string
	// Path is the file's path on disk.
	Path   string
	Config ScriptConfig
	// Rule is the compiled Deploy Rule; nil when shouldExecute is unset.
	Rule *deployrule.Rule
	// Text is the script decoded to UTF-8, placeholders not replaced.
	Text string
}

// Discovery is what Discover found.
type Discovery struct {
	Migrations []*Migration // versioned and baseline by version, then repeatables by description
	Undos      []*Migration // by version
	Warnings   []string
}

// Discover scans the locations for migrations, reads their .sql.conf files
// and compiles their Deploy Rules. A misnamed .sql file is an error when
// ValidateMigrationNaming is set and a warning otherwise.
func Discover(opts Options) (*Discovery, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	d := &Discovery{}
	for _, loc := range opts.Locations {
		if err := d.scan(opts, loc); err != nil {
			return nil, err
		}
	}
	if err := d.sortAndCheck(); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Discovery) scan(opts Options, loc string) error {
	var naming []string
	err := filepath.WalkDir(loc, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("scanning location %s: %w", loc, err)
		}
		if strings.HasPrefix(e.Name(), ".") && path != loc {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		m, ok, err := load(opts, loc, path)
		switch {
		case err != nil && isNamingError(err):
			naming = append(naming, err.Error())
		case err != nil:
			return err
		case ok && m.Kind == KindUndo:
			d.Undos = append(d.Undos, m)
		case ok:
			d.Migrations = append(d.Migrations, m)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(naming) > 0 && opts.ValidateMigrationNaming {
		return fmt.Errorf("validating migration names in %s (validateMigrationNaming=true; rename or move these files):\n  %s",
			loc, strings.Join(naming, "\n  "))
	}
	for _, n := range naming {
		d.Warnings = append(d.Warnings, "ignoring misnamed file "+n)
	}
	return nil
}

// namingError marks a misnamed file.
type namingError struct{ err error }

func (e namingError) Error() string { return e.err.Error() }

func isNamingError(err error) bool { _, ok := err.(namingError); return ok }

// load reads one migration file and its script configuration.
func load(opts Options, loc, path string) (*Migration, bool, error) {
	rel, err := filepath.Rel(loc, path)
	if err != nil {
		return nil, false, fmt.Errorf("locating %s: %w", path, err)
	}
	rel = filepath.ToSlash(rel)
	name, ok, err := parseName(filepath.Base(path))
	if !ok {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, namingError{fmt.Errorf("%s: %w", path, errorsTail(err, filepath.Base(path)))}
	}
	m := &Migration{Kind: name.kind, Version: name.version, Description: name.description, Script: rel, Path: path}
	if m.Config, err = readScriptConfig(path + ".conf"); err != nil {
		return nil, false, err
	}
	if m.Config.ShouldExecute != "" {
		if m.Rule, err = deployrule.CompileAt(m.Config.File, m.Config.ShouldExecuteLine, m.Config.ShouldExecute, opts.syntax()); err != nil {
			return nil, false, err
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("reading migration: %w", err)
	}
	if m.Text, err = decode(raw, m.encoding(opts), path); err != nil {
		return nil, false, err
	}
	return m, true, nil
}

// errorsTail strips the base name parseName put in front of its message.
func errorsTail(err error, base string) error {
	return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), base+": "))
}

func (m *Migration) encoding(opts Options) string {
	if m.Config.Encoding != "" {
		return m.Config.Encoding
	}
	return opts.Encoding
}

// inTransaction reports whether the migration runs in a transaction.
func (m *Migration) inTransaction(opts Options) bool {
	if m.Config.ExecuteInTransaction != nil {
		return *m.Config.ExecuteInTransaction
	}
	return opts.ExecuteInTransaction
}

// replacesPlaceholders reports whether placeholders are replaced in the
// script.
func (m *Migration) replacesPlaceholders(opts Options) bool {
	if m.Config.PlaceholderReplacement != nil {
		return *m.Config.PlaceholderReplacement
	}
	return opts.PlaceholderReplacement
}

func (d *Discovery) sortAndCheck() error {
	less := func(a, b *Migration) int {
		if (a.Kind == KindRepeatable) != (b.Kind == KindRepeatable) {
			if a.Kind == KindRepeatable {
				return 1
			}
			return -1
		}
		if a.Kind == KindRepeatable {
			return strings.Compare(a.Description, b.Description)
		}
		if c := a.Version.Compare(b.Version); c != 0 {
			return c
		}
		return int(a.Kind) - int(b.Kind)
	}
	slices.SortStableFunc(d.Migrations, less)
	slices.SortStableFunc(d.Undos, less)
	for _, list := range [][]*Migration{d.Migrations, d.Undos} {
		for i := 1; i < len(list); i++ {
			a, b := list[i-1], list[i]
			if less(a, b) == 0 {
				return fmt.Errorf("found more than one %s migration %s: %s and %s; rename one of them",
					strings.ToLower(a.Kind.String()), a.label(), a.Path, b.Path)
			}
		}
	}
	return nil
}

// label returns the version, or the description of a repeatable.
func (m *Migration) label() string {
	if m.Kind == KindRepeatable {
		return fmt.Sprintf("%q", m.Description)
	}
	return m.Version.String()
}
