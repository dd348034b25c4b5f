// Package demo sets up the world pgfleet demo runs in: a throwaway local
// PostgreSQL cluster (package localpg) holding the three regional targets
// of examples/fleet and a build database, and a copy of the example project
// pointed at them. It also makes the changes the demo narrates: drift on a
// target and a change to the schema model.
package demo

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"

	fleetexample "github.com/pgfleet/pgfleet/examples/fleet"
	"github.com/pgfleet/pgfleet/internal/localpg"
)

// Targets are the example fleet's environments, canary first.
var Targets = []string{"eu-west-1", "us-east-1", "ap-southeast-2"}

// Drifted is the target the demo drifts.
const Drifted = "us-east-1"

// World is a running demo: the cluster, the project folder and the
// credentials variables the project's flyway.toml reads.
type World struct {
	// Dir is the project folder (flyway.toml, schema-model/, generated/).
	Dir string
	// Vars are the per-target credential variables, as a secrets store
	// would inject them.
	Vars map[string]string

	cluster *localpg.Cluster
}

// Start starts the cluster, creates the databases and writes the project.
// Close undoes it all; on error Start has already cleaned up.
func Start(ctx context.Context) (*World, error) {
	c, err := localpg.Start(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting the demo's PostgreSQL: %w", err)
	}
	w := &World{cluster: c, Vars: map[string]string{}}
	if err := w.setUp(ctx); err != nil {
		_ = w.Close()
		return nil, err
	}
	return w, nil
}

func (w *World) setUp(ctx context.Context) error {
	if err := w.createDatabases(ctx); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pgfleet-demo-")
	if err != nil {
		return fmt.Errorf("creating the demo project folder: %w", err)
	}
	w.Dir = dir
	return w.writeProject()
}

// Port is the cluster's port on 127.0.0.1.
func (w *World) Port() int { return w.cluster.Port }

func database(target string) string { return strings.ReplaceAll(target, "-", "_") }

func varPrefix(target string) string {
	return strings.ToUpper(strings.ReplaceAll(target, "-", "_")) + "_DB_"
}

func (w *World) createDatabases(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, w.cluster.URL("postgres"))
	if err != nil {
		return fmt.Errorf("connecting to the demo's PostgreSQL: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for _, db := range append(append([]string{}, Targets...), "build") {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+database(db)); err != nil {
			return fmt.Errorf("creating database %s: %w", database(db), err)
		}
	}
	return nil
}

// writeProject copies the embedded example and points its environments at
// the local databases, adding the build environment and a [fleet] table.
func (w *World) writeProject() error {
	err := fs.WalkDir(fleetexample.Project, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fleetexample.Project.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(w.Dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("copying the example project: %w", err)
	}
	toml, err := os.ReadFile(filepath.Join(w.Dir, "flyway.toml"))
	if err != nil {
		return fmt.Errorf("reading the example's flyway.toml: %w", err)
	}
	s := string(toml)
	for _, t := range Targets {
		s = strings.Replace(s, "jdbc:postgresql://"+t+".db.example.com:5432/app",
			fmt.Sprintf("jdbc:postgresql://127.0.0.1:%d/%s?sslmode=disable", w.Port(), database(t)), 1)
		w.Vars[varPrefix(t)+"USER"] = "postgres"
		w.Vars[varPrefix(t)+"PASSWORD"] = "demo-" + database(t) + "-secret"
	}
	s += fmt.Sprintf(`
# Added by pgfleet demo: an empty database to build the schema model in,
# and the rollout: the canary alone, then everything else.
[flyway.check]
buildEnvironment = "build"

[environments.build]
url = "jdbc:postgresql://127.0.0.1:%d/build?sslmode=disable"
user = "postgres"

[fleet]
canary = "eu-west-1"
waves = ["100%%"]
parallelism = 3
`, w.Port())
	if err := os.WriteFile(filepath.Join(w.Dir, "flyway.toml"), []byte(s), 0o644); err != nil {
		return fmt.Errorf("writing the demo's flyway.toml: %w", err)
	}
	return nil
}

// DriftSQL is the out-of-band change the demo makes on Drifted: a hotfix
// someone applied by hand.
const DriftSQL = `CREATE INDEX orders_status_idx ON app.orders (status);
ALTER TABLE app.customers ADD COLUMN vip boolean NOT NULL DEFAULT false;`

// Drift applies DriftSQL to the Drifted target.
func (w *World) Drift(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, w.cluster.URL(database(Drifted)))
	if err != nil {
		return fmt.Errorf("connecting to %s: %w", Drifted, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, DriftSQL); err != nil {
		return fmt.Errorf("drifting %s: %w", Drifted, err)
	}
	return nil
}

// ModelChange names the model file ChangeModel edits and what it adds.
const (
	ModelChangeFile = "schema-model/app/Tables/products.sql"
	ModelChangeLine = "    weight_grams integer CHECK (weight_grams > 0),"
)

// ChangeModel commits the demo's schema change: a new column on products.
func (w *World) ChangeModel() error {
	path := filepath.Join(w.Dir, filepath.FromSlash(ModelChangeFile))
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", ModelChangeFile, err)
	}
	const anchor = "    active       boolean NOT NULL DEFAULT true,\n"
	if !strings.Contains(string(b), anchor) {
		return fmt.Errorf("changing the model: %s no longer has the line %q", ModelChangeFile, strings.TrimSpace(anchor))
	}
	s := strings.Replace(string(b), anchor, anchor+ModelChangeLine+"\n", 1)
	return os.WriteFile(path, []byte(s), 0o644)
}

// Close stops the cluster (its databases go with it). The project folder,
// which holds the reports, stays for the user to read.
func (w *World) Close() error {
	if w.cluster == nil {
		return nil
	}
	err := w.cluster.Stop()
	w.cluster = nil
	return err
}
