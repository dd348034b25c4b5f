package migrate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Migrate applies the pending migrations in order under the history table's
// advisory lock: each in its own transaction unless its .sql.conf says
// executeInTransaction=false, recording each in the history table.
// Migrations whose Deploy Rule is false are neither applied nor recorded.
// On failure the result lists what was applied before the error.
func Migrate(ctx context.Context, conn *pgx.Conn, opts Options) (*MigrateResult, error) {
	s, unlock, err := openLocked(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := s.prepareHistory(ctx); err != nil {
		return nil, err
	}
	r, _, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	entries := r.resolve()
	if s.opts.ValidateOnMigrate {
		if err := validateEntries(entries, s.opts.IgnoreMigrationPatterns, true); err != nil {
			return nil, fmt.Errorf("validating before migrate: %w", err)
		}
	}
	res := &MigrateResult{InitialSchemaVersion: r.schemaVersion(), TargetSchemaVersion: r.schemaVersion(),
		SchemaName: s.hist.schema, Database: s.database, Warnings: s.warnings(), Operation: "migrate",
		Migrations: []MigrateOutput{}}
	restore, err := s.useDefaultSchema(ctx)
	if err != nil {
		return nil, err
	}
	defer restore()
	if err := s.applyPending(ctx, r, entries, res); err != nil {
		return res, err
	}
	res.Success = true
	return res, nil
}

// applyPending applies the pending entries in order, recording each in res.
// With Group, all of them run in one transaction: a failure rolls every
// one back.
func (s *session) applyPending(ctx context.Context, r *resolver, entries []*entry, res *MigrateResult) error {
	if !s.opts.Group {
		return s.applyEach(ctx, r, entries, res)
	}
	err := pgx.BeginFunc(ctx, s.conn, func(tx pgx.Tx) error {
		s.txer = tx
		defer func() { s.txer = s.conn }()
		return s.applyEach(ctx, r, entries, res)
	})
	if err != nil {
		res.Migrations, res.MigrationsExecuted, res.TargetSchemaVersion = []MigrateOutput{}, 0, res.InitialSchemaVersion
		return fmt.Errorf("%w; group=true: every migration of this run was rolled back", err)
	}
	return nil
}

func (s *session) applyEach(ctx context.Context, r *resolver, entries []*entry, res *MigrateResult) error {
	for _, e := range entries {
		if !e.pending || !s.picked(e.m) {
			continue
		}
		out, err := s.apply(ctx, e.m, r.checks[e.m])
		if err != nil {
			return err
		}
		res.Migrations = append(res.Migrations, out)
		res.MigrationsExecuted++
		if e.m.Kind != KindRepeatable && (res.TargetSchemaVersion == "" || greater(e.m.Version, res.TargetSchemaVersion)) {
			res.TargetSchemaVersion = e.m.Version.String()
		}
	}
	return nil
}

func greater(v Version, than string) bool {
	w, err := ParseVersion(than)
	return err != nil || v.Compare(w) > 0
}

// apply runs one migration and records it.
func (s *session) apply(ctx context.Context, m *Migration, checksum *int32) (MigrateOutput, error) {
	typ := map[Kind]string{KindVersioned: TypeSQL, KindRepeatable: TypeSQL, KindBaseline: TypeSQLBaseline, KindUndo: TypeUndoSQL}[m.Kind]
	out := MigrateOutput{Category: m.Kind.String(), Description: m.Description, Type: typ, Filepath: m.Path}
	row := HistoryRow{Description: m.Description, Type: typ, Script: m.Script, Checksum: checksum, InstalledBy: s.opts.InstalledBy}
	if m.Kind != KindRepeatable {
		out.Version, row.Version = m.Version.String(), m.Version.String()
	}
	err := s.run(ctx, m, &row)
	out.ExecutionTime = row.ExecutionTime
	if err != nil {
		return out, fmt.Errorf("applying %s migration %s: %w", m.Kind, m.label(), err)
	}
	return out, nil
}

// run executes the script of m, in a transaction together with its history
// row when it can, and fills in row's execution time and success.
func (s *session) run(ctx context.Context, m *Migration, row *HistoryRow) error {
	text, err := s.scriptText(m)
	if err != nil {
		return err
	}
	stmts := splitStatements(text)
	inTx, err := transactionMode(m, s.opts, stmts)
	if err != nil {
		return err
	}
	start := time.Now()
	elapsed := func() int { return int(time.Since(start).Milliseconds()) }
	if _, grouped := s.txer.(pgx.Tx); grouped && !inTx {
		return fmt.Errorf("%s cannot run in a transaction, so it cannot run with group=true: migrate it on its own", m.Path)
	}
	if inTx {
		err = pgx.BeginFunc(ctx, s.txer, func(tx pgx.Tx) error {
			if err := execStatements(ctx, tx, m.Path, stmts); err != nil {
				return err
			}
			row.ExecutionTime, row.Success = elapsed(), true
			return s.hist.insert(ctx, tx, *row)
		})
		if se := (*ScriptError)(nil); errors.As(err, &se) {
			se.RolledBack = true
		}
		return err
	}
	err = execStatements(ctx, s.conn, m.Path, stmts)
	row.ExecutionTime, row.Success = elapsed(), err == nil
	if rerr := s.hist.insert(ctx, s.conn, *row); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

// scriptText returns the script with placeholders replaced, unless its
// configuration turns replacement off.
func (s *session) scriptText(m *Migration) (string, error) {
	if !m.replacesPlaceholders(s.opts) {
		return m.Text, nil
	}
	return s.repl.Replace(m.Text, m.Path)
}

// picked reports whether CherryPick selects m.
func (s *session) picked(m *Migration) bool {
	if len(s.opts.CherryPick) == 0 {
		return true
	}
	for _, p := range s.opts.CherryPick {
		p = strings.TrimSpace(p)
		if v, err := ParseVersion(p); err == nil && m.Kind != KindRepeatable && v.Compare(m.Version) == 0 || m.Kind == KindRepeatable && p == m.Description {
			return true
		}
	}
	return false
}
