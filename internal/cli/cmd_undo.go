package cli

import (
	"context"
	"fmt"

	"github.com/pgfleet/pgfleet/internal/migrate"
)

func init() {
	register(&Command{
		Name:    "undo",
		Summary: "Undo the latest versioned migration (or down to -target) with its U script",
		Description: `
Runs the U<version>__*.sql undo script of the highest applied version, or
with -target=VERSION of every applied version at or above it, newest first,
recording UNDO_SQL rows. A version without an undo script is an error before
anything is undone. JSON: Flyway's {migrationsUndone, targetSchemaVersion,
migrations: [...]}.`,
		Run: runUndo,
	})
}

func runUndo(ctx context.Context, inv *Invocation) error {
	return runMigrateCommand(ctx, inv, func(ctx context.Context, t *migrateTarget) error {
		res, err := migrate.Undo(ctx, t.conn, t.opts)
		if err != nil {
			return err
		}
		return inv.Result(res, fmt.Sprintf("Successfully undid %d migration(s) on schema %q, now at version %s.",
			res.MigrationsUndone, res.SchemaName, versionOrNone(res.TargetSchemaVersion)))
	})
}
