package migrate

import (
	"fmt"
	"strings"
	"time"

	"github.com/pgfleet/pgfleet/internal/placeholder"
)

// Options configures every command. Start from DefaultOptions: several
// fields default to true, as in Flyway.
type Options struct {
	// Locations are filesystem directories, already resolved; a
	// "filesystem:" prefix is accepted. They are scanned recursively over
	// non-hidden directories.
	Locations []string
	// Table is the schema history table (flyway_schema_history).
	Table string
	// DefaultSchema holds the history table; empty means the first of
	// Schemas, else the connection's current schema.
	DefaultSchema string
	// Schemas are the managed schemas; missing ones are created by Migrate
	// and Baseline when CreateSchemas is set.
	Schemas       []string
	CreateSchemas bool
	// Environment is the value of ${flyway:environment} ("default").
	Environment string
	// Placeholders are user placeholder values, names case-insensitive:
	// [flyway.placeholders] merged with the environment's and the command
	// line's, already resolved by the caller.
	Placeholders           map[string]string
	PlaceholderPrefix      string // "${"
	PlaceholderSuffix      string // "}"
	PlaceholderSeparator   string // ":"
	PlaceholderReplacement bool   // true
	// ExecuteInTransaction is the default for scripts whose .sql.conf does
	// not say (true).
	ExecuteInTransaction bool
	// Group applies all pending migrations in one transaction.
	Group bool
	// Mixed lets a migration mix statements that cannot run in a
	// transaction (CREATE INDEX CONCURRENTLY ...) with others; it then runs
	// without a transaction.
	Mixed bool
	// ValidateMigrationNaming makes a misnamed .sql file an error rather
	// than a warning.
	ValidateMigrationNaming bool
	// Target is the highest version Migrate applies, or the lowest version
	// Undo undoes: "latest" (default), "current", or a version.
	Target string
	// CherryPick limits Migrate to these migrations: versions, or
	// descriptions of repeatables. Empty means all.
	CherryPick []string
	// OutOfOrder lets Migrate apply a version lower than the highest
	// applied one.
	OutOfOrder bool
	// StrictRuleOrder treats a migration whose Deploy Rule has become true
	// like any other migration: when its version is below the highest
	// applied version it needs OutOfOrder, as in Flyway. By default such a
	// migration runs out of order, since skipping it earlier was intended.
	StrictRuleOrder     bool
	BaselineOnMigrate   bool
	BaselineVersion     string // "1"
	BaselineDescription string // "<< Flyway Baseline >>"
	// ValidateOnMigrate validates before migrating (true).
	ValidateOnMigrate bool
	// IgnoreMigrationPatterns relax Validate, e.g. "*:future" (the default),
	// "repeatable:missing", "versioned:pending".
	IgnoreMigrationPatterns []string
	// InstalledBy is recorded in the history; empty means current_user.
	InstalledBy string
	// Encoding of the scripts: UTF-8 (default) or ISO-8859-1.
	Encoding string
	// WorkingDirectory is ${flyway:workingDirectory}.
	WorkingDirectory string
	// LockWait bounds how long a command waits for another one holding the
	// history table's advisory lock (1 minute).
	LockWait time.Duration
	// Now returns the time for ${flyway:timestamp}; nil means time.Now.
	Now func() time.Time
}

// DefaultOptions returns Flyway's defaults.
func DefaultOptions() Options {
	return Options{
		Table:                   "flyway_schema_history",
		CreateSchemas:           true,
		Environment:             "default",
		PlaceholderPrefix:       placeholder.DefaultSyntax.Prefix,
		PlaceholderSuffix:       placeholder.DefaultSyntax.Suffix,
		PlaceholderSeparator:    placeholder.DefaultSyntax.Separator,
		PlaceholderReplacement:  true,
		ExecuteInTransaction:    true,
		Target:                  "latest",
		BaselineVersion:         "1",
		BaselineDescription:     baselineMarker,
		ValidateOnMigrate:       true,
		IgnoreMigrationPatterns: []string{"*:future"},
		Encoding:                "UTF-8",
		LockWait:                time.Minute,
	}
}

// syntax returns the placeholder syntax.
func (o *Options) syntax() placeholder.Syntax {
	return placeholder.Syntax{Prefix: o.PlaceholderPrefix, Suffix: o.PlaceholderSuffix, Separator: o.PlaceholderSeparator}.WithDefaults()
}

// check validates the options and fills the zero values that have a safe
// default.
func (o *Options) check() error {
	if len(o.Locations) == 0 {
		return fmt.Errorf("checking options: no migration locations; set locations, e.g. [\"filesystem:migrations\"]")
	}
	o.Locations = append([]string(nil), o.Locations...) // never write to the caller's slice
	for i, l := range o.Locations {
		if rest, ok := strings.CutPrefix(l, "filesystem:"); ok {
			o.Locations[i] = rest
		} else if strings.Contains(l, ":") && !strings.Contains(l, `:\`) {
			return fmt.Errorf("checking options: location %q: only filesystem: locations are supported", l)
		}
	}
	if o.Table == "" {
		o.Table = "flyway_schema_history"
	}
	if o.Environment == "" {
		o.Environment = "default"
	}
	if o.BaselineVersion == "" {
		o.BaselineVersion = "1"
	}
	if o.BaselineDescription == "" {
		o.BaselineDescription = baselineMarker
	}
	if o.Target == "" {
		o.Target = "latest"
	}
	if o.LockWait == 0 {
		o.LockWait = time.Minute
	}
	if _, err := ParseVersion(o.BaselineVersion); err != nil {
		return fmt.Errorf("checking baselineVersion: %w", err)
	}
	if t := strings.ToLower(o.Target); t != "latest" && t != "current" {
		if _, err := ParseVersion(o.Target); err != nil {
			return fmt.Errorf("checking target: %w; use latest, current or a version", err)
		}
	}
	return nil
}
