package cli

import (
	"context"
	"fmt"

	"github.com/pgfleet/pgfleet/internal/modelfiles"
)

func init() {
	register(&Command{
		Name:    "model",
		Summary: "Capture the environment's live schema into schema-model/ as readable SQL",
		Description: `
Reads the selected environment (typically a development database) and
writes its schema into schemaModelLocation: one file per object under
<schema>/<Kind>/<name>.sql, a table's constraints, indexes, triggers,
policies, grants and comments in the table's file, schemas and extensions
in their own files. Unchanged objects keep byte-identical files; files of
objects that no longer exist are deleted (every .sql file under the folder
is managed by this command).`,
		Run: runModel,
	})
}

func runModel(ctx context.Context, inv *Invocation) error {
	t, err := openTarget(ctx, inv, "")
	if err != nil {
		return err
	}
	defer t.close()
	c, err := t.read(ctx)
	if err != nil {
		return err
	}
	dir := t.env.Flyway.SchemaModelLocation
	res, err := modelfiles.Write(dir, c)
	if err != nil {
		return fmt.Errorf("writing the schema model to %s: %w", dir, err)
	}
	return inv.Result(res, fmt.Sprintf("Schema model %s updated from %s: %d files written, %d unchanged, %d removed.",
		dir, t.env.Name, len(res.Written), len(res.Unchanged), len(res.Removed)))
}
