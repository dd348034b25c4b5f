package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/migrate"
)

func init() {
	register(&Command{
		Name:    "repair",
		Summary: "Fix the schema history: drop failed rows, realign checksums, mark missing as deleted",
		Description: `
In one transaction: removes the rows of failed migrations, realigns the
checksums, descriptions and types of applied versioned migrations with their
files, and marks applied migrations no longer found locally as deleted.
JSON: Flyway's {repairActions, migrationsRemoved, migrationsDeleted,
migrationsAligned}.`,
		Run: runRepair,
	})
}

func runRepair(ctx context.Context, inv *Invocation) error {
	return runMigrateCommand(ctx, inv, func(ctx context.Context, t *migrateTarget) error {
		res, err := migrate.Repair(ctx, t.conn, t.opts)
		if err != nil {
			return err
		}
		text := "Nothing to repair."
		if len(res.RepairActions) > 0 {
			text = fmt.Sprintf("Successfully repaired the schema history table: %s (%d removed, %d deleted, %d aligned).",
				strings.Join(res.RepairActions, ", "), len(res.MigrationsRemoved), len(res.MigrationsDeleted), len(res.MigrationsAligned))
		}
		return inv.Result(res, text)
	})
}
