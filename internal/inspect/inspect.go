// Package inspect reads a catalog.Catalog from a live PostgreSQL database
// (versions 12 to 17) with set-based catalog queries: one query per object
// kind, run concurrently on a connection pool inside one exported snapshot
// so every query sees the same state.
package inspect

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// Options select what Inspect reads.
type Options struct {
	// Schemas limits the catalog to these schemas. Empty means every
	// non-system schema. Database-wide objects (extensions, event triggers,
	// default privileges) follow the schema they live in or refer to.
	Schemas []string
	// ExcludeTables names tables left out of the catalog with their
	// sub-objects, as unquoted "schema.table", e.g. pgfleet's own
	// "app.flyway_schema_history" and snapshot history tables.
	ExcludeTables []string
}

// Validate reports options that cannot be right.
func (o Options) Validate() error {
	for _, t := range o.ExcludeTables {
		if !strings.Contains(strings.TrimSpace(t), ".") {
			return fmt.Errorf("excluded table %q: want a qualified name such as \"app.flyway_schema_history\"", t)
		}
	}
	for _, s := range o.Schemas {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("schemas: empty schema name; list schema names, or none for every schema")
		}
	}
	return nil
}

// MinServerVersion is the oldest supported server_version_num.
const MinServerVersion = 120000

// Inspect reads the catalog of the database behind pool.
func Inspect(ctx context.Context, pool *pgxpool.Pool, opts Options) (*catalog.Catalog, error) {
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("inspecting database: %w", err)
	}
	var version int
	if err := pool.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		return nil, fmt.Errorf("reading server version: %w", err)
	}
	if version < MinServerVersion {
		return nil, fmt.Errorf("inspecting database: PostgreSQL %d.%d is not supported; pgfleet needs PostgreSQL 12 or later",
			version/10000, version%10000)
	}
	qs, err := renderQueries(version)
	if err != nil {
		return nil, err
	}
	r := newReader(version)
	if err := runAll(ctx, pool, qs, r, queryArgs(opts)); err != nil {
		return nil, err
	}
	c := r.assemble()
	c.ServerVersion = version
	c.NormalizeExpressions()
	c.Normalize()
	return c, nil
}

// queryArgs returns the two parameters every query takes: $1 the schemas
// (NULL for all) and $2 the excluded tables.
func queryArgs(opts Options) []any {
	var schemas []string
	if len(opts.Schemas) > 0 {
		schemas = opts.Schemas
	}
	excluded := make([]string, 0, len(opts.ExcludeTables))
	for _, t := range opts.ExcludeTables {
		excluded = append(excluded, strings.TrimSpace(t))
	}
	return []any{schemas, excluded}
}

// Connect opens a pool for inspection. Errors never include the password.
func Connect(ctx context.Context, connString string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("parsing connection string: invalid URL or key/value string (details withheld as they may contain a password)")
	}
	if cfg.MaxConns > 4 {
		cfg.MaxConns = 4
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	return pool, nil
}
