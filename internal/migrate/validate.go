package migrate

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// InvalidMigration is one migration Validate rejects.
type InvalidMigration struct {
	Version      string       `json:"version"`
	Description  string       `json:"description"`
	Filepath     string       `json:"filepath"`
	ErrorDetails ErrorDetails `json:"errorDetails"`
}

// ErrorDetails is Flyway's error shape.
type ErrorDetails struct {
	ErrorCode    string `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
}

// ValidateResult is the result of Validate, in Flyway's JSON shape.
type ValidateResult struct {
	ErrorDetails         *ErrorDetails      `json:"errorDetails"`
	InvalidMigrations    []InvalidMigration `json:"invalidMigrations"`
	ValidationSuccessful bool               `json:"validationSuccessful"`
	ValidateCount        int                `json:"validateCount"`
	Warnings             []string           `json:"warnings"`
	Operation            string             `json:"operation"`
}

// ValidationError is returned by Validate and Migrate when migrations are
// invalid.
type ValidationError struct {
	Invalid []InvalidMigration
}

// Error lists every invalid migration.
func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Invalid))
	for i, m := range e.Invalid {
		msgs[i] = m.ErrorDetails.ErrorMessage
	}
	return fmt.Sprintf("%d migration(s) failed validation:\n  %s", len(msgs), strings.Join(msgs, "\n  "))
}

// Validate compares the local migrations with the history: checksums,
// descriptions and types of applied migrations, failed, missing, pending
// and ignored migrations, relaxed by IgnoreMigrationPatterns. Changing a
// Deploy Rule never fails validation; a migration its rule skips is not
// reported as pending.
func Validate(ctx context.Context, conn *pgx.Conn, opts Options) (*ValidateResult, error) {
	s, err := open(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	r, _, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	res := &ValidateResult{ValidationSuccessful: true, Warnings: s.warnings(), Operation: "validate", InvalidMigrations: []InvalidMigration{}}
	entries := r.resolve()
	res.ValidateCount = len(entries)
	if err := validateEntries(entries, s.opts.IgnoreMigrationPatterns, false); err != nil {
		res.ValidationSuccessful = false
		res.InvalidMigrations = err.(*ValidationError).Invalid
		res.ErrorDetails = &ErrorDetails{ErrorCode: "VALIDATE_ERROR", ErrorMessage: err.Error()}
		return res, err
	}
	return res, nil
}

// validateEntries returns a *ValidationError for the invalid entries. Before
// migrate, pending and outdated migrations are expected.
func validateEntries(entries []*entry, patterns []string, onMigrate bool) error {
	var invalid []InvalidMigration
	for _, e := range entries {
		problem := e.problem
		if e.status == "pending" && problem == "" && !onMigrate {
			problem = fmt.Sprintf("detected resolved migration not applied to database: %s (%s); run migrate, or set -ignoreMigrationPatterns='*:pending'",
				e.m.label(), e.m.Path)
		}
		if problem == "" || onMigrate && (e.status == "pending" || e.status == "outdated") || ignored(e, patterns) {
			continue
		}
		invalid = append(invalid, InvalidMigration{Version: e.info.Version, Description: e.info.Description,
			Filepath: e.info.Filepath, ErrorDetails: ErrorDetails{ErrorCode: errorCode(e), ErrorMessage: problem}})
	}
	if len(invalid) > 0 {
		return &ValidationError{Invalid: invalid}
	}
	return nil
}

func errorCode(e *entry) string {
	switch {
	case strings.Contains(e.problem, "checksum mismatch"):
		return "CHECKSUM_MISMATCH"
	case strings.Contains(e.problem, "description mismatch"):
		return "DESCRIPTION_MISMATCH"
	case strings.Contains(e.problem, "type mismatch"):
		return "TYPE_MISMATCH"
	}
	return strings.ToUpper(e.status) + "_MIGRATION"
}

// ignored reports whether an IgnoreMigrationPatterns entry
// ("type:status", case-insensitive) covers the entry.
func ignored(e *entry, patterns []string) bool {
	kind := "versioned"
	if e.info.Category == KindRepeatable.String() {
		kind = "repeatable"
	}
	for _, p := range patterns {
		for _, one := range strings.Split(p, ",") {
			t, st, ok := strings.Cut(strings.ToLower(strings.TrimSpace(one)), ":")
			status := e.status
			if status == "outdated" { // an outdated repeatable is pending re-application
				status = "pending"
			}
			if ok && (t == "*" || t == kind) && (st == "*" || st == status) {
				return true
			}
		}
	}
	return false
}
