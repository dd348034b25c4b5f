package model

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// Cache keeps loaded models in memory so that a fleet rollout loads the
// model once per server major version and extension set, not once per
// target. It is safe for concurrent use; concurrent loads of the same key
// wait for the first one. Cached results are shared: do not modify them.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
}

// cacheEntry is one key's load, done when done is closed.
type cacheEntry struct {
	done chan struct{}
	res  *Result
	err  error
}

// NewCache returns an empty in-process cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]*cacheEntry{}}
}

// do returns the cached result for key or runs load once for it; a failed
// load is forgotten so that the next caller tries again.
func (c *Cache) do(key string, load func() (*Result, error)) (*Result, error) {
	for {
		c.mu.Lock()
		e, ok := c.entries[key]
		if !ok {
			e = &cacheEntry{done: make(chan struct{})}
			c.entries[key] = e
			c.mu.Unlock()
			e.res, e.err = load()
			if e.err != nil {
				c.mu.Lock()
				delete(c.entries, key)
				c.mu.Unlock()
			}
			close(e.done)
			return e.res, e.err
		}
		c.mu.Unlock()
		<-e.done
		if e.err == nil {
			r := *e.res
			r.Cached = true
			return &r, nil
		}
	}
}

// cacheKey hashes the model files (paths and bytes), the server's major
// version, its available extension versions and the scope.
func cacheKey(ctx context.Context, files []sourceFile, opts Options) (string, error) {
	version, exts, err := serverIdentity(ctx, opts)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	field := func(s string) {
		_ = binary.Write(h, binary.BigEndian, uint64(len(s)))
		h.Write([]byte(s))
	}
	field("pgfleet-model-cache/1")
	for _, f := range files {
		field(f.rel)
		field(string(f.data))
	}
	field(fmt.Sprint(version / 10000))
	field(exts)
	field(strings.Join(opts.Schemas, "\x00"))
	field(strings.Join(opts.ExcludeTables, "\x00"))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// serverIdentity reads server_version_num and the available extension
// versions of the server the model will be loaded on.
func serverIdentity(ctx context.Context, opts Options) (int, string, error) {
	what, cs := "target", opts.TargetConnString
	if opts.BuildConnString != "" {
		what, cs = "build environment", opts.BuildConnString
	}
	cfg, err := parseConnString(what, cs)
	if err != nil {
		return 0, "", err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return 0, "", fmt.Errorf("connecting to %s: %w", what, err)
	}
	defer conn.Close(context.Background())
	var version int
	var exts string
	err = conn.QueryRow(ctx, `SELECT current_setting('server_version_num')::int,
		coalesce((SELECT string_agg(name || ' ' || version, ',' ORDER BY name, version)
		          FROM pg_available_extension_versions), '')`).Scan(&version, &exts)
	if err != nil {
		return 0, "", fmt.Errorf("reading %s server version and extensions: %w", what, err)
	}
	return version, exts, nil
}

// diskEntry is the on-disk form of a cached result.
type diskEntry struct {
	Format    string            `json:"format"`
	Snapshot  json.RawMessage   `json:"snapshot"`
	Positions []positionedEntry `json:"positions"`
}

// positionedEntry is one object's position on disk.
type positionedEntry struct {
	Key      catalog.Key `json:"key"`
	Position Position    `json:"position"`
}

const diskFormat = "pgfleet-model-cache/1"

// readDiskCache returns the result stored under key in dir, if any.
func readDiskCache(dir, key string) (*Result, bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, key+".json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("reading model cache: %w", err)
	}
	var e diskEntry
	if err := json.Unmarshal(b, &e); err != nil || e.Format != diskFormat {
		return nil, false, nil // unreadable or older format: reload and overwrite
	}
	snap, err := catalog.UnmarshalSnapshot(e.Snapshot)
	if err != nil {
		return nil, false, nil
	}
	snap.Catalog.ServerVersion = snap.ServerVersion
	pos := make(map[catalog.Key]Position, len(e.Positions))
	for _, p := range e.Positions {
		pos[p.Key] = p.Position
	}
	return &Result{Catalog: snap.Catalog, Positions: pos, CacheKey: key, Cached: true}, true, nil
}

// writeDiskCache stores a result under its key in dir, atomically.
func writeDiskCache(dir string, r *Result) error {
	snap, err := catalog.MarshalSnapshot(catalog.NewSnapshot(r.Catalog, catalog.SnapshotCreated{
		At: time.Now().UTC(), By: "pgfleet", Source: "schemaModel"}))
	if err != nil {
		return err
	}
	e := diskEntry{Format: diskFormat, Snapshot: snap}
	for k, p := range r.Positions {
		e.Positions = append(e.Positions, positionedEntry{Key: k, Position: p})
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encoding model cache: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating model cache folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, r.CacheKey+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing model cache: %w", err)
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing model cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, r.CacheKey+".json")); err != nil {
		return fmt.Errorf("writing model cache: %w", err)
	}
	return nil
}
