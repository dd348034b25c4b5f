package migrate

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Info lists every migration with its state, including what its Deploy
// Rule evaluated to in opts.Environment. It does not lock nor write.
func Info(ctx context.Context, conn *pgx.Conn, opts Options) (*InfoResult, error) {
	s, err := open(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	r, _, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	entries := r.resolve()
	res := &InfoResult{SchemaVersion: r.schemaVersion(), SchemaName: s.hist.schema, Database: s.database,
		Warnings: s.warnings(), Operation: "info", Migrations: []MigrationInfo{}}
	for _, e := range entries {
		res.Migrations = append(res.Migrations, e.info)
	}
	if res.AllSchemasEmpty, err = s.schemasEmpty(ctx); err != nil {
		return nil, err
	}
	return res, nil
}
