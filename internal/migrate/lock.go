package migrate

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"
)

// LockKey returns the advisory lock key of a name, for example the history
// table's qualified name: the FNV-1a 64-bit hash of the name.
func LockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("pgfleet:" + name))
	return int64(h.Sum64())
}

// HistoryLockKey returns the lock key Migrate, Baseline, Repair and Undo
// use for the history table schema.table: its quoted qualified name, e.g.
// "app"."flyway_schema_history". Deploy passes the same key to Lock to keep
// a deployment and a migrate apart.
func HistoryLockKey(schema, table string) string {
	return pgx.Identifier{schema, table}.Sanitize()
}

// Lock takes the session-level advisory lock LockKey(key) on conn, waiting at
// most wait for another session to release it, and returns the function that
// releases it. Migrate, Baseline, Repair and Undo take it on the history
// table's qualified name; deploy can share it by using the same key.
func Lock(ctx context.Context, conn *pgx.Conn, key string, wait time.Duration) (unlock func() error, err error) {
	id := LockKey(key)
	deadline := time.Now().Add(wait)
	for {
		var ok bool
		if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", id).Scan(&ok); err != nil {
			return nil, fmt.Errorf("taking advisory lock for %s: %w", key, err)
		}
		if ok {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("taking advisory lock for %s: %s holds it and did not release it within %s; "+
				"wait for it to finish or raise the lock wait", key, holder(ctx, conn, id), wait)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("taking advisory lock for %s: %w", key, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
	release := context.WithoutCancel(ctx)
	return func() error {
		ctx, cancel := context.WithTimeout(release, 10*time.Second)
		defer cancel()
		if _, err := conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", id); err != nil {
			return fmt.Errorf("releasing advisory lock for %s: %w", key, err)
		}
		return nil
	}, nil
}

// holder describes the session holding the lock.
func holder(ctx context.Context, conn *pgx.Conn, id int64) string {
	var pid int
	var app string
	err := conn.QueryRow(ctx, `SELECT l.pid, coalesce(a.application_name, '') FROM pg_locks l
		LEFT JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
		AND l.classid = ($1::bigint >> 32)::bit(32)::int::oid AND l.objid = $1::bigint::bit(32)::int::oid LIMIT 1`, id).Scan(&pid, &app)
	if err != nil {
		return "another session"
	}
	return fmt.Sprintf("session pid %d (application %q)", pid, app)
}
