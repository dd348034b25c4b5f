package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/snapshotstore"
)

func init() {
	register(&Command{
		Name:    "snapshot",
		Summary: "Save the schema of an environment (or of the schema model) as a snapshot",
		Description: `
Reads the selected environment's live schema (or, with -source=schemaModel,
the schema model as loaded) and saves it as a snapshot: -filename=FILE
writes canonical JSON with its fingerprint; -filename=snapshotHistory:NAME
stores it in the target's snapshot history table (flyway_snapshot_history),
where check -drift finds it.`,
		Namespaces: []string{"snapshot"},
		Run:        runSnapshot,
	})
}

type snapshotResult struct {
	Filename    string `json:"filename"`
	Fingerprint string `json:"fingerprint"`
	Source      string `json:"source"`
	Objects     int    `json:"objects"`
}

func runSnapshot(ctx context.Context, inv *Invocation) error {
	env, err := inv.Environment()
	if err != nil {
		return err
	}
	dest := env.Flyway.Snapshot.Filename
	if dest == "" {
		return exitcode.Newf(exitcode.Usage, "snapshot needs -filename=FILE or -filename=snapshotHistory:NAME")
	}
	t, err := openTarget(ctx, inv, "")
	if err != nil {
		return err
	}
	defer t.close()
	c, source, err := snapshotSource(ctx, inv, t)
	if err != nil {
		return err
	}
	created := catalog.SnapshotCreated{At: time.Now().UTC(), By: "pgfleet " + currentVersion().Version, Source: source}
	if name, ok := strings.CutPrefix(dest, "snapshotHistory:"); ok {
		e := snapshotstore.Entry{Name: name, CreatedBy: whoAmI(t.env), Snapshot: catalog.NewSnapshot(c, created)}
		if err := snapshotStore(t.env).Save(ctx, t.pool, e); err != nil {
			return err
		}
	} else if err := catalog.WriteSnapshotFile(inv.cfg.Path(dest), c, created); err != nil {
		return err
	}
	res := snapshotResult{Filename: dest, Fingerprint: c.Fingerprint(), Source: source, Objects: len(c.Objects())}
	return inv.Result(res, fmt.Sprintf("Saved a snapshot of %s (%d objects, fingerprint %s) to %s", source, res.Objects, res.Fingerprint[:12], dest))
}

// snapshotSource reads what -source names: the environment (default) or
// the schema model.
func snapshotSource(ctx context.Context, inv *Invocation, t *target) (*catalog.Catalog, string, error) {
	src := t.env.Flyway.Snapshot.Source
	if strings.EqualFold(src, "schemaModel") {
		d, err := loadModel(ctx, inv, t)
		if err != nil {
			return nil, "", err
		}
		return d.catalog, "schemaModel", nil
	}
	if src != "" && src != t.env.Name && src != "env:"+t.env.Name {
		other, err := loadEnvironment(ctx, inv, strings.TrimPrefix(src, "env:"))
		if err != nil {
			return nil, "", err
		}
		return other.catalog, "environment " + strings.TrimPrefix(src, "env:"), nil
	}
	c, err := t.read(ctx)
	return c, "environment " + t.env.Name, err
}
