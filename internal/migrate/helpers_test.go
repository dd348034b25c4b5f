package migrate

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// writeFiles writes name -> content under a new temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	addFiles(t, dir, files)
	return dir
}

func addFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// connect opens a connection to url, closed at cleanup.
func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// options returns DefaultOptions for the locations.
func options(locations ...string) Options {
	o := DefaultOptions()
	o.Locations = locations
	o.LockWait = 5 * time.Second
	return o
}

// historyRows reads public.flyway_schema_history.
func historyRows(t *testing.T, conn *pgx.Conn) []HistoryRow {
	t.Helper()
	rows, err := history{schema: "public", table: "flyway_schema_history"}.rows(context.Background(), conn)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// states returns "version|description state" for every info line.
func states(t *testing.T, conn *pgx.Conn, opts Options) []string {
	t.Helper()
	res, err := Info(context.Background(), conn, opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range res.Migrations {
		label := m.Version
		if label == "" {
			label = m.Description
		}
		out = append(out, label+" "+m.State)
	}
	return out
}

func tableExists(t *testing.T, conn *pgx.Conn, name string) bool {
	t.Helper()
	var ok bool
	if err := conn.QueryRow(context.Background(), "SELECT to_regclass($1) IS NOT NULL", name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func removeFile(dir, name string) error { return os.Remove(filepath.Join(dir, name)) }

func writeFile(dir, name, content string) error {
	return os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
}

func connectB(b *testing.B, url string) *pgx.Conn {
	b.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
