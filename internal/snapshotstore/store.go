// Package snapshotstore keeps a target's snapshot history: the catalog
// saved after each deploy, in a table of the target itself (Flyway's name
// flyway_snapshot_history, in the default schema), so that check -drift can
// compare the live target with what was last deployed.
package snapshotstore

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// DefaultTable is Flyway's default snapshot history table name.
const DefaultTable = "flyway_snapshot_history"

// DefaultLimit is how many snapshots are kept by default (Flyway's).
const DefaultLimit = 5

// Keyword names: "current" is the latest snapshot, "previous" the one before.
const (
	Current  = "current"
	Previous = "previous"
)

// Querier is what the store needs of a connection or transaction.
type Querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Store is the snapshot history table of one target.
type Store struct {
	Schema string // the target's default schema
	Table  string // DefaultTable unless configured
	Limit  int    // snapshots kept; 0 means DefaultLimit
}

// Entry is one stored snapshot with its deployment facts.
type Entry struct {
	ID             int64
	Name           string // empty for current/previous-style entries
	Fingerprint    string
	ModelHash      string
	ScriptChecksum string
	CreatedBy      string
	CreatedAt      time.Time
	Snapshot       *catalog.Snapshot
}

func (s Store) qualified() string {
	t := s.Table
	if t == "" {
		t = DefaultTable
	}
	return catalog.QualifiedName(s.Schema, t)
}

func (s Store) limit() int {
	if s.Limit <= 0 {
		return DefaultLimit
	}
	return s.Limit
}

// Ensure creates the history table (and its schema) when missing.
func (s Store) Ensure(ctx context.Context, q Querier) error {
	ddl := fmt.Sprintf(`CREATE SCHEMA IF NOT EXISTS %s;
CREATE TABLE IF NOT EXISTS %s (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    fingerprint text NOT NULL,
    model_hash text NOT NULL DEFAULT '',
    script_checksum text NOT NULL DEFAULT '',
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    server_version integer NOT NULL,
    snapshot bytea NOT NULL
)`, catalog.QuoteIdent(s.Schema), s.qualified())
	for _, stmt := range strings.Split(ddl, ";\n") {
		if _, err := q.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("creating snapshot history table %s: %w", s.qualified(), err)
		}
	}
	return nil
}

// Save stores a snapshot (creating the table when needed) and prunes the
// history to its limit. The keywords current and previous are stored as
// blank names, as Flyway does.
func (s Store) Save(ctx context.Context, q Querier, e Entry) error {
	if e.Snapshot == nil {
		return errors.New("saving snapshot: no snapshot given")
	}
	if err := s.Ensure(ctx, q); err != nil {
		return err
	}
	blob, err := compress(e.Snapshot)
	if err != nil {
		return err
	}
	name := e.Name
	if name == Current || name == Previous {
		name = ""
	}
	_, err = q.Exec(ctx, fmt.Sprintf(`INSERT INTO %s (name, fingerprint, model_hash, script_checksum, created_by, server_version, snapshot)
VALUES ($1, $2, $3, $4, $5, $6, $7)`, s.qualified()),
		name, e.Snapshot.Fingerprint, e.ModelHash, e.ScriptChecksum, e.CreatedBy, e.Snapshot.ServerVersion, blob)
	if err != nil {
		return fmt.Errorf("saving snapshot in %s: %w", s.qualified(), err)
	}
	_, err = q.Exec(ctx, fmt.Sprintf(`DELETE FROM %[1]s WHERE id NOT IN (SELECT id FROM %[1]s ORDER BY id DESC LIMIT $1)`, s.qualified()), s.limit())
	if err != nil {
		return fmt.Errorf("pruning snapshot history %s: %w", s.qualified(), err)
	}
	return nil
}

// Get returns the snapshot called name: "current" (or empty) is the latest,
// "previous" the one before, any other name the latest stored under it.
// It returns nil, nil when the table or the snapshot does not exist.
func (s Store) Get(ctx context.Context, q Querier, name string) (*Entry, error) {
	exists, err := s.exists(ctx, q)
	if err != nil || !exists {
		return nil, err
	}
	where, offset, args := "", 0, []any{}
	switch name {
	case "", Current:
	case Previous:
		offset = 1
	default:
		where, args = "WHERE name = $1", append(args, name)
	}
	query := fmt.Sprintf(`SELECT id, name, fingerprint, model_hash, script_checksum, created_by, created_at, snapshot
FROM %s %s ORDER BY id DESC LIMIT 1 OFFSET %d`, s.qualified(), where, offset)
	var e Entry
	var blob []byte
	err = q.QueryRow(ctx, query, args...).Scan(&e.ID, &e.Name, &e.Fingerprint, &e.ModelHash,
		&e.ScriptChecksum, &e.CreatedBy, &e.CreatedAt, &blob)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading snapshot %q from %s: %w", name, s.qualified(), err)
	}
	if e.Snapshot, err = decompress(blob); err != nil {
		return nil, fmt.Errorf("reading snapshot %d from %s: %w", e.ID, s.qualified(), err)
	}
	return &e, nil
}

func (s Store) exists(ctx context.Context, q Querier) (bool, error) {
	var ok bool
	err := q.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", s.qualified()).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("looking for snapshot history table %s: %w", s.qualified(), err)
	}
	return ok, nil
}

func compress(snap *catalog.Snapshot) ([]byte, error) {
	raw, err := catalog.MarshalSnapshot(snap)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(raw); err != nil {
		return nil, fmt.Errorf("compressing snapshot: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compressing snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

func decompress(blob []byte) (*catalog.Snapshot, error) {
	zr, err := gzip.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, fmt.Errorf("decompressing snapshot: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("decompressing snapshot: %w", err)
	}
	return catalog.UnmarshalSnapshot(raw)
}
