package migrate

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Rehearsal is what migrate would run on a target, for a dry run in one
// transaction that is rolled back: the setup that creates missing schemas
// and sets the search_path as migrate does, then the statements of every
// pending migration Deploy Rules and cherryPick select, in order.
type Rehearsal struct {
	// Setup runs first: CREATE SCHEMA for missing schemas, the search_path.
	Setup []string
	// Scripts are the pending migrations, placeholders replaced.
	Scripts []RehearsalScript
}

// RehearsalScript is one pending migration's statements.
type RehearsalScript struct {
	Path string
	// InTransaction is false for a migration migrate runs outside a
	// transaction (CREATE INDEX CONCURRENTLY, say): a dry run cannot run it.
	InTransaction bool
	Statements    []RehearsalStatement
}

// RehearsalStatement is a statement with the line it starts on in its file.
type RehearsalStatement struct {
	SQL  string
	Line int
}

// Rehearse lists what Migrate would run now, without changing anything:
// it reads the history table (if any) and the migrations, and validates as
// Migrate does.
func Rehearse(ctx context.Context, conn *pgx.Conn, opts Options) (*Rehearsal, error) {
	s, err := open(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	r, err := s.rehearsalState(ctx)
	if err != nil {
		return nil, err
	}
	entries := r.resolve()
	if s.opts.ValidateOnMigrate {
		if err := validateEntries(entries, s.opts.IgnoreMigrationPatterns, true); err != nil {
			return nil, fmt.Errorf("validating before the dry run: %w", err)
		}
	}
	missing, err := s.missingSchemas(ctx)
	if err != nil {
		return nil, err
	}
	reh := &Rehearsal{}
	for _, name := range missing {
		reh.Setup = append(reh.Setup, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize())
	}
	var path string
	if err := conn.QueryRow(ctx, "SHOW search_path").Scan(&path); err != nil {
		return nil, fmt.Errorf("reading search_path: %w", err)
	}
	first := pgx.Identifier{s.hist.schema}.Sanitize()
	if strings.TrimSpace(path) != "" && path != `""` {
		first += ", " + path
	}
	reh.Setup = append(reh.Setup, "SET LOCAL search_path TO "+first) // as migrate: the default schema first
	for _, e := range entries {
		if !e.pending || !s.picked(e.m) {
			continue
		}
		script, err := s.rehearsalScript(e.m)
		if err != nil {
			return nil, err
		}
		reh.Scripts = append(reh.Scripts, script)
	}
	return reh, nil
}

// rehearsalState is the history migrate would start from: the table's
// rows, or, when there is no table yet, the baseline row migrate would
// write into a non-empty schema (prepareHistory's rules, read-only).
func (s *session) rehearsalState(ctx context.Context) (*resolver, error) {
	r, exists, err := s.state(ctx)
	if err != nil || exists {
		return r, err
	}
	missing, err := s.missingSchemas(ctx)
	if err != nil || len(missing) > 0 {
		return r, err
	}
	empty, err := s.schemasEmpty(ctx)
	if err != nil || empty {
		return r, err
	}
	if !s.opts.BaselineOnMigrate {
		return nil, fmt.Errorf("found non-empty schema(s) %s but no schema history table %s: run baseline, or set baselineOnMigrate=true",
			strings.Join(s.managedSchemas(), ", "), s.hist.qualified())
	}
	return newResolver(s.opts, s.disc, []HistoryRow{s.baselineRow()}, s.repl)
}

func (s *session) rehearsalScript(m *Migration) (RehearsalScript, error) {
	text, err := s.scriptText(m)
	if err != nil {
		return RehearsalScript{}, err
	}
	stmts := splitStatements(text)
	inTx, err := transactionMode(m, s.opts, stmts)
	if err != nil {
		return RehearsalScript{}, err
	}
	out := RehearsalScript{Path: m.Path, InTransaction: inTx}
	for _, st := range stmts {
		out.Statements = append(out.Statements, RehearsalStatement{SQL: st.sql, Line: st.line})
	}
	return out, nil
}
