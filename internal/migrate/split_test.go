package migrate

import (
	"reflect"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script string
		want         []statement
	}{
		{"two", "CREATE TABLE a();\nCREATE TABLE b();\n", []statement{{"CREATE TABLE a();", 1}, {"CREATE TABLE b();", 2}}},
		{"no final semicolon", "\n\nSELECT 1", []statement{{"SELECT 1", 3}}},
		{"quotes", "SELECT ';', \"a;b\", E'\\';';\nSELECT 2;", []statement{{"SELECT ';', \"a;b\", E'\\';';", 1}, {"SELECT 2;", 2}}},
		{"doubled quote", "SELECT 'it''s;';SELECT 3;", []statement{{"SELECT 'it''s;';", 1}, {"SELECT 3;", 1}}},
		{"dollar", "CREATE FUNCTION f() RETURNS int AS $body$\nBEGIN\n  RETURN 1;\nEND\n$body$ LANGUAGE plpgsql;\nSELECT $$;$$;",
			[]statement{{"CREATE FUNCTION f() RETURNS int AS $body$\nBEGIN\n  RETURN 1;\nEND\n$body$ LANGUAGE plpgsql;", 1}, {"SELECT $$;$$;", 6}}},
		{"comments", "-- a; b\n/* c; /* nested; */ d; */\nSELECT 1; -- tail;\n", []statement{{"-- a; b\n/* c; /* nested; */ d; */\nSELECT 1;", 1}}},
		{"only comments", "-- nothing\n/* here */\n", nil},
		{"begin atomic", "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND;\nSELECT 3;",
			[]statement{{"CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND;", 1}, {"SELECT 3;", 6}}},
		{"begin transaction is not atomic", "BEGIN;\nSELECT 1;\nEND;", []statement{{"BEGIN;", 1}, {"SELECT 1;", 2}, {"END;", 3}}},
		{"identifiers with dollars", "SELECT a$b, $1, e'x''y;';SELECT 2;", []statement{{"SELECT a$b, $1, e'x''y;';", 1}, {"SELECT 2;", 1}}},
		{"positional param not a tag", "SELECT $1;", []statement{{"SELECT $1;", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitStatements(tt.script); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitStatements = %+v, want %+v", got, tt.want)
			}
		})
	}
}
