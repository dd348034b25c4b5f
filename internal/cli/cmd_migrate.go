package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/migrate"
)

func init() {
	register(&Command{
		Name:    "migrate",
		Summary: "Apply pending versioned and repeatable migrations, honouring Deploy Rules",
		Description: `
Applies the pending migrations of the locations to the selected environment,
in version order, then the repeatables whose checksum changed. Each runs in
its own transaction unless its .sql.conf says executeInTransaction=false, and
is recorded in the Flyway-compatible flyway_schema_history table. A migration
whose Deploy Rule (shouldExecute in its .sql.conf) is false in this
environment is neither applied nor recorded; it runs on a later migrate once
its rule is true. Keys: -target, -outOfOrder, -baselineOnMigrate,
-placeholders.NAME=VALUE. JSON: Flyway's {migrationsExecuted,
targetSchemaVersion, migrations: [...]}.`,
		Run: runMigrate,
	})
}

func runMigrate(ctx context.Context, inv *Invocation) error {
	return runMigrateCommand(ctx, inv, func(ctx context.Context, t *migrateTarget) error {
		res, err := migrate.Migrate(ctx, t.conn, t.opts)
		if err != nil {
			if res != nil && res.MigrationsExecuted > 0 {
				inv.Logf("Applied %d migration(s) before the failure, now at version %s", res.MigrationsExecuted, versionOrNone(res.TargetSchemaVersion))
			}
			return err
		}
		return inv.Result(res, migrateText(res))
	})
}

func migrateText(res *migrate.MigrateResult) string {
	var b strings.Builder
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "WARNING: %s\n", w)
	}
	for _, m := range res.Migrations {
		fmt.Fprintf(&b, "Migrated %s %s - %s (%d ms)\n", strings.ToLower(m.Category), m.Version, m.Description, m.ExecutionTime)
	}
	if res.MigrationsExecuted == 0 {
		fmt.Fprintf(&b, "Schema %q is up to date. No migration necessary (version %s).", res.SchemaName, versionOrNone(res.TargetSchemaVersion))
		return b.String()
	}
	fmt.Fprintf(&b, "Successfully applied %d migration(s) to schema %q, now at version %s.",
		res.MigrationsExecuted, res.SchemaName, versionOrNone(res.TargetSchemaVersion))
	return b.String()
}

func versionOrNone(v string) string {
	if v == "" {
		return "<< Empty Schema >>"
	}
	return "v" + v
}
