package migrate

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// ScriptError is a statement of a migration that PostgreSQL rejected.
type ScriptError struct {
	// Path is the migration file and Line the line of the error in it: the
	// line of the error position when PostgreSQL reports one, else the
	// line the statement starts on.
	Path string
	Line int
	// Statement is the failing statement, placeholders replaced.
	Statement string
	// RolledBack reports whether the migration's transaction was rolled
	// back, leaving nothing behind.
	RolledBack bool
	Err        error
}

// Error returns the file, line, PostgreSQL's message and what happened to
// the migration's changes.
func (e *ScriptError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: %v", e.Path, e.Line, e.Err)
	var pg *pgconn.PgError
	if errors.As(e.Err, &pg) && pg.Detail != "" {
		fmt.Fprintf(&b, " (%s)", pg.Detail)
	}
	if e.RolledBack {
		b.WriteString("; the migration was rolled back, fix the script and run migrate again")
	} else {
		b.WriteString("; the migration ran outside a transaction and may be half-applied: undo its changes by hand, then run repair")
	}
	return b.String()
}

// Unwrap returns PostgreSQL's error.
func (e *ScriptError) Unwrap() error { return e.Err }

// execStatements runs the statements of a script one by one on q.
func execStatements(ctx context.Context, q querier, path string, stmts []statement) error {
	for _, st := range stmts {
		if _, err := q.Exec(ctx, st.sql); err != nil {
			return &ScriptError{Path: path, Line: errorLine(st, err), Statement: st.sql, Err: err}
		}
	}
	return nil
}

// errorLine maps PostgreSQL's error position (1-based, in characters of the
// statement) to a line of the script.
func errorLine(st statement, err error) int {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Position <= 0 {
		return st.line
	}
	runes := []rune(st.sql)
	pos := min(int(pg.Position)-1, len(runes))
	return st.line + strings.Count(string(runes[:pos]), "\n")
}
