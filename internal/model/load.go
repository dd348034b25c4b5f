package model

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/inspect"
)

// InspectFunc reads the catalog of the database behind pool, limited to
// schemas (all non-system schemas when empty) and without the tables named
// "schema.table" in excludeTables.
type InspectFunc func(ctx context.Context, pool *pgxpool.Pool, schemas, excludeTables []string) (*catalog.Catalog, error)

// Options say which model to load and where.
type Options struct {
	// Dir is the schema-model folder; every .sql file under it is loaded.
	Dir string
	// BuildConnString is the build environment's connection string
	// (-buildEnvironment). When set, the model is loaded into that database,
	// which must be empty; what the model created is removed afterwards.
	BuildConnString string
	// TargetConnString is the target's connection string. Without a build
	// environment, a temporary database pgfleet_build_<random> is created
	// on the target's server (same version and extensions) and dropped
	// afterwards, also on error and cancellation.
	TargetConnString string
	// Schemas and ExcludeTables scope the catalog read back (Flyway's
	// schemas / schemaModelSchemas).
	Schemas       []string
	ExcludeTables []string
	// Cache, when set, keeps loaded catalogs in memory across Load calls.
	Cache *Cache
	// CacheDir, when set, also keeps them on disk as JSON files.
	CacheDir string
	// Inspect reads the scratch database back; nil uses DefaultInspect.
	Inspect InspectFunc
}

// Result is a loaded model.
type Result struct {
	Catalog *catalog.Catalog
	// Positions gives, for every object of Catalog, where the model
	// defines it.
	Positions map[catalog.Key]Position
	// CacheKey identifies the model contents, server major version,
	// available extensions and scope the catalog was loaded for.
	CacheKey string
	// Cached is true when the result came from the cache.
	Cached bool
}

// validate checks that the options are usable.
func (o *Options) validate() error {
	if o.Dir == "" {
		return errors.New("loading schema model: no schema model folder given; set schemaModelLocation")
	}
	if o.BuildConnString == "" && o.TargetConnString == "" {
		return errors.New("loading schema model: no database to load it into; configure a target environment or -buildEnvironment=NAME")
	}
	if err := (inspect.Options{Schemas: o.Schemas, ExcludeTables: o.ExcludeTables}).Validate(); err != nil {
		return fmt.Errorf("loading schema model: %w", err)
	}
	return nil
}

// Load reads every .sql file under opts.Dir, applies it to a scratch
// database, reads that back and returns the catalog with the position of
// every object. Syntax errors, statements that do not belong in a model
// and statements PostgreSQL rejects are each reported all at once as a
// *LoadError.
func Load(ctx context.Context, opts Options) (*Result, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	files, err := readFiles(opts.Dir)
	if err != nil {
		return nil, err
	}
	parsed, err := splitFiles(files)
	if err != nil {
		return nil, err
	}
	sc := newScript(parsed)
	if opts.Cache == nil && opts.CacheDir == "" {
		return load(ctx, sc, opts)
	}
	key, err := cacheKey(ctx, files, opts)
	if err != nil {
		return nil, err
	}
	once := func() (*Result, error) { return loadCached(ctx, key, sc, opts) }
	if opts.Cache != nil {
		return opts.Cache.do(key, once)
	}
	return once()
}

// loadCached returns the result stored on disk under key, or loads the
// model and stores it there.
func loadCached(ctx context.Context, key string, sc *script, opts Options) (*Result, error) {
	if opts.CacheDir != "" {
		r, ok, err := readDiskCache(opts.CacheDir, key)
		if err != nil || ok {
			return r, err
		}
	}
	r, err := load(ctx, sc, opts)
	if err != nil {
		return nil, err
	}
	r.CacheKey = key
	if opts.CacheDir != "" {
		if err := writeDiskCache(opts.CacheDir, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// load applies the script to a scratch database that is released
// afterwards, whatever happens.
func load(ctx context.Context, sc *script, opts Options) (res *Result, err error) {
	s, err := openScratch(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, cleanup(s)) }()
	return loadInto(ctx, s, sc, opts)
}

// openScratch returns the build environment or a new temporary database.
func openScratch(ctx context.Context, opts Options) (*scratch, error) {
	if opts.BuildConnString != "" {
		return useBuildEnv(ctx, opts.BuildConnString)
	}
	return createTempDB(ctx, opts.TargetConnString)
}

// loadInto applies the script to the scratch database and reads it back.
func loadInto(ctx context.Context, s *scratch, sc *script, opts Options) (*Result, error) {
	conn, err := pgx.ConnectConfig(ctx, s.config)
	if err != nil {
		return nil, fmt.Errorf("connecting to build database: %w", err)
	}
	defer conn.Close(context.Background())
	a, problems, err := apply(ctx, conn, sc)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		all := append(append([]Problem(nil), sc.rejected...), problems...)
		sortProblems(all)
		return nil, &LoadError{Stage: "applying", Problems: all}
	}
	if len(sc.rejected) > 0 {
		return nil, &LoadError{Stage: "checking", Problems: sc.rejected}
	}
	cat, err := inspectScratch(ctx, s, opts)
	if err != nil {
		return nil, err
	}
	pos, err := a.positions(ctx, cat)
	if err != nil {
		return nil, err
	}
	return &Result{Catalog: cat, Positions: pos}, nil
}

// inspectScratch reads the scratch database's catalog through a small pool.
func inspectScratch(ctx context.Context, s *scratch, opts Options) (*catalog.Catalog, error) {
	cfg, err := pgxpool.ParseConfig("")
	if err != nil {
		return nil, fmt.Errorf("configuring build database pool: %w", err)
	}
	cfg.ConnConfig = s.config.Copy()
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to build database: %w", err)
	}
	defer pool.Close()
	inspect := opts.Inspect
	if inspect == nil {
		inspect = DefaultInspect
	}
	cat, err := inspect(ctx, pool, opts.Schemas, opts.ExcludeTables)
	if err != nil {
		return nil, fmt.Errorf("reading back the loaded schema model: %w", err)
	}
	return cat, nil
}
