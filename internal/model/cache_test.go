package model

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestCache(t *testing.T) {
	t.Parallel()
	target := pgtest.NewDB(t)
	var loads atomic.Int32
	counting := func(ctx context.Context, pool *pgxpool.Pool, schemas, excl []string) (*catalog.Catalog, error) {
		loads.Add(1)
		return DefaultInspect(ctx, pool, schemas, excl)
	}
	dir := writeModel(t, map[string]string{"a.sql": "CREATE TABLE a (id int PRIMARY KEY);"})
	cacheDir := filepath.Join(t.TempDir(), "cache")
	memory := NewCache()
	opts := Options{Dir: dir, TargetConnString: target, Cache: memory, CacheDir: cacheDir, Inspect: counting}

	first, err := Load(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		opts   Options
		edit   string // new content of a.sql before loading; "" keeps it
		cached bool
		loads  int32
	}{
		{name: "in-process hit", opts: opts, cached: true, loads: 1},
		{name: "on-disk hit in a new process", opts: with(opts, NewCache()), cached: true, loads: 1},
		{name: "changed model misses", opts: with(opts, NewCache()), edit: "CREATE TABLE a (id bigint PRIMARY KEY);", loads: 2},
		{name: "other scope misses", opts: withSchemas(opts, "public"), loads: 3},
	}
	for _, tt := range tests {
		if tt.edit != "" {
			if err := os.WriteFile(filepath.Join(dir, "a.sql"), []byte(tt.edit), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := Load(context.Background(), tt.opts)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if res.Cached != tt.cached || loads.Load() != tt.loads {
			t.Errorf("%s: cached %v after %d loads, want %v after %d", tt.name, res.Cached, loads.Load(), tt.cached, tt.loads)
		}
		if tt.cached && (res.Catalog.Fingerprint() != first.Catalog.Fingerprint() || len(res.Positions) != len(first.Positions)) {
			t.Errorf("%s: cached result differs from the loaded one", tt.name)
		}
	}
}

// with returns opts using another in-process cache.
func with(opts Options, c *Cache) Options {
	opts.Cache = c
	return opts
}

// withSchemas returns opts scoped to schemas.
func withSchemas(opts Options, schemas ...string) Options {
	opts.Schemas = schemas
	return opts
}
