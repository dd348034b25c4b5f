package cli

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/model"
	"github.com/pgfleet/pgfleet/internal/snapshotstore"
)

// modelCache keeps loaded models for the life of the process, so commands
// that read the model for several targets load it once per server version.
var modelCache = model.NewCache()

// openPool opens a connection pool to env with Flyway's connect retries;
// every new connection runs the environment's initSql.
func openPool(ctx context.Context, env config.Environment) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(env.ConnString())
	if err != nil {
		return nil, exitcode.Newf(exitcode.Usage, "environment %s: invalid connection settings (%s)", env.Name, env.Redacted())
	}
	cfg.MaxConns = 4
	if env.InitSQL != "" {
		cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
			if _, err := c.Exec(ctx, env.InitSQL); err != nil {
				return fmt.Errorf("running initSql of environment %s: %w", env.Name, err)
			}
			return nil
		}
	}
	// connect proves the server answers, with retries, before the pool
	// is built on the same settings.
	conn, err := connect(ctx, env)
	if err != nil {
		return nil, err
	}
	conn.Close(ctx)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to environment %s (%s): %w", env.Name, env.Redacted(), err)
	}
	return pool, nil
}

// defaultSchema is where the history tables live: [flyway] defaultSchema,
// else the first managed schema, else public.
func defaultSchema(env config.Environment) string {
	if env.Flyway.DefaultSchema != "" {
		return env.Flyway.DefaultSchema
	}
	if len(env.Schemas) > 0 {
		return env.Schemas[0]
	}
	return "public"
}

// scope is what pgfleet compares in env: its schemas, without pgfleet's
// own history tables.
func scope(env config.Environment) inspect.Options {
	ds := defaultSchema(env)
	return inspect.Options{Schemas: env.Schemas, ExcludeTables: []string{
		ds + "." + env.Flyway.Table, ds + "." + snapshotTable(env)}}
}

func snapshotTable(env config.Environment) string {
	if t := env.Flyway.Snapshot.HistoryTable; t != "" {
		return t
	}
	return snapshotstore.DefaultTable
}

// snapshotStore is env's snapshot history table.
func snapshotStore(env config.Environment) snapshotstore.Store {
	return snapshotstore.Store{Schema: defaultSchema(env), Table: snapshotTable(env), Limit: env.Flyway.Snapshot.HistoryLimit}
}

// target is a connected environment.
type target struct {
	env  config.Environment
	pool *pgxpool.Pool
}

func openTarget(ctx context.Context, inv *Invocation, name string) (*target, error) {
	cfg, err := inv.Config()
	if err != nil {
		return nil, err
	}
	env, err := cfg.Resolve(name)
	if err != nil {
		return nil, err
	}
	pool, err := openPool(ctx, env)
	if err != nil {
		return nil, err
	}
	return &target{env: env, pool: pool}, nil
}

func (t *target) close() { t.pool.Close() }

// read inspects the live target.
func (t *target) read(ctx context.Context) (*catalog.Catalog, error) {
	c, err := inspect.Inspect(ctx, t.pool, scope(t.env))
	if err != nil {
		return nil, fmt.Errorf("reading environment %s: %w", t.env.Name, err)
	}
	return c, nil
}

// desired is the state a deployment wants, and where it came from.
type desired struct {
	catalog *catalog.Catalog
	label   string // "schemaModel", "env:NAME", "snapshot:FILE"
	hash    string // identifies the content (model files, snapshot fingerprint)
	// positions of objects in the schema model, when the source is a model.
	positions map[catalog.Key]model.Position
}

func (d *desired) locate(k catalog.Key) (string, int, bool) {
	p, ok := d.positions[k]
	return p.File, p.Line, ok
}

// loadDesired reads the desired state named by source: "schemaModel" (the
// default), "env:NAME" (another environment's live schema) or
// "snapshot:FILE".
func loadDesired(ctx context.Context, inv *Invocation, t *target, source string) (*desired, error) {
	switch {
	case source == "" || strings.EqualFold(source, "schemaModel"):
		return loadModel(ctx, inv, t)
	case strings.HasPrefix(source, "snapshot:"):
		return loadSnapshotFile(inv, strings.TrimPrefix(source, "snapshot:"))
	case strings.EqualFold(source, "migrations"):
		return nil, exitcode.Newf(exitcode.Usage, "source %q is not supported by pgfleet's state-based commands; use schemaModel, env:NAME or snapshot:FILE", source)
	default:
		return loadEnvironment(ctx, inv, strings.TrimPrefix(source, "env:"))
	}
}

// alignColumns applies prepare.ignoreColumnOrder: the desired tables keep
// the target's column order, new columns last, so that the plan appends
// them and the deployment verifies against that order.
func alignColumns(env config.Environment, live *catalog.Catalog, want *desired) {
	if env.Flyway.Prepare.IgnoreColumnOrder {
		want.catalog = want.catalog.WithColumnOrderOf(live)
	}
}

func loadModel(ctx context.Context, inv *Invocation, t *target) (*desired, error) {
	dir := t.env.Flyway.SchemaModelLocation
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, exitcode.Newf(exitcode.Usage, "schema model folder %s does not exist: create it or set schemaModelLocation", dir)
	}
	opts := model.Options{Dir: dir, TargetConnString: t.env.ConnString(), Cache: modelCache}
	opts.Schemas, opts.ExcludeTables = modelScope(t.env)
	build, err := buildEnvironment(inv, t.env)
	if err != nil {
		return nil, err
	}
	if build != nil {
		opts.BuildConnString = build.ConnString()
	}
	res, err := model.Load(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &desired{catalog: res.Catalog, label: "schemaModel", hash: modelHash(res), positions: res.Positions}, nil
}

// buildEnvironment returns the environment named by buildEnvironment, or
// nil when it is Flyway's default name and no such environment is
// configured: the model is then loaded into a temporary database on the
// target's own server.
func buildEnvironment(inv *Invocation, env config.Environment) (*config.Environment, error) {
	name := env.Flyway.Check.BuildEnvironment
	cfg, err := inv.Config()
	if err != nil || name == "" {
		return nil, err
	}
	if !cfg.IsSet(env.Name, "flyway.check.buildEnvironment") && !slices.Contains(cfg.Environments(), name) {
		return nil, nil
	}
	build, err := cfg.Resolve(name)
	if err != nil {
		return nil, err
	}
	return &build, nil
}

// modelScope is the scope of the model side: schemaModelSchemas, else the
// target's schemas.
func modelScope(env config.Environment) ([]string, []string) {
	sc := scope(env)
	if len(env.Flyway.SchemaModelSchemas) > 0 {
		return env.Flyway.SchemaModelSchemas, sc.ExcludeTables
	}
	return sc.Schemas, sc.ExcludeTables
}

func modelHash(res *model.Result) string {
	if res.CacheKey != "" {
		return res.CacheKey
	}
	return res.Catalog.Fingerprint()
}

func loadSnapshotFile(inv *Invocation, path string) (*desired, error) {
	s, err := readSnapshotFile(inv, path)
	if err != nil {
		return nil, err
	}
	return &desired{catalog: s.Catalog, label: "snapshot:" + path, hash: s.Fingerprint}, nil
}

// readSnapshotFile reads a snapshot file, relative to the working
// directory; a bad file is a usage error.
func readSnapshotFile(inv *Invocation, path string) (*catalog.Snapshot, error) {
	cfg, err := inv.Config()
	if err != nil {
		return nil, err
	}
	s, err := catalog.ReadSnapshotFile(cfg.Path(path))
	if err != nil {
		return nil, exitcode.New(exitcode.Usage, err)
	}
	return s, nil
}

func loadEnvironment(ctx context.Context, inv *Invocation, name string) (*desired, error) {
	other, err := openTarget(ctx, inv, name)
	if err != nil {
		return nil, err
	}
	defer other.close()
	c, err := other.read(ctx)
	if err != nil {
		return nil, err
	}
	return &desired{catalog: c, label: "env:" + name, hash: c.Fingerprint()}, nil
}

// whoAmI names the user and tool for history records.
func whoAmI(env config.Environment) string {
	if env.Flyway.InstalledBy != "" {
		return env.Flyway.InstalledBy
	}
	return env.User
}
