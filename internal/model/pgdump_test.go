package model

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// richSchema exercises many object kinds, in an order pg_dump will change.
const richSchema = `
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'paid', 'shipped');
CREATE TYPE app.pair AS (a int, b text);
CREATE TYPE app.floatrange AS RANGE (subtype = float8);
CREATE DOMAIN app.email AS citext CONSTRAINT email_ck CHECK (VALUE ~ '@');
CREATE SEQUENCE app.invoice_no START 1000 INCREMENT 5;
CREATE TABLE app.customers (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email app.email NOT NULL UNIQUE,
  name text COLLATE "C",
  created timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE app.orders (
  id bigserial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES app.customers ON DELETE CASCADE,
  status app.status NOT NULL DEFAULT 'new',
  amount numeric(12,2) CHECK (amount >= 0),
  total numeric GENERATED ALWAYS AS (amount * 1.2) STORED,
  invoice int DEFAULT nextval('app.invoice_no')
) PARTITION BY HASH (id);
CREATE TABLE app.orders_0 PARTITION OF app.orders FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE app.orders_1 PARTITION OF app.orders FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX orders_status_idx ON app.orders (status) WHERE status <> 'shipped';
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.created := now(); RETURN NEW; END$$;
CREATE TRIGGER customers_touch BEFORE UPDATE ON app.customers FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE FUNCTION app.order_count(c int) RETURNS bigint LANGUAGE sql STABLE
  BEGIN ATOMIC SELECT count(*) FROM app.orders WHERE customer_id = c; END;
CREATE VIEW app.big_orders AS SELECT id, amount FROM app.orders WHERE amount > 100;
CREATE MATERIALIZED VIEW app.order_stats AS SELECT status, count(*) AS n FROM app.orders GROUP BY status;
CREATE UNIQUE INDEX order_stats_status ON app.order_stats (status);
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.customers USING (name = current_user);
CREATE ROLE pgfleet_model_app NOLOGIN;
GRANT USAGE ON SCHEMA app TO pgfleet_model_app;
GRANT SELECT, INSERT ON app.orders TO pgfleet_model_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO pgfleet_model_app;
COMMENT ON TABLE app.orders IS 'customer orders';
COMMENT ON COLUMN app.customers.email IS 'login';
COMMENT ON FUNCTION app.order_count(int) IS 'orders of a customer';
`

func TestLoadPgDumpOutput(t *testing.T) {
	t.Parallel()
	pgtest.EnsureRoles(t, "pgfleet_model_app")
	live := pgtest.NewDB(t)
	pgtest.Exec(t, live, strings.Replace(richSchema, "CREATE ROLE pgfleet_model_app NOLOGIN;", "", 1))
	dir := t.TempDir()
	out, err := exec.Command("pg_dump", "--schema-only", "--file", filepath.Join(dir, "dump.sql"), "--dbname", live).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	res, err := Load(context.Background(), Options{Dir: dir, TargetConnString: pgtest.NewDB(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := inspectURL(t, live)
	if got := canonical(t, res.Catalog); !bytes.Equal(got, canonical(t, want)) {
		t.Errorf("catalog loaded from pg_dump output differs from the live one:\n%s", lineDiff(string(canonical(t, want)), string(got)))
	}
	key := catalog.Key{Kind: catalog.KindTable, Schema: "app", Name: "orders"}
	if p, ok := res.Positions[key]; !ok || p.Line < 1 {
		t.Errorf("no position for %s: %+v", key, p)
	}
}

// inspectURL reads the catalog of the database at url.
func inspectURL(t *testing.T, url string) *catalog.Catalog {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	c, err := DefaultInspect(context.Background(), pool, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// canonical returns a catalog's canonical JSON.
func canonical(t *testing.T, c *catalog.Catalog) []byte {
	t.Helper()
	b, err := c.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lineDiff lists the lines of a and b that the other lacks (a crude diff
// good enough to point at the differing objects).
func lineDiff(a, b string) string {
	split := func(s string) []string {
		return strings.Split(strings.NewReplacer("},", "},\n", "],", "],\n").Replace(s), "\n")
	}
	inA := map[string]bool{}
	for _, l := range split(a) {
		inA[l] = true
	}
	inB := map[string]bool{}
	var out []string
	for _, l := range split(b) {
		inB[l] = true
		if !inA[l] {
			out = append(out, "+ "+l)
		}
	}
	for _, l := range split(a) {
		if !inB[l] {
			out = append(out, "- "+l)
		}
	}
	if len(out) > 40 {
		out = append(out[:40], "...")
	}
	return strings.Join(out, "\n")
}
