package config

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// TestConnStringConnects proves that the connection string built from a
// JDBC URL, resolved credentials and translated parameters is one a real
// PostgreSQL server accepts, with every parameter taking effect.
func TestConnStringConnects(t *testing.T) {
	t.Parallel()
	dbURL := pgtest.NewDB(t)
	server, err := ParseURL(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	const role, password = "pgfleet config user", `p@ss:/w?rd%&"x`
	pgtest.Exec(t, dbURL, fmt.Sprintf(`
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%[1]s') THEN CREATE ROLE "%[1]s" LOGIN; END IF;
END $$;
ALTER ROLE "%[1]s" PASSWORD '%[2]s';
CREATE SCHEMA app;`, role, strings.ReplaceAll(password, "'", "''")))
	h := server.Hosts[0]
	toml := fmt.Sprintf(`
[environments.it]
url = "jdbc:postgresql://%s:%d/%s?sslmode=disable&ApplicationName=pgfleet-it&currentSchema=app"
user = "${env.IT_USER}"
password = "${env.IT_PASSWORD}"
[environments.it.jdbcProperties]
connect_timeout = "7"
`, h.Host, h.Port, server.Database)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "flyway.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(Options{WorkingDirectory: dir, LookupEnv: lookupIn(map[string]string{"IT_USER": role, "IT_PASSWORD": password})})
	if err != nil {
		t.Fatal(err)
	}
	env, err := c.Resolve("it")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, env.ConnString())
	if err != nil {
		t.Fatalf("connecting with %s: %v", env.Redacted(), err)
	}
	defer conn.Close(ctx)
	var user, db, app, path string
	err = conn.QueryRow(ctx, "SELECT current_user, current_database(), current_setting('application_name'), current_setting('search_path')").
		Scan(&user, &db, &app, &path)
	if err != nil {
		t.Fatal(err)
	}
	if user != role || db != server.Database || app != "pgfleet-it" || path != "app" {
		t.Errorf("connected as %q to %q with application_name %q, search_path %q", user, db, app, path)
	}
	if cfg := conn.Config(); cfg.ConnectTimeout.Seconds() != 7 || cfg.Password != password {
		t.Errorf("connect_timeout %v, password parsed back wrongly", cfg.ConnectTimeout)
	}
	if strings.Contains(env.Redacted(), password) || strings.Contains(c.Redact(env.ConnString()), "w?rd") {
		t.Error("redaction leaks the password")
	}
}
