// Package deploy applies a prepared deployment script to its target, all or
// nothing: it takes the target's advisory lock, refuses a target that changed
// since the script was prepared, runs the transactional part in one
// transaction with bounded lock and statement timeouts, runs the
// non-transactional steps one by one, reads the target back to verify it,
// and records the deployment.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/migrate"
	"github.com/pgfleet/pgfleet/internal/script"
)

// Options configure one deployment.
type Options struct {
	Target  string          // environment name, for messages
	Inspect inspect.Options // the schemas in scope and the tables left out
	// LockKey names the advisory lock shared with migrate (the qualified
	// schema history table), so deploys and migrates never overlap.
	LockKey          string
	LockWait         time.Duration // how long to wait for another deploy
	LockTimeout      time.Duration // lock_timeout for each statement
	StatementTimeout time.Duration // statement_timeout for each statement
	// Force deploys onto a target whose fingerprint differs from the one
	// the script was prepared against.
	Force bool
	// Known returns a catalog with the given fingerprint when one is at
	// hand (the target's deployed snapshot, say), else nil: it lets a
	// refusal or a failed verification list what differs, not only that
	// the fingerprints do.
	Known func(fingerprint string) *catalog.Catalog
	// Describe lists the differences between two catalogs, one line each.
	Describe func(from, to *catalog.Catalog) []string
	Log      io.Writer // progress lines; nil discards them
	// History, when set, is recorded in the schema history table inside
	// the deployment's transaction, so record and changes commit together.
	History *History
}

// History says where and how a deployment is recorded.
type History struct {
	Schema, Table string
	InstalledBy   string
}

// Summary is what pgfleet deploy reports of a deployment: its JSON result
// with -outputType=json, which the GitHub Action reads back.
type Summary struct {
	ScriptFilename   string   `json:"scriptFilename"`
	Deployed         bool     `json:"deployed"`
	AlreadyDeployed  bool     `json:"alreadyDeployed,omitempty"`
	Transactional    int      `json:"statementsInTransaction"`
	NonTransactional int      `json:"statementsOutsideTransaction"`
	DurationMS       int64    `json:"durationMs"`
	Verified         bool     `json:"verified"`
	SnapshotSaved    bool     `json:"snapshotSaved"`
	Warnings         []string `json:"warnings"`
}

// Result says what a deployment did.
type Result struct {
	Transactional    int // statements run in the transaction
	NonTransactional int // statements run one by one, before or after it
	Duration         time.Duration
	Before, After    *catalog.Catalog
	Verified         bool // the target reads back as the script expects
	// AlreadyDeployed is set when the target was already in the state
	// the script leads to (it ran before): nothing was applied.
	AlreadyDeployed bool
	Warnings        []string // e.g. a script without header
}

// StatementError reports the statement that failed and where it stands.
type StatementError struct {
	File string
	Line int
	SQL  string
	Err  error
	// RolledBack is true when the failure undid the whole transactional
	// part; false for a non-transactional step (earlier ones stay applied).
	RolledBack bool
}

func (e *StatementError) Error() string {
	what := "the transaction was rolled back: nothing was applied"
	if !e.RolledBack {
		what = "earlier non-transactional steps stay applied; each is safe to run again"
	}
	return fmt.Sprintf("%s:%d: %v (%s)", e.File, e.Line, e.Err, what)
}

func (e *StatementError) Unwrap() error { return e.Err }

// Run deploys s to the database behind pool.
func Run(ctx context.Context, pool *pgxpool.Pool, s *script.Script, opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", opts.Target, err)
	}
	defer conn.Release()
	unlock, err := migrate.Lock(ctx, conn.Conn(), opts.LockKey, opts.LockWait)
	if err != nil {
		return nil, fmt.Errorf("deploying to %s: %w", opts.Target, err)
	}
	defer unlock()
	if res.Before, err = verifyTarget(ctx, pool, s, opts, res); err != nil || res.AlreadyDeployed {
		return res, err
	}
	if err := runEach(ctx, conn.Conn(), s, s.BeforeTransaction, opts, res); err != nil {
		return res, err
	}
	if err := runTransactional(ctx, conn.Conn(), s, opts, start); err != nil {
		return res, err
	}
	res.Transactional = len(s.Transactional)
	if err := runEach(ctx, conn.Conn(), s, s.NonTransactional, opts, res); err != nil {
		return res, err
	}
	res.Duration = time.Since(start)
	return res, verifyResult(ctx, pool, s, opts, res)
}

// verifyTarget reads the target and refuses it when it changed since the
// script was prepared (exit code 5), unless forced.
func verifyTarget(ctx context.Context, pool *pgxpool.Pool, s *script.Script, opts Options, res *Result) (*catalog.Catalog, error) {
	live, err := inspect.Inspect(ctx, pool, opts.Inspect)
	if err != nil {
		return nil, fmt.Errorf("reading %s before deploying: %w", opts.Target, err)
	}
	if s.Header == nil {
		res.Warnings = append(res.Warnings, s.Name+" has no pgfleet header: deploying it without checking that "+
			opts.Target+" is still in the state it was prepared for")
		return live, nil
	}
	fp := live.Fingerprint()
	if fp == s.Header.ExpectedFingerprint && fp != s.Header.TargetFingerprint && !opts.Force {
		res.AlreadyDeployed, res.Verified, res.After = true, true, live
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s is already in the state %s leads to (fingerprint %s): "+
			"it was deployed before; nothing was applied", opts.Target, s.Name, short(fp)))
		return live, nil
	}
	if fp != s.Header.TargetFingerprint {
		msg := fmt.Sprintf("%s changed since %s was prepared (fingerprint %s, prepared against %s)%s",
			opts.Target, s.Name, short(fp), short(s.Header.TargetFingerprint), listChanges(opts, s.Header.TargetFingerprint, live))
		if !opts.Force {
			return nil, exitcode.New(exitcode.TargetChanged, errors.New(msg+
				"; nothing was applied: check drift, prepare the script again, or deploy with -force"))
		}
		res.Warnings = append(res.Warnings, msg+"; deploying anyway because of -force")
	}
	return live, nil
}

func runTransactional(ctx context.Context, conn *pgx.Conn, s *script.Script, opts Options, start time.Time) error {
	if len(s.Transactional) == 0 && opts.History == nil {
		return nil
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("starting the deployment transaction: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := setTimeouts(ctx, tx, opts); err != nil {
		return err
	}
	logf(opts, "applying %d statements to %s in one transaction", len(s.Transactional), opts.Target)
	for _, st := range s.Transactional {
		if _, err := tx.Exec(ctx, st.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
			return &StatementError{File: s.Name, Line: st.Line, SQL: st.SQL, Err: err, RolledBack: true}
		}
	}
	if err := record(ctx, tx, s, opts, start); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("committing the deployment to %s: %w (nothing was applied)", opts.Target, err)
	}
	return nil
}

// record appends the deployment to the schema history table.
func record(ctx context.Context, tx pgx.Tx, s *script.Script, opts Options, start time.Time) error {
	if opts.History == nil {
		return nil
	}
	sum := migrate.Checksum([]byte(s.Text))
	row := migrate.HistoryRow{Description: "pgfleet deployment to " + opts.Target, Script: filepath.Base(s.Name),
		Checksum: &sum, InstalledBy: opts.History.InstalledBy, ExecutionTime: int(time.Since(start).Milliseconds())}
	if err := migrate.RecordDeployment(ctx, tx, opts.History.Schema, opts.History.Table, row); err != nil {
		return fmt.Errorf("recording the deployment (nothing was applied): %w", err)
	}
	return nil
}

// runEach runs statements one by one outside a transaction: the steps
// that must commit before the transaction, or those that cannot run in one.
func runEach(ctx context.Context, conn *pgx.Conn, s *script.Script, stmts []script.Statement, opts Options, res *Result) error {
	if len(stmts) == 0 {
		return nil
	}
	if err := setTimeouts(ctx, conn, opts); err != nil {
		return err
	}
	for _, st := range stmts {
		logf(opts, "running %s:%d outside the transaction", s.Name, st.Line)
		if _, err := conn.Exec(ctx, st.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
			return &StatementError{File: s.Name, Line: st.Line, SQL: st.SQL, Err: err}
		}
		res.NonTransactional++
	}
	return nil
}

type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// setTimeouts bounds lock waits and statement durations: for the
// transaction only when e is a transaction, for the session otherwise.
func setTimeouts(ctx context.Context, e execer, opts Options) error {
	_, local := e.(pgx.Tx)
	for name, d := range map[string]time.Duration{"lock_timeout": opts.LockTimeout, "statement_timeout": opts.StatementTimeout} {
		if d <= 0 {
			continue
		}
		if _, err := e.Exec(ctx, "SELECT set_config($1, $2, $3)", name, fmt.Sprintf("%dms", d.Milliseconds()), local); err != nil {
			return fmt.Errorf("setting %s: %w", name, err)
		}
	}
	return nil
}

// verifyResult reads the target back and checks it is what the script was
// generated for.
func verifyResult(ctx context.Context, pool *pgxpool.Pool, s *script.Script, opts Options, res *Result) error {
	after, err := inspect.Inspect(ctx, pool, opts.Inspect)
	if err != nil {
		return fmt.Errorf("reading %s back after deploying: %w", opts.Target, err)
	}
	res.After = after
	if s.Header == nil || s.Header.ExpectedFingerprint == "" {
		return nil
	}
	if fp := after.Fingerprint(); fp != s.Header.ExpectedFingerprint {
		return fmt.Errorf("%s was deployed but does not read back as %s expects (fingerprint %s, expected %s)%s",
			opts.Target, s.Name, short(fp), short(s.Header.ExpectedFingerprint), listChanges(opts, s.Header.ExpectedFingerprint, after))
	}
	res.Verified = true
	return nil
}

// listChanges says how to differs from the catalog with fingerprint
// fromFP, when that catalog is known: "; what differs: + column a.t.c,
// ..." with at most maxListed entries.
func listChanges(opts Options, fromFP string, to *catalog.Catalog) string {
	if opts.Describe == nil || opts.Known == nil {
		return ""
	}
	from := opts.Known(fromFP)
	if from == nil {
		return ""
	}
	lines := opts.Describe(from, to)
	if len(lines) == 0 {
		return ""
	}
	more := ""
	if len(lines) > maxListed {
		more = fmt.Sprintf(" and %d more", len(lines)-maxListed)
		lines = lines[:maxListed]
	}
	return "; what differs: " + strings.Join(lines, ", ") + more
}

// maxListed is how many differences a refusal lists.
const maxListed = 20

func short(fp string) string {
	if len(fp) > 12 {
		return fp[:12]
	}
	return fp
}

func logf(opts Options, format string, args ...any) {
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, format+"\n", args...)
	}
}
