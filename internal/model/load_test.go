package model

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// outOfOrder is a model whose files and statements are in no useful order.
var outOfOrder = map[string]string{
	"a_comments.sql": "COMMENT ON TABLE app.orders IS 'orders';\nCOMMENT ON COLUMN app.customers.name IS 'name';\n",
	"app/Views/order_totals.sql": "CREATE VIEW app.order_totals AS\n  SELECT c.name, sum(o.amount) AS total\n" +
		"  FROM app.orders o JOIN app.customers c ON c.id = o.customer_id GROUP BY c.name;\n",
	"app/Tables/orders.sql": "CREATE TABLE app.orders (\n  id bigint PRIMARY KEY,\n  customer_id int NOT NULL,\n" +
		"  amount app.money_amount,\n  status app.status NOT NULL DEFAULT 'new'\n);\n" +
		"ALTER TABLE app.orders\n  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers (id);\n" +
		"CREATE INDEX orders_customer_idx ON app.orders (customer_id);\n",
	"app/Functions/add_order.sql": "CREATE FUNCTION app.add_order(p_customer integer, p_amount numeric) RETURNS app.orders\n" +
		"LANGUAGE sql AS $$ INSERT INTO app.orders VALUES (1, p_customer, p_amount) RETURNING *; $$;\n",
	"app/Tables/customers.sql": "CREATE TABLE app.customers (id int PRIMARY KEY, name text NOT NULL);\n" +
		"ALTER TABLE app.customers ADD CONSTRAINT customers_uq UNIQUE (name);\n",
	"app/Types/types.sql": "CREATE TYPE app.status AS ENUM ('new', 'paid');\nCREATE DOMAIN app.money_amount AS numeric(12,2) CHECK (VALUE >= 0);\n",
	"zz_schema.sql":       "-- the schema comes last\nCREATE SCHEMA app;\n",
}

func TestLoadOutOfOrder(t *testing.T) {
	t.Parallel()
	dir := writeModel(t, outOfOrder)
	res, err := Load(context.Background(), Options{Dir: dir, TargetConnString: pgtest.NewDB(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Catalog.Table("app", "orders") == nil || res.Catalog.Table("app", "customers") == nil {
		t.Fatalf("tables missing from catalog: %+v", res.Catalog.Tables)
	}
	at := func(rel string) string { return dir + "/" + rel }
	tests := []struct {
		key  catalog.Key
		want string
	}{
		{catalog.Key{Kind: catalog.KindSchema, Name: "app"}, at("zz_schema.sql") + ":2"},
		{catalog.Key{Kind: catalog.KindTable, Schema: "app", Name: "orders"}, at("app/Tables/orders.sql") + ":1"},
		{catalog.Key{Kind: catalog.KindColumn, Schema: "app", Table: "orders", Name: "amount"}, at("app/Tables/orders.sql") + ":4"},
		{catalog.Key{Kind: catalog.KindConstraint, Schema: "app", Table: "orders", Name: "orders_customer_fk"}, at("app/Tables/orders.sql") + ":8"},
		{catalog.Key{Kind: catalog.KindConstraint, Schema: "app", Table: "orders", Name: "orders_pkey"}, at("app/Tables/orders.sql") + ":1"},
		{catalog.Key{Kind: catalog.KindIndex, Schema: "app", Table: "orders", Name: "orders_customer_idx"}, at("app/Tables/orders.sql") + ":9"},
		{catalog.Key{Kind: catalog.KindIndex, Schema: "app", Table: "customers", Name: "customers_uq"}, at("app/Tables/customers.sql") + ":2"},
		{catalog.Key{Kind: catalog.KindFunction, Schema: "app", Name: "add_order(integer, numeric)"}, at("app/Functions/add_order.sql") + ":1"},
		{catalog.Key{Kind: catalog.KindEnum, Schema: "app", Name: "status"}, at("app/Types/types.sql") + ":1"},
		{catalog.Key{Kind: catalog.KindDomain, Schema: "app", Name: "money_amount"}, at("app/Types/types.sql") + ":2"},
		{catalog.Key{Kind: catalog.KindView, Schema: "app", Name: "order_totals"}, at("app/Views/order_totals.sql") + ":1"},
		{catalog.Key{Kind: catalog.KindColumn, Schema: "app", Table: "order_totals", Name: "total"}, at("app/Views/order_totals.sql") + ":1"},
	}
	for _, tt := range tests {
		pos, ok := res.Positions[tt.key]
		if !ok {
			t.Errorf("no position for %s", tt.key)
			continue
		}
		if got := pos.String(); got != tt.want {
			t.Errorf("position of %s = %s, want %s", tt.key, got, tt.want)
		}
	}
	for k := range res.Catalog.Index() {
		if _, ok := res.Positions[k]; !ok && k.Name != "public" {
			t.Errorf("object %s has no position", k)
		}
	}
}

func TestLoadModelDefiningPublic(t *testing.T) {
	t.Parallel()
	dir := writeModel(t, map[string]string{
		"public.sql": "CREATE SCHEMA public;\nCOMMENT ON SCHEMA public IS 'the model says so';\n",
		"t.sql":      "CREATE TABLE public.t (id int);\n",
	})
	res, err := Load(context.Background(), Options{Dir: dir, TargetConnString: pgtest.NewDB(t)})
	if err != nil {
		t.Fatal(err)
	}
	key := catalog.Key{Kind: catalog.KindSchema, Name: "public"}
	if p, ok := res.Positions[key]; !ok || p.Line != 1 {
		t.Errorf("position of public = %+v, want public.sql:1", p)
	}
	if o, ok := res.Catalog.Index()[key]; !ok || o.Meta.Comment != "the model says so" {
		t.Errorf("schema public = %+v, want the model's comment", o)
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	t.Parallel()
	target := pgtest.NewDB(t)
	tests := []struct {
		name  string
		files map[string]string
		stage string
		want  []string
	}{
		{
			name: "syntax errors in several files",
			files: map[string]string{
				"a.sql": "CREATE TABLE a (id int);\nCREATE TABLE b (id int,);\n",
				"b.sql": "CREAT TABLE c (id int);\n",
			},
			stage: "parsing",
			want:  []string{`a.sql:2:24: syntax error at or near ")"`, `b.sql:1:1: syntax error at or near "CREAT"`},
		},
		{
			name: "statements that do not belong in a model",
			files: map[string]string{
				"a.sql": "\\restrict abc\nBEGIN;\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nDROP TABLE a;\n\\connect other\nCOMMIT;\n\\unrestrict abc\n",
			},
			stage: "checking",
			want: []string{
				"a.sql:2:1: transaction control does not belong", "a.sql:4:1: INSERT changes data",
				"a.sql:5:1: DROP does not belong", `a.sql:6:1: psql meta-command \connect`, "a.sql:7:1: transaction control",
			},
		},
		{
			name: "statements PostgreSQL rejects",
			files: map[string]string{
				"a.sql": "CREATE TABLE a (\n  id int,\n  b nosuchtype\n);\nCREATE TABLE ok (id int);\n",
				"b.sql": "CREATE VIEW v AS\n  SELECT id,\n         nosuchcolumn\n  FROM ok;\nCREATE INDEX ON ok (id);\nCREATE INDEX ON missing (id);\n",
				"c.sql": "SET work_mem = 'lots';\nSET search_path = nosuch;\nCREATE TABLE d (id int);\n",
				"d.sql": "INSERT INTO ok VALUES (1);\n",
			},
			stage: "applying",
			want: []string{
				`a.sql:3:5: type "nosuchtype" does not exist`,
				`b.sql:3:10: column "nosuchcolumn" does not exist`,
				`b.sql:6:1: relation "missing" does not exist`,
				`c.sql:1:1: invalid value for parameter "work_mem": "lots"`,
				`c.sql:3:14: no schema has been selected to create in`,
				`d.sql:1:1: INSERT changes data`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeModel(t, tt.files)
			_, err := Load(context.Background(), Options{Dir: dir, TargetConnString: target})
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("got %v, want a *LoadError", err)
			}
			if le.Stage != tt.stage || len(le.Problems) != len(tt.want) {
				t.Fatalf("got stage %s with %d problems, want %s with %d:\n%v", le.Stage, len(le.Problems), tt.stage, len(tt.want), err)
			}
			for i, p := range le.Problems {
				if got := strings.TrimPrefix(p.String(), dir+"/"); !strings.HasPrefix(got, tt.want[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestLoadNoCreateDB(t *testing.T) {
	t.Parallel()
	pgtest.Exec(t, pgtest.AdminURL(t), `DO $$BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgfleet_model_nocreatedb') THEN
		  CREATE ROLE pgfleet_model_nocreatedb LOGIN NOCREATEDB;
		END IF; END$$`)
	target := strings.Replace(pgtest.NewDB(t), "postgres@", "pgfleet_model_nocreatedb@", 1)
	dir := writeModel(t, map[string]string{"a.sql": "CREATE TABLE a (id int);"})
	_, err := Load(context.Background(), Options{Dir: dir, TargetConnString: target})
	if !errors.Is(err, ErrNoCreateDB) {
		t.Fatalf("got %v, want ErrNoCreateDB", err)
	}
	for _, want := range []string{"pgfleet_model_nocreatedb", "CREATEDB", "-buildEnvironment=NAME"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestBuildDatabaseDropped runs without t.Parallel so that no other test
// creates build databases meanwhile.
func TestBuildDatabaseDropped(t *testing.T) {
	target := pgtest.NewDB(t)
	tests := []struct {
		name    string
		sql     string
		cancel  bool
		wantErr bool
	}{
		{name: "after success", sql: "CREATE TABLE a (id int);"},
		{name: "after error", sql: "CREATE TABLE a (id nosuchtype);", wantErr: true},
		{name: "after cancellation", sql: "CREATE TABLE a AS SELECT pg_sleep(30) AS x;", cancel: true, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModel(t, map[string]string{"a.sql": tt.sql})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				go cancelWhenBuildDatabaseExists(pgtest.AdminURL(t), cancel)
			}
			start := time.Now()
			_, err := Load(ctx, Options{Dir: dir, TargetConnString: target})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Load error = %v, want error %v", err, tt.wantErr)
			}
			if tt.cancel && time.Since(start) > 20*time.Second {
				t.Errorf("Load took %s after cancellation", time.Since(start))
			}
			if dbs := buildDatabases(t); len(dbs) > 0 {
				t.Errorf("build databases left behind: %v", dbs)
			}
		})
	}
}

// cancelWhenBuildDatabaseExists cancels once a build database appears.
func cancelWhenBuildDatabaseExists(adminURL string, cancel context.CancelFunc) {
	defer cancel()
	for range 400 {
		if dbs, err := listBuildDatabases(adminURL); err == nil && len(dbs) > 0 {
			time.Sleep(200 * time.Millisecond)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
