package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/pgfleet/pgfleet/internal/migrate"
)

func init() {
	register(&Command{
		Name:    "info",
		Summary: "List every migration with its state and Deploy Rule",
		Description: `
Lists the migrations of the locations and the rows of the schema history
table: category, version, description, type, installed on, state (Pending,
Success, Ignored, Failed, Missing, Future, Outdated, Out of Order, Below
Baseline, Above Target, Undone, Deleted ...), and the Deploy Rule with what it
evaluated to in the selected environment. Read-only. JSON: Flyway's
{schemaVersion, migrations: [{category, version, description, type,
installedOnUTC, state, shouldExecuteExpression, shouldExecute, ...}]}.`,
		Run: runInfo,
	})
}

func runInfo(ctx context.Context, inv *Invocation) error {
	return runMigrateCommand(ctx, inv, func(ctx context.Context, t *migrateTarget) error {
		res, err := migrate.Info(ctx, t.conn, t.opts)
		if err != nil {
			return err
		}
		return inv.Result(res, infoText(res))
	})
}

func infoText(res *migrate.InfoResult) string {
	var b strings.Builder
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "WARNING: %s\n", w)
	}
	fmt.Fprintf(&b, "Schema version: %s\n\n", versionOrNone(res.SchemaVersion))
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Category\tVersion\tDescription\tType\tInstalled On\tState\tDeploy Rule")
	for _, m := range res.Migrations {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Category, m.Version, m.Description, m.Type,
			m.InstalledOnUTC, m.State, ruleText(m))
	}
	tw.Flush()
	return b.String()
}

// ruleText shows a Deploy Rule and what it evaluated to.
func ruleText(m migrate.MigrationInfo) string {
	if m.ShouldExecute == nil {
		return ""
	}
	return fmt.Sprintf("%s => %t", m.ShouldExecuteExpression, *m.ShouldExecute)
}
