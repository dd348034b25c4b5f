package model

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// cleanupTimeout bounds dropping or cleaning a scratch database, which runs
// on a fresh context so that it happens also after ctx was cancelled.
const cleanupTimeout = 30 * time.Second

// ErrNoCreateDB is wrapped by the error Load returns when the target's user
// may not create the temporary build database.
var ErrNoCreateDB = errors.New("permission denied to create database")

// scratch is the database the model is loaded into.
type scratch struct {
	config  *pgx.ConnConfig                 // connects to the scratch database
	release func(ctx context.Context) error // drops it, or cleans the build environment
}

// parseConnString parses a connection string without ever echoing it: it
// may contain a password.
func parseConnString(what, connString string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("parsing %s connection string: invalid URL or key/value string (details withheld as they may contain a password)", what)
	}
	return cfg, nil
}

// createTempDB creates pgfleet_build_<random hex> on the target's server,
// with the target database's encoding and locale.
func createTempDB(ctx context.Context, target string) (*scratch, error) {
	cfg, err := parseConnString("target", target)
	if err != nil {
		return nil, err
	}
	admin, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to target to create a build database: %w", err)
	}
	defer admin.Close(context.Background())
	name, err := randomName()
	if err != nil {
		return nil, err
	}
	var enc, collate, ctype string
	err = admin.QueryRow(ctx, `SELECT pg_encoding_to_char(encoding), datcollate, datctype
		FROM pg_database WHERE datname = current_database()`).Scan(&enc, &collate, &ctype)
	if err != nil {
		return nil, fmt.Errorf("reading target database encoding: %w", err)
	}
	sql := fmt.Sprintf("CREATE DATABASE %s TEMPLATE template0 ENCODING %s LC_COLLATE %s LC_CTYPE %s",
		name, quoteLiteral(enc), quoteLiteral(collate), quoteLiteral(ctype))
	s := &scratch{config: cfg.Copy()}
	s.config.Database = name
	s.release = func(ctx context.Context) error { return dropDatabase(ctx, cfg, name) }
	if _, err := admin.Exec(ctx, sql); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "42501" {
			return nil, fmt.Errorf("creating temporary build database on the target's server as user %q: %w; "+
				"grant that user CREATEDB, or configure an empty build database and pass -buildEnvironment=NAME",
				cfg.User, ErrNoCreateDB)
		}
		return nil, errors.Join(fmt.Errorf("creating temporary build database: %w", err), cleanup(s))
	}
	return s, nil
}

// dropDatabase drops a temporary build database, ending its sessions first.
func dropDatabase(ctx context.Context, cfg *pgx.ConnConfig, name string) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connecting to drop build database %s: %w", name, err)
	}
	defer conn.Close(context.Background())
	drop := "DROP DATABASE IF EXISTS " + name
	if conn.PgConn().ParameterStatus("server_version") >= "13" {
		drop += " WITH (FORCE)"
	} else {
		_, err = conn.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE datname = $1 AND pid <> pg_backend_pid()`, name)
		if err != nil {
			return fmt.Errorf("ending sessions on build database %s: %w", name, err)
		}
	}
	if _, err := conn.Exec(ctx, drop); err != nil {
		return fmt.Errorf("dropping build database %s: %w; drop it by hand", name, err)
	}
	return nil
}

// cleanup releases a scratch database on a fresh context with a timeout,
// so that it happens also when the caller's ctx is cancelled.
func cleanup(s *scratch) error {
	ctx, cancel := context.WithTimeout(context.Background(), cleanupTimeout)
	defer cancel()
	return s.release(ctx)
}

// randomName returns pgfleet_build_ followed by 16 random hex digits.
func randomName() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating build database name: %w", err)
	}
	return "pgfleet_build_" + hex.EncodeToString(b), nil
}

// quoteLiteral quotes a string as a SQL literal.
func quoteLiteral(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}
