package cli

import (
	"context"
	"fmt"

	"github.com/pgfleet/pgfleet/internal/migrate"
)

func init() {
	register(&Command{
		Name:    "baseline",
		Summary: "Start the schema history of an existing database at -baselineVersion",
		Description: `
Creates the schema history table with Flyway's baseline row at
-baselineVersion (default 1), so that migrate skips the migrations up to it.
Refuses a history that already holds migrations. JSON: Flyway's
{successfullyBaselined, baselineVersion}.`,
		Run: runBaseline,
	})
}

func runBaseline(ctx context.Context, inv *Invocation) error {
	return runMigrateCommand(ctx, inv, func(ctx context.Context, t *migrateTarget) error {
		res, err := migrate.Baseline(ctx, t.conn, t.opts)
		if err != nil {
			return err
		}
		return inv.Result(res, fmt.Sprintf("Successfully baselined schema with version: %s", res.BaselineVersion))
	})
}
