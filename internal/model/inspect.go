package model

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/inspect"
)

// DefaultInspect reads the scratch database with package inspect, the same
// reader used for live targets, so both sides are normalised alike.
func DefaultInspect(ctx context.Context, pool *pgxpool.Pool, schemas, excludeTables []string) (*catalog.Catalog, error) {
	return inspect.Inspect(ctx, pool, inspect.Options{Schemas: schemas, ExcludeTables: excludeTables})
}
