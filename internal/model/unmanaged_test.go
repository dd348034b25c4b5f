package model

import (
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// TestUnmanagedKindsRejected checks that every statement declaring an
// object the catalog does not hold is rejected with the kind named, and
// that the managed look-alikes are applied.
func TestUnmanagedKindsRejected(t *testing.T) {
	tests := []struct {
		sql  string
		kind string // "" when the statement is applied
	}{
		{"CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING", ""},
		{`CREATE RULE "_RETURN" AS ON SELECT TO v DO INSTEAD SELECT 1 AS a`, ""},
		{"CREATE FOREIGN TABLE ft (a int) SERVER s", "foreign tables"},
		{"ALTER FOREIGN TABLE ft ADD COLUMN b int", "foreign tables"},
		{"IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO local", "foreign tables"},
		{"CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw", "foreign servers"},
		{"CREATE FOREIGN DATA WRAPPER w", "foreign-data wrappers"},
		{"CREATE USER MAPPING FOR app SERVER s", "user mappings"},
		{"GRANT USAGE ON FOREIGN SERVER s TO app", "foreign servers"},
		{"CREATE CAST (text AS int) WITH INOUT", "casts"},
		{"CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq)", "operators"},
		{"CREATE OPERATOR CLASS c FOR TYPE int USING btree AS OPERATOR 1 <", "operator classes"},
		{"CREATE OPERATOR FAMILY f USING btree", "operator families"},
		{"CREATE STATISTICS st ON a, b FROM t", ""},
		{"COMMENT ON STATISTICS st IS 'x'", ""},
		{"CREATE PUBLICATION p FOR ALL TABLES", ""},
		{"CREATE LANGUAGE plsample HANDLER plsample_call_handler", "procedural languages"},
		{"CREATE ACCESS METHOD am TYPE TABLE HANDLER heap_tableam_handler", "access methods"},
		{"CREATE CONVERSION cv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8", "conversions"},
		{"CREATE TRANSFORM FOR hstore LANGUAGE plpython3u (FROM SQL WITH FUNCTION f(internal), TO SQL WITH FUNCTION g(internal))", "transforms"},
		{"SECURITY LABEL FOR selinux ON TABLE t IS 'x'", "security labels"},
		{"CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple)", ""},
		{"ALTER TEXT SEARCH DICTIONARY d (StopWords = english)", ""},
		{"CREATE TEXT SEARCH PARSER p (START = a, GETTOKEN = b, END = c, LEXTYPES = d)", "text search parsers"},
		{"CREATE TYPE shell", "base types"},
		{"CREATE TYPE box2 (INPUT = box_in, OUTPUT = box_out)", "base types"},
		{"ALTER TABLE t ADD COLUMN b int", ""},
		{"GRANT SELECT ON TABLE t TO app", ""},
		{"COMMENT ON TABLE t IS 'x'", ""},
		{"CREATE AGGREGATE agg (int) (SFUNC = int4pl, STYPE = int)", ""},
		{"CREATE COLLATION c (provider = icu, locale = 'und')", ""},
		{"CREATE TYPE mood AS ENUM ('a')", ""},
	}
	for _, tc := range tests {
		f, err := sqlsplit.Split("model.sql", tc.sql+";")
		if err != nil || len(f.Statements) != 1 {
			t.Fatalf("%s: %v", tc.sql, err)
		}
		r, msg := classify(&f.Statements[0])
		switch {
		case tc.kind == "" && r == roleReject:
			t.Errorf("%s: rejected (%s), want applied", tc.sql, msg)
		case tc.kind != "" && (r != roleReject || !strings.Contains(msg, "does not manage "+tc.kind+" yet")):
			t.Errorf("%s: role %d %q, want rejected as %s", tc.sql, r, msg, tc.kind)
		}
	}
}
