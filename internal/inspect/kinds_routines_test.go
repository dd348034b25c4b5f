package inspect_test

import (
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

var routineCases = []kindCase{
	{
		name: "function",
		sql: `CREATE FUNCTION app.add_item(a integer, b text DEFAULT 'x', OUT total integer, INOUT note text DEFAULT NULL)
  LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER PARALLEL SAFE COST 50 SET search_path = app, pg_temp
AS $$ BEGIN total := a; END $$;
COMMENT ON FUNCTION app.add_item IS 'adds';
REVOKE ALL ON FUNCTION app.add_item FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.add_item TO app_writer;`,
		key: key(catalog.KindFunction, "app", "add_item(integer, text, text)"),
		check: func(t *testing.T, o catalog.Object) {
			f := as[*catalog.Function](t, o)
			eq(t, "signature", f.Signature, "integer, text, text")
			eq(t, "identity", f.IdentityArguments, "a integer, b text, OUT total integer, INOUT note text")
			eq(t, "arguments", f.Arguments, "a integer, b text DEFAULT 'x'::text, OUT total integer, INOUT note text DEFAULT NULL::text")
			eq(t, "result", f.Result, "record")
			eq(t, "language", f.Language, "plpgsql")
			eq(t, "volatility", f.Volatility, "stable")
			eq(t, "strict", f.Strict, true)
			eq(t, "security definer", f.SecurityDefiner, true)
			eq(t, "parallel", f.Parallel, "safe")
			eq(t, "cost", f.Cost, 50.0)
			eq(t, "config", f.Config, []string{"search_path=app, pg_temp"})
			eq(t, "comment", f.Comment, "adds")
			eq(t, "acl", f.ACL, []string{"app_writer=X/postgres", "postgres=X/postgres"})
			if !strings.HasPrefix(f.Definition, "CREATE OR REPLACE FUNCTION app.add_item(") {
				t.Errorf("definition = %q", f.Definition)
			}
		},
	},
	{
		name: "function sql body rows leakproof",
		sql: `CREATE FUNCTION app.series(n integer) RETURNS SETOF integer LANGUAGE sql IMMUTABLE LEAKPROOF ROWS 20
  BEGIN ATOMIC SELECT generate_series(1, n); END;`,
		key: key(catalog.KindFunction, "app", "series(integer)"),
		check: func(t *testing.T, o catalog.Object) {
			f := as[*catalog.Function](t, o)
			eq(t, "rows", f.Rows, 20.0)
			eq(t, "leakproof", f.Leakproof, true)
			eq(t, "result", f.Result, "SETOF integer")
		},
	},
	{
		name: "procedure",
		sql:  `CREATE PROCEDURE app.reset(IN target text, INOUT n int) LANGUAGE sql BEGIN ATOMIC SELECT 1; END;`,
		key:  key(catalog.KindProcedure, "app", "reset(text, integer)"),
		check: func(t *testing.T, o catalog.Object) {
			f := as[*catalog.Function](t, o)
			eq(t, "procedure", f.Procedure, true)
			eq(t, "result", f.Result, "")
			eq(t, "definition", f.Definition, "CREATE OR REPLACE PROCEDURE app.reset(IN target text, INOUT n integer)\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND\n")
		},
	},
	{
		name: "aggregate",
		sql: `CREATE FUNCTION app.sum_state(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
CREATE AGGREGATE app.my_sum(integer) (SFUNC = app.sum_state, STYPE = integer, INITCOND = '0',
  COMBINEFUNC = app.sum_state, PARALLEL = SAFE, SORTOP = >);
COMMENT ON AGGREGATE app.my_sum(integer) IS 'sums';`,
		key: key(catalog.KindAggregate, "app", "my_sum(integer)"),
		check: func(t *testing.T, o catalog.Object) {
			a := as[*catalog.Aggregate](t, o)
			eq(t, "state func", a.StateFunc, "app.sum_state(integer,integer)")
			eq(t, "state type", a.StateType, "integer")
			eq(t, "combine", a.CombineFunc, "app.sum_state(integer,integer)")
			eq(t, "init", a.InitialCondition, "0")
			eq(t, "sortop", a.SortOperator, ">(integer,integer)")
			eq(t, "parallel", a.Parallel, "safe")
			eq(t, "comment", a.Comment, "sums")
			hasDep(t, o, key(catalog.KindFunction, "app", "sum_state(integer, integer)"))
		},
	},
	{
		name: "event trigger",
		sql: `CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.on_ddl();
ALTER EVENT TRIGGER app_ddl DISABLE;
COMMENT ON EVENT TRIGGER app_ddl IS 'watches';`,
		key: catalog.Key{Kind: catalog.KindEventTrigger, Name: "app_ddl"},
		check: func(t *testing.T, o catalog.Object) {
			e := as[*catalog.EventTrigger](t, o)
			eq(t, "event", e.Event, "ddl_command_end")
			eq(t, "function", e.Function, "app.on_ddl()")
			eq(t, "tags", e.Tags, []string{"ALTER TABLE", "CREATE TABLE"})
			eq(t, "enabled", e.Enabled, "disabled")
			eq(t, "comment", e.Comment, "watches")
		},
	},
	{
		name: "default privileges in schema",
		sql:  `ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO app_reader;`,
		key:  key(catalog.KindDefaultPrivileges, "app", "postgres tables"),
		check: func(t *testing.T, o catalog.Object) {
			d := as[*catalog.DefaultPrivileges](t, o)
			eq(t, "acl", d.ACL, []string{"app_reader=r/postgres"})
		},
	},
	{
		name: "default privileges global",
		sql:  `ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`,
		key:  key(catalog.KindDefaultPrivileges, "", "postgres functions"),
		check: func(t *testing.T, o catalog.Object) {
			eq(t, "acl", as[*catalog.DefaultPrivileges](t, o).ACL, []string{"postgres=X/postgres"})
		},
	},
}
