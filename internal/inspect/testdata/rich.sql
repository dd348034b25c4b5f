-- A schema exercising every object kind of the catalog. Roles app_reader
-- and app_writer must exist.
CREATE SCHEMA app;
CREATE SCHEMA audit;
COMMENT ON SCHEMA app IS 'application schema';
GRANT USAGE ON SCHEMA app TO app_reader;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA app;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA app;

CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION app.c_coll (locale = 'C');
COMMENT ON COLLATION app.c_coll IS 'plain C';

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'ok';
COMMENT ON TYPE app.mood IS 'feelings';
CREATE DOMAIN app.email AS app.citext CONSTRAINT email_at CHECK (VALUE ~ '@');
CREATE DOMAIN app.posint AS integer NOT NULL DEFAULT 1 CONSTRAINT posint_positive CHECK (VALUE > 0);
CREATE DOMAIN app.code AS text COLLATE "C";
ALTER DOMAIN app.code ADD CONSTRAINT code_len CHECK (length(VALUE) < 10) NOT VALID;
COMMENT ON CONSTRAINT code_len ON DOMAIN app.code IS 'short';
CREATE TYPE app.address AS (street text, city text COLLATE "C", zip varchar(10));
COMMENT ON COLUMN app.address.city IS 'town';
CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
GRANT USAGE ON TYPE app.mood TO app_reader;

CREATE SEQUENCE app.order_no AS integer START 100 INCREMENT 5 MINVALUE 10 MAXVALUE 100000 CACHE 3 CYCLE;
CREATE SEQUENCE app.free_seq;
GRANT USAGE ON SEQUENCE app.free_seq TO app_writer;

CREATE FUNCTION app.add_item(a integer, b text DEFAULT 'x', OUT total integer, INOUT note text DEFAULT NULL)
  LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER PARALLEL SAFE COST 50 SET search_path = app, pg_temp
AS $$ BEGIN total := a; END $$;
COMMENT ON FUNCTION app.add_item(integer, text, text) IS 'adds';
REVOKE ALL ON FUNCTION app.add_item(integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.add_item(integer, text, text) TO app_writer;
CREATE FUNCTION app.valid_email(e text) RETURNS boolean LANGUAGE sql IMMUTABLE LEAKPROOF
  RETURN e LIKE '%@%';
CREATE FUNCTION app.series(n integer) RETURNS SETOF integer LANGUAGE sql ROWS 20
  AS 'SELECT generate_series(1, n)';
CREATE PROCEDURE app.reset(IN target text) LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE FUNCTION app.sum_state(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
CREATE AGGREGATE app.my_sum(integer) (SFUNC = app.sum_state, STYPE = integer, INITCOND = '0', PARALLEL = SAFE);
COMMENT ON AGGREGATE app.my_sum(integer) IS 'sums';
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.on_ddl();
ALTER EVENT TRIGGER app_ddl DISABLE;
COMMENT ON EVENT TRIGGER app_ddl IS 'watches DDL';

CREATE TABLE app.users (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 2 CACHE 5) PRIMARY KEY,
  email app.email NOT NULL,
  name varchar(80) COLLATE app.c_coll,
  mood app.mood DEFAULT 'ok',
  score numeric(10, 2) DEFAULT 0 CHECK (score >= 0),
  home app.address,
  name_upper text GENERATED ALWAYS AS (upper(name::text)) STORED,
  dropped_col int,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email)
);
ALTER TABLE app.users DROP COLUMN dropped_col;
ALTER TABLE app.users ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE app.users ALTER COLUMN name SET STORAGE EXTERNAL;
ALTER TABLE app.users SET (fillfactor = 70, autovacuum_enabled = false);
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.users FORCE ROW LEVEL SECURITY;
COMMENT ON TABLE app.users IS 'people';
COMMENT ON COLUMN app.users.email IS 'login';
COMMENT ON CONSTRAINT users_email_key ON app.users IS 'one account per email';
GRANT SELECT ON app.users TO app_reader;
GRANT SELECT (email), UPDATE (name) ON app.users TO app_writer;

CREATE TABLE app.orders (
  id integer PRIMARY KEY DEFAULT nextval('app.order_no'),
  user_id bigint,
  legacy_no serial,
  total numeric CONSTRAINT total_positive CHECK (total > 0) NO INHERIT,
  during tstzrange,
  CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) MATCH FULL
    ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT orders_no_overlap EXCLUDE USING gist (during WITH &&)
);
ALTER SEQUENCE app.order_no OWNED BY app.orders.id;
ALTER TABLE app.orders ADD CONSTRAINT orders_total_small CHECK (total < 1000000) NOT VALID;
CREATE INDEX orders_user_idx ON app.orders (user_id DESC NULLS LAST) INCLUDE (total) WHERE user_id IS NOT NULL;
CREATE INDEX orders_lower_idx ON app.orders USING btree (lower(legacy_no::text) COLLATE "C" text_pattern_ops);
COMMENT ON INDEX app.orders_user_idx IS 'by user';
CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION app.touch();
CREATE CONSTRAINT TRIGGER orders_check AFTER INSERT ON app.orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.orders DISABLE TRIGGER orders_touch;
ALTER TABLE app.orders ENABLE REPLICA TRIGGER orders_check;
COMMENT ON TRIGGER orders_touch ON app.orders IS 'keeps updated_at';

CREATE POLICY users_self ON app.users AS RESTRICTIVE FOR UPDATE TO app_writer, app_reader
  USING (email = current_user) WITH CHECK (score < 100);
CREATE POLICY users_read ON app.users FOR SELECT USING (true);
COMMENT ON POLICY users_read ON app.users IS 'everyone reads';

CREATE UNLOGGED TABLE app.cache (k text PRIMARY KEY, v jsonb);
CREATE TABLE app.base (id int, note text);
CREATE TABLE app.child (extra int) INHERITS (app.base);
CREATE TABLE app.measurements (id int, taken date NOT NULL, v int, PRIMARY KEY (id, taken)) PARTITION BY RANGE (taken);
CREATE TABLE app.measurements_2024 PARTITION OF app.measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.measurements_rest PARTITION OF app.measurements DEFAULT;
CREATE INDEX measurements_v_idx ON app.measurements (v);
CREATE TABLE app.events (kind text, payload jsonb) PARTITION BY LIST (kind);
CREATE TABLE app.events_a PARTITION OF app.events FOR VALUES IN ('a', 'b');

CREATE VIEW app.active_users WITH (security_barrier = true) AS
  SELECT id, email, mood FROM app.users WHERE score > 0 WITH CASCADED CHECK OPTION;
CREATE VIEW app.user_emails WITH (security_invoker = true) AS SELECT u.email, app.valid_email(u.email::text) AS ok FROM app.users u;
COMMENT ON VIEW app.active_users IS 'active ones';
COMMENT ON COLUMN app.active_users.email IS 'view column';
GRANT SELECT ON app.active_users TO app_reader;
CREATE MATERIALIZED VIEW app.order_totals AS SELECT user_id, sum(total) AS total FROM app.orders GROUP BY user_id WITH NO DATA;
CREATE UNIQUE INDEX order_totals_user ON app.order_totals (user_id);
COMMENT ON MATERIALIZED VIEW app.order_totals IS 'totals';
CREATE FUNCTION app.view_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER user_emails_ins INSTEAD OF INSERT ON app.user_emails FOR EACH ROW EXECUTE FUNCTION app.view_ins();

ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO app_reader;
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO app_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA app REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

CREATE TABLE audit.log (id bigserial PRIMARY KEY, at timestamptz DEFAULT now(), who text);
CREATE TABLE app.flyway_schema_history (installed_rank int PRIMARY KEY, version text);
