// Package check holds the checks of the per-target pipeline that read a
// target: drift (live target against its last deployed snapshot), changes
// (what deploying the model would do) and dry runs of a prepared script.
// Code review rules live in package codereview.
package check

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pgfleet/pgfleet/internal/script"
)

// Outcome of one statement in a dry run.
const (
	DryRunOK         = "ok"
	DryRunFailed     = "failed"
	DryRunNotReached = "not reached" // an earlier statement failed
	DryRunNotRun     = "not run"     // cannot run inside a transaction
)

// DryRunOptions bound a dry run.
type DryRunOptions struct {
	LockTimeout      time.Duration
	StatementTimeout time.Duration
}

// StatementResult is what happened to one statement.
type StatementResult struct {
	Line     int           `json:"line"`
	SQL      string        `json:"sql"`
	Outcome  string        `json:"outcome"`
	Duration time.Duration `json:"durationNs"`
	Error    string        `json:"error,omitempty"`
	// SQLState is PostgreSQL's error code for a failed statement.
	SQLState string `json:"sqlState,omitempty"`
}

// DryRunResult is the report of a dry run.
type DryRunResult struct {
	Script     string            `json:"script"`
	Statements []StatementResult `json:"statements"`
	Succeeded  bool              `json:"succeeded"`
}

// DryRun runs the transactional part of s inside a transaction that is
// always rolled back, so the target is never changed, and reports each
// statement's outcome and duration. Statements that cannot run in a
// transaction are listed as not run: they were parsed, not executed.
func DryRun(ctx context.Context, conn *pgx.Conn, s *script.Script, opts DryRunOptions) (*DryRunResult, error) {
	res := &DryRunResult{Script: s.Name, Succeeded: true}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting the dry-run transaction: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := setLocalTimeouts(ctx, tx, opts); err != nil {
		return nil, err
	}
	failed := false
	// Steps that commit before the real transaction run inside this one:
	// a statement using what they add then fails with 55P04 (unsafe use
	// of a new enum value), which the real deployment avoids, so that
	// failure is reported as not verifiable rather than as a failure.
	for _, st := range append(append([]script.Statement{}, s.BeforeTransaction...), s.Transactional...) {
		r := StatementResult{Line: st.Line, SQL: st.SQL, Outcome: DryRunNotReached}
		if !failed {
			r = runOne(ctx, tx, st)
			failed = r.Outcome == DryRunFailed
		}
		res.Statements = append(res.Statements, r)
	}
	for _, st := range s.NonTransactional {
		res.Statements = append(res.Statements, StatementResult{Line: st.Line, SQL: st.SQL, Outcome: DryRunNotRun,
			Error: "cannot run inside a transaction: parsed, not executed"})
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("dry run of %s: %w", s.Name, err)
	}
	if err := tx.Rollback(ctx); err != nil {
		return nil, fmt.Errorf("rolling back the dry run: %w", err)
	}
	res.Succeeded = !failed
	return res, nil
}

// unsafeNewValue is PostgreSQL's error for using an enum value added in
// the same transaction.
const unsafeNewValue = "55P04"

// runOne runs a statement under a savepoint, so that a statement the real
// deployment would run differently can be rolled back and the dry run go on.
func runOne(ctx context.Context, tx pgx.Tx, st script.Statement) StatementResult {
	r := StatementResult{Line: st.Line, SQL: st.SQL, Outcome: DryRunOK}
	if _, err := tx.Exec(ctx, "SAVEPOINT pgfleet_dry_run"); err != nil {
		return StatementResult{Line: st.Line, SQL: st.SQL, Outcome: DryRunFailed, Error: err.Error()}
	}
	start := time.Now()
	_, err := tx.Exec(ctx, st.SQL, pgx.QueryExecModeSimpleProtocol)
	r.Duration = time.Since(start)
	if err == nil {
		return r
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		r.SQLState = pgErr.Code
	}
	if _, rbErr := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT pgfleet_dry_run"); rbErr != nil {
		r.Outcome, r.Error = DryRunFailed, err.Error()
		return r
	}
	if r.SQLState == unsafeNewValue {
		r.Outcome, r.Error = DryRunNotRun, "uses an enum value the deployment commits before its transaction: not verifiable in a dry run"
		return r
	}
	r.Outcome, r.Error = DryRunFailed, err.Error()
	return r
}

func setLocalTimeouts(ctx context.Context, tx pgx.Tx, opts DryRunOptions) error {
	for name, d := range map[string]time.Duration{"lock_timeout": opts.LockTimeout, "statement_timeout": opts.StatementTimeout} {
		if d <= 0 {
			continue
		}
		if _, err := tx.Exec(ctx, "SELECT set_config($1, $2, true)", name, fmt.Sprintf("%dms", d.Milliseconds())); err != nil {
			return fmt.Errorf("setting %s: %w", name, err)
		}
	}
	return nil
}
