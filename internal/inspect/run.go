package inspect

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// maxWorkers bounds the connections one inspection uses.
const maxWorkers = 4

// runAll runs every query on up to maxWorkers connections. The first
// connection exports its snapshot; the others import it, so all queries see
// one consistent state. Each transaction is read-only with search_path
// pinned to pg_catalog, so format_type and pg_get_* qualify every
// user-defined name with its schema.
func runAll(ctx context.Context, pool *pgxpool.Pool, qs []query, r *reader, args []any) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lead, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquiring connection: %w", err)
	}
	defer lead.Release()
	tx, err := begin(ctx, lead.Conn(), "")
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var snap string
	if err := tx.QueryRow(ctx, "SELECT pg_export_snapshot()").Scan(&snap); err != nil {
		return fmt.Errorf("exporting snapshot: %w", err)
	}
	work := make(chan query)
	errs := make(chan error, maxWorkers)
	var wg sync.WaitGroup
	workers := min(maxWorkers, int(pool.Config().MaxConns), len(qs))
	wg.Go(func() { errs <- drain(ctx, tx, work, r, args, cancel) })
	for i := 1; i < workers; i++ {
		wg.Go(func() { errs <- worker(ctx, pool, snap, work, r, args, cancel) })
	}
feed:
	for _, q := range qs {
		select {
		case work <- q:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	close(errs)
	return joinErrors(ctx, errs)
}

// joinErrors joins the workers' errors, leaving out the cancellations one
// failure caused in the others.
func joinErrors(ctx context.Context, errs <-chan error) error {
	var all []error
	for err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			all = append(all, err)
		}
	}
	if len(all) == 0 && ctx.Err() != nil {
		return fmt.Errorf("inspecting database: %w", context.Cause(ctx))
	}
	return errors.Join(all...)
}

// worker imports the snapshot on its own connection and drains work.
func worker(ctx context.Context, pool *pgxpool.Pool, snap string, work <-chan query, r *reader, args []any, cancel func()) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		cancel()
		return fmt.Errorf("acquiring connection: %w", err)
	}
	defer conn.Release()
	tx, err := begin(ctx, conn.Conn(), snap)
	if err != nil {
		cancel()
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	return drain(ctx, tx, work, r, args, cancel)
}

// drain runs queries from work until it is closed or a query fails.
func drain(ctx context.Context, tx pgx.Tx, work <-chan query, r *reader, args []any, cancel func()) error {
	for q := range work {
		if err := q.run(ctx, tx, r, args); err != nil {
			cancel()
			for range work {
			}
			return err
		}
	}
	return nil
}

// begin starts a repeatable-read read-only transaction, importing snap
// when it is not empty, with search_path pinned to pg_catalog.
func begin(ctx context.Context, conn *pgx.Conn, snap string) (pgx.Tx, error) {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("beginning inspection transaction: %w", err)
	}
	if snap != "" {
		if _, err := tx.Exec(ctx, "SET TRANSACTION SNAPSHOT '"+snap+"'"); err != nil {
			tx.Rollback(ctx)
			return nil, fmt.Errorf("importing snapshot: %w", err)
		}
	}
	if _, err := tx.Exec(ctx, "SET LOCAL search_path = pg_catalog"); err != nil {
		tx.Rollback(ctx)
		return nil, fmt.Errorf("pinning search_path: %w", err)
	}
	return tx, nil
}
