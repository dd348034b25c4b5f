package migrate

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// RecordDeployment appends a row for a state-based deployment (a prepared
// script applied by deploy) to the schema history table schema.table,
// creating the schema and table when missing. Call it inside the
// deployment's transaction so that the record and the changes commit
// together. The row has no version and type SQL, so Flyway reads it as an
// applied repeatable script.
func RecordDeployment(ctx context.Context, tx pgx.Tx, schema, table string, row HistoryRow) error {
	h := history{schema: schema, table: table}
	var missing bool
	if err := tx.QueryRow(ctx, "SELECT to_regnamespace($1) IS NULL", pgx.Identifier{schema}.Sanitize()).Scan(&missing); err != nil {
		return fmt.Errorf("looking up schema %s: %w", schema, err)
	}
	if missing {
		if _, err := tx.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
			return fmt.Errorf("creating schema %s for the history table: %w", schema, err)
		}
	}
	ok, err := h.exists(ctx, tx)
	if err != nil {
		return err
	}
	if !ok {
		if err := h.create(ctx, tx); err != nil {
			return err
		}
	}
	row.Version, row.Type, row.Success = "", TypeSQL, true
	return h.insert(ctx, tx, row)
}
