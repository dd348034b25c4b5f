package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	serverOnce sync.Once
	server     *Cluster // nil when EnvURL is used
	adminURL   string
	serverErr  error
	dbCounter  atomic.Int64
	rolesMu    sync.Mutex
)

// Run runs the tests of a package and stops the throwaway cluster, if one was
// started, when they are done. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
func Run(m *testing.M) int {
	code := m.Run()
	if server != nil {
		if err := server.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
		}
	}
	return code
}

// AdminURL returns the URL of the maintenance database of the test server,
// starting the server on first use.
func AdminURL(tb testing.TB) string {
	tb.Helper()
	serverOnce.Do(startServer)
	if serverErr != nil {
		tb.Fatal(serverErr)
	}
	return adminURL
}

func startServer() {
	if u := os.Getenv(EnvURL); u != "" {
		adminURL = u
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	server, serverErr = StartCluster(ctx)
	if serverErr == nil {
		adminURL = server.URL("postgres")
	}
}

// NewDB creates a fresh empty database for this test, dropped when the test
// ends, and returns its URL. The user is a superuser.
func NewDB(tb testing.TB) string {
	tb.Helper()
	admin := AdminURL(tb)
	name := fmt.Sprintf("pgfleet_t_%d_%d", os.Getpid(), dbCounter.Add(1))
	Exec(tb, admin, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'")
	tb.Cleanup(func() { dropDB(tb, admin, name) })
	return WithDatabase(tb, admin, name)
}

func dropDB(tb testing.TB, admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Errorf("pgtest: connecting to drop %s: %v", name, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		tb.Errorf("pgtest: dropping %s: %v", name, err)
	}
}

// WithDatabase returns rawURL with its database replaced by db.
func WithDatabase(tb testing.TB, rawURL, db string) string {
	tb.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		tb.Fatalf("pgtest: parsing server URL: %v", err)
	}
	u.Path = "/" + db
	return u.String()
}

// Exec runs a SQL script (several statements allowed, simple protocol) on the
// database at url and fails the test on error.
func Exec(tb testing.TB, dbURL, sql string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		tb.Fatalf("pgtest: connecting: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, pgx.QueryExecModeSimpleProtocol); err != nil {
		tb.Fatalf("pgtest: executing SQL: %v\n%s", err, abbreviate(sql))
	}
}

// EnsureRoles creates the named cluster-wide roles (NOLOGIN) when missing.
// Roles outlive the test database, so tests may share them. PUBLIC, the
// pseudo-role every role belongs to, is skipped.
func EnsureRoles(tb testing.TB, names ...string) {
	tb.Helper()
	rolesMu.Lock()
	defer rolesMu.Unlock()
	for _, n := range names {
		if strings.EqualFold(n, "public") {
			continue
		}
		q := fmt.Sprintf(`DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END$$`,
			quoteLiteral(n), pgx.Identifier{n}.Sanitize())
		Exec(tb, AdminURL(tb), q)
	}
}

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

func abbreviate(s string) string {
	if len(s) > 500 {
		return s[:500] + "..."
	}
	return s
}
