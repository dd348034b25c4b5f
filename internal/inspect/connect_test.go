package inspect_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/inspect"
)

func TestConnectErrorsHideThePassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, conn, want string
	}{
		{"unreachable", "postgres://app:s3cretpw@127.0.0.1:1/shop?connect_timeout=2", "connecting to 127.0.0.1:1/shop"},
		{"malformed", "postgres://app:s3cretpw@127.0.0.1:notaport/shop", "parsing connection string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			pool, err := inspect.Connect(ctx, tc.conn)
			if err == nil {
				pool.Close()
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "s3cretpw") {
				t.Errorf("error reveals the password: %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", err, tc.want)
			}
		})
	}
}

func TestInspectHonoursCancellation(t *testing.T) {
	t.Parallel()
	url := load(t, "CREATE SCHEMA app; CREATE TABLE app.t (id int);")
	pool, err := inspect.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := inspect.Inspect(ctx, pool, inspect.Options{}); err == nil {
		t.Fatal("Inspect succeeded on a cancelled context")
	}
}

func TestOptionsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		opts inspect.Options
		ok   bool
	}{
		{inspect.Options{}, true},
		{inspect.Options{Schemas: []string{"app"}, ExcludeTables: []string{"app.flyway_schema_history"}}, true},
		{inspect.Options{ExcludeTables: []string{"flyway_schema_history"}}, false},
		{inspect.Options{Schemas: []string{" "}}, false},
	}
	for _, tc := range tests {
		if err := tc.opts.Validate(); (err == nil) != tc.ok {
			t.Errorf("Validate(%+v) = %v", tc.opts, err)
		}
	}
}
