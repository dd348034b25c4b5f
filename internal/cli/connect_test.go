package cli

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func envFor(t *testing.T, rawURL string) config.Environment {
	t.Helper()
	u, err := config.ParseURL(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return config.Environment{Name: "it", URL: u, User: "postgres", ConnectRetriesInterval: 120}
}

// closedPort returns a local port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestConnectRunsInitSQL(t *testing.T) {
	t.Parallel()
	env := envFor(t, pgtest.NewDB(t))
	env.InitSQL = "SET application_name = 'pgfleet-init'"
	ctx := context.Background()
	conn, err := connect(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var app string
	if err := conn.QueryRow(ctx, "SHOW application_name").Scan(&app); err != nil || app != "pgfleet-init" {
		t.Errorf("application_name = %q, %v", app, err)
	}
}

func TestConnectErrors(t *testing.T) {
	t.Parallel()
	good := pgtest.NewDB(t)
	tests := []struct {
		name    string
		env     func() config.Environment
		want    []string
		notWant string
	}{
		{"bad initSql", func() config.Environment {
			e := envFor(t, good)
			e.InitSQL = "SELEC 1"
			return e
		}, []string{"running initSql of environment it", "syntax error"}, ""},
		{"unreachable, retried", func() config.Environment {
			e := envFor(t, "postgres://127.0.0.1:"+itoa(closedPort(t))+"/x?sslmode=disable")
			e.Password, e.ConnectRetries, e.ConnectRetriesInterval = "hunter2", 2, 1
			return e
		}, []string{"connecting to environment it", "after 3 attempt(s)", "postgres:***@127.0.0.1"}, "hunter2"},
		{"missing database, not retried", func() config.Environment {
			e := envFor(t, good)
			e.URL.Database += "_missing"
			e.ConnectRetries = 5
			return e
		}, []string{"after 1 attempt(s)", "does not exist"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := connect(context.Background(), tt.env())
			if err == nil {
				t.Fatal("connect succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if tt.notWant != "" && strings.Contains(err.Error(), tt.notWant) {
				t.Errorf("error leaks %q: %v", tt.notWant, err)
			}
		})
	}
}

func TestConnectStopsRetryingOnCancel(t *testing.T) {
	t.Parallel()
	env := envFor(t, "postgres://127.0.0.1:"+itoa(closedPort(t))+"/x")
	env.ConnectRetries = 1000
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := connect(ctx, env)
	if err == nil || !strings.Contains(err.Error(), "context deadline exceeded") {
		t.Fatalf("err = %v, want the context's error", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
