package model

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// sessionDefaults are forced after the model's own settings: function
// bodies are not checked while loading (their dependencies may come later)
// and nothing waits for WAL flushes in a throwaway database.
const sessionDefaults = "SET check_function_bodies = off; SET synchronous_commit = off; SET client_min_messages = warning"

// applier applies a script to a scratch database, one autocommitted
// statement at a time.
type applier struct {
	conn    *pgx.Conn
	sc      *script
	current int                  // session state the connection is in; -1 unknown
	setErrs map[stmtRef]*Problem // SET statements that failed
}

// failure is a statement that failed on its last attempt.
type failure struct {
	unit
	err *pgconn.PgError
}

// apply runs every statement, retrying the failed ones after the others
// until a whole pass succeeds in nothing more. It returns the problems of
// the statements that still fail, and the applier (its connection in a
// known state) for resolving positions; err is for a lost connection or a
// cancelled ctx.
func apply(ctx context.Context, conn *pgx.Conn, sc *script) (*applier, []Problem, error) {
	a := &applier{conn: conn, sc: sc, current: -1, setErrs: map[stmtRef]*Problem{}}
	if sc.createsPublic() {
		// The model defines public itself: start without the default one.
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS public"); err != nil {
			return nil, nil, fmt.Errorf("making room for the model's own public schema: %w", err)
		}
	}
	pending := sc.units
	var failed []failure
	for len(pending) > 0 {
		failed = failed[:0]
		for _, u := range pending {
			err := a.exec(ctx, u)
			var pgErr *pgconn.PgError
			switch {
			case err == nil:
			case errors.As(err, &pgErr) && ctx.Err() == nil:
				failed = append(failed, failure{unit: u, err: pgErr})
			default:
				return nil, nil, fmt.Errorf("applying %s:%d: %w", u.file.Name, u.st.Line, err)
			}
		}
		if len(failed) == len(pending) {
			break
		}
		pending = make([]unit, len(failed))
		for i, f := range failed {
			pending[i] = f.unit
		}
	}
	return a, a.problems(failed), nil
}

// exec applies one statement under its session state.
func (a *applier) exec(ctx context.Context, u unit) error {
	if err := a.use(ctx, u.state); err != nil {
		return err
	}
	_, err := a.conn.Exec(ctx, u.st.Text)
	return err
}

// use puts the connection in session state i: RESET, the model's SET
// statements in order, then the loader's own defaults.
func (a *applier) use(ctx context.Context, i int) error {
	if i == a.current {
		return nil
	}
	a.current = -1
	if _, err := a.conn.Exec(ctx, "RESET ALL; RESET ROLE"); err != nil {
		return fmt.Errorf("resetting session: %w", err)
	}
	for _, ref := range a.sc.states[i] {
		_, err := a.conn.Exec(ctx, ref.st.Text)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && ctx.Err() == nil {
			p := problemOf(ref, pgErr)
			a.setErrs[ref] = &p
		} else if err != nil {
			return fmt.Errorf("applying %s:%d: %w", ref.file.Name, ref.st.Line, err)
		}
	}
	if _, err := a.conn.Exec(ctx, sessionDefaults); err != nil {
		return fmt.Errorf("setting session defaults: %w", err)
	}
	a.current = i
	return nil
}

// problems lists the failures (and failed SET statements) in file order.
func (a *applier) problems(failed []failure) []Problem {
	var out []Problem
	for _, p := range a.setErrs {
		out = append(out, *p)
	}
	for _, f := range failed {
		out = append(out, problemOf(f.stmtRef, f.err))
	}
	sortProblems(out)
	return out
}

// problemOf turns a PostgreSQL error of a statement into a Problem at the
// exact line PostgreSQL points to.
func problemOf(ref stmtRef, e *pgconn.PgError) Problem {
	line, col := ref.file.ErrorPosition(ref.st, int(e.Position))
	msg := e.Message
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	if e.Hint != "" {
		msg += " (hint: " + e.Hint + ")"
	}
	return Problem{File: ref.file.Name, Line: line, Column: col, Message: msg, SQLState: e.Code}
}
