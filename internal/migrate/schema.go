package migrate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// managedSchemas are the schemas Migrate and Baseline look after: the
// configured schemas, and the default schema holding the history table
// (Flyway creates it too when it is not listed).
func (s *session) managedSchemas() []string {
	if slices.Contains(s.opts.Schemas, s.hist.schema) {
		return s.opts.Schemas
	}
	return append([]string{s.hist.schema}, s.opts.Schemas...)
}

// schemasEmpty reports whether the managed schemas hold no objects besides
// the history table.
func (s *session) schemasEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		  WHERE n.nspname = ANY($1) AND c.relkind IN ('r','p','v','m','S','f') AND NOT (n.nspname = $2 AND c.relname = $3))
		+ (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1))
		+ (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
		  WHERE n.nspname = ANY($1) AND t.typtype IN ('e','d','r','m') )`,
		s.managedSchemas(), s.hist.schema, s.hist.table).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("checking whether schemas %s are empty: %w", strings.Join(s.managedSchemas(), ", "), err)
	}
	return n == 0, nil
}

// missingSchemas returns the managed schemas that do not exist.
func (s *session) missingSchemas(ctx context.Context) ([]string, error) {
	var missing []string
	err := s.conn.QueryRow(ctx, `SELECT coalesce(array_agg(x ORDER BY o), '{}') FROM unnest($1::text[]) WITH ORDINALITY AS u(x, o)
		WHERE NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = x)`, s.managedSchemas()).Scan(&missing)
	if err != nil {
		return nil, fmt.Errorf("looking up schemas: %w", err)
	}
	return missing, nil
}

// prepareHistory makes sure the history table exists before Migrate: it
// creates missing schemas (recording Flyway's schema-creation marker), or
// baselines a non-empty schema when BaselineOnMigrate is set.
func (s *session) prepareHistory(ctx context.Context) error {
	if ok, err := s.hist.exists(ctx, s.conn); err != nil || ok {
		return err
	}
	missing, err := s.missingSchemas(ctx)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return s.createSchemas(ctx, missing)
	}
	empty, err := s.schemasEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty && !s.opts.BaselineOnMigrate {
		return fmt.Errorf("found non-empty schema(s) %s but no schema history table %s: run baseline, or set baselineOnMigrate=true",
			strings.Join(s.managedSchemas(), ", "), s.hist.qualified())
	}
	return pgx.BeginFunc(ctx, s.conn, func(tx pgx.Tx) error {
		if err := s.hist.create(ctx, tx); err != nil || empty {
			return err
		}
		return s.hist.insert(ctx, tx, s.baselineRow())
	})
}

func (s *session) createSchemas(ctx context.Context, missing []string) error {
	if !s.opts.CreateSchemas {
		return fmt.Errorf("schema(s) %s do not exist and createSchemas is false: create them first", strings.Join(missing, ", "))
	}
	quoted := make([]string, len(missing))
	return pgx.BeginFunc(ctx, s.conn, func(tx pgx.Tx) error {
		for i, name := range missing {
			quoted[i] = pgx.Identifier{name}.Sanitize()
			if _, err := tx.Exec(ctx, "CREATE SCHEMA "+quoted[i]); err != nil {
				return fmt.Errorf("creating schema %s: %w", quoted[i], err)
			}
		}
		if err := s.hist.create(ctx, tx); err != nil {
			return err
		}
		return s.hist.insert(ctx, tx, HistoryRow{Description: schemaMarker, Type: TypeSchema,
			Script: strings.Join(quoted, ","), InstalledBy: s.opts.InstalledBy, Success: true})
	})
}

// baselineRow is Flyway's baseline row.
func (s *session) baselineRow() HistoryRow {
	return HistoryRow{Version: s.opts.BaselineVersion, Description: s.opts.BaselineDescription, Type: TypeBaseline,
		Script: baselineMarker, InstalledBy: s.opts.InstalledBy, Success: true}
}

// useDefaultSchema puts the default schema first on the search_path, as
// Flyway does while migrating, and returns the function restoring it.
func (s *session) useDefaultSchema(ctx context.Context) (func(), error) {
	var old string
	err := s.conn.QueryRow(ctx, `SELECT current_setting('search_path'),
		set_config('search_path', quote_ident($1) || ', ' || current_setting('search_path'), false)`, s.hist.schema).Scan(&old, new(string))
	if err != nil {
		return nil, fmt.Errorf("setting search_path to schema %s: %w", s.hist.schema, err)
	}
	return func() {
		_, _ = s.conn.Exec(context.WithoutCancel(ctx), "SELECT set_config('search_path', $1, false)", old)
	}, nil
}
