package cli

import (
	"context"
	"fmt"

	"github.com/pgfleet/pgfleet/internal/migrate"
)

func init() {
	register(&Command{
		Name:    "validate",
		Summary: "Check the applied migrations against the local files",
		Description: `
Fails when an applied migration's checksum, description or type differs from
its file, when a migration failed, when an applied migration is missing
locally, or when a local migration is pending or was ignored out of order;
-ignoreMigrationPatterns (default *:future) relaxes it. A migration skipped by
its Deploy Rule is not an error, and changing a rule never is. JSON: Flyway's
{validationSuccessful, invalidMigrations: [...]}.`,
		Run: runValidate,
	})
}

func runValidate(ctx context.Context, inv *Invocation) error {
	return runMigrateCommand(ctx, inv, func(ctx context.Context, t *migrateTarget) error {
		res, err := migrate.Validate(ctx, t.conn, t.opts)
		if err != nil {
			return err
		}
		return inv.Result(res, fmt.Sprintf("Successfully validated %d migration(s).", res.ValidateCount))
	})
}
