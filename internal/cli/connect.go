package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pgfleet/pgfleet/internal/config"
)

// connect opens a connection to an environment the way Flyway does: on
// failure it retries up to env.ConnectRetries times, waiting 1 s, then
// doubling, capped at env.ConnectRetriesInterval seconds; then it runs
// env.InitSQL. Errors name the environment and show the connection string
// redacted. Commands that need a database use it, so every command honours
// the same connection settings.
func connect(ctx context.Context, env config.Environment) (*pgx.Conn, error) {
	wait := time.Second
	maxWait := time.Duration(env.ConnectRetriesInterval) * time.Second
	for attempt := 0; ; attempt++ {
		conn, err := pgx.Connect(ctx, env.ConnString())
		if err == nil {
			if err := initConn(ctx, conn, env); err != nil {
				return nil, err
			}
			return conn, nil
		}
		if attempt >= env.ConnectRetries || !retryable(err) {
			return nil, fmt.Errorf("connecting to environment %s (%s) after %d attempt(s): %w",
				env.Name, env.Redacted(), attempt+1, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("connecting to environment %s: %w", env.Name, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(wait*2, max(maxWait, time.Second))
	}
}

// retryable reports whether a connection error may go away: the server was
// unreachable or still starting, not a refusal such as a bad password.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "57P03" // cannot_connect_now: starting up
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// initConn runs the environment's initSql; on error it closes conn.
func initConn(ctx context.Context, conn *pgx.Conn, env config.Environment) error {
	if env.InitSQL == "" {
		return nil
	}
	if _, err := conn.Exec(ctx, env.InitSQL); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return fmt.Errorf("running initSql of environment %s: %w", env.Name, err)
	}
	return nil
}
