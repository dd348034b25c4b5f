package codereview

import (
	"fmt"
	"testing"
)

// ruleCase is a rule's positive or negative case: want is the expected
// violation of code as line:col-endLine:endCol, empty for none.
type ruleCase struct {
	code, sql, want string
}

// TestBuiltinRules checks that each built-in rule fires on its positive case
// at the offending token and not on its negative case.
func TestBuiltinRules(t *testing.T) {
	cases := []ruleCase{
		{"RX001", "SELECT 1;\n  DROP TABLE accounts;", "2:3-2:13"},
		{"RX001", "DROP VIEW accounts_v;", ""},
		{"RX002", "ALTER ROLE app WITH PASSWORD 'x';", "1:21-1:29"},
		{"RX002", "CREATE TABLE users (id int PRIMARY KEY, password text);", ""},
		{"RX003", "TRUNCATE TABLE audit;", "1:1-1:9"},
		{"RX003", "SELECT truncate_log FROM t;", ""},
		{"RX004", "ALTER TABLE t DROP COLUMN c;", "1:15-1:26"},
		{"RX004", "ALTER TABLE t DROP CONSTRAINT c;", ""},
		{"RX004", "ALTER TABLE t DROP IF EXISTS c, ADD COLUMN d int;", "1:15-1:19"},
		{"RX005", "GRANT SELECT ON t TO app, PUBLIC;", "1:27-1:33"},
		{"RX005", "GRANT SELECT ON t TO app;", ""},
		{"RX006", "GRANT SELECT ON t TO app\n  WITH GRANT OPTION;", "2:3-2:20"},
		{"RX006", "GRANT SELECT ON t TO app;", ""},
		{"RX007", "GRANT admin TO bob WITH ADMIN OPTION;", "1:20-1:37"},
		{"RX007", "GRANT admin TO bob;", ""},
		{"RX008", "ALTER USER bob SET search_path = app;", "1:1-1:11"},
		{"RX008", "ALTER TABLE users RENAME TO users_old;", ""},
		{"RX009", "GRANT ALL ON t TO app;", "1:1-1:10"},
		{"RX009", "GRANT SELECT ON t TO app;", ""},
		{"RX010", "CREATE ROLE reporting;", "1:1-1:12"},
		{"RX010", "CREATE TABLE roles (id int PRIMARY KEY);", ""},
		{"RX011", "ALTER ROLE reporting NOLOGIN;", "1:1-1:11"},
		{"RX011", "ALTER TABLE roles ADD COLUMN x int;", ""},
		{"RX012", "ALTER TABLE m DETACH PARTITION m_2020;", "1:15-1:31"},
		{"RX012", "ALTER TABLE m ATTACH PARTITION m_2020 FOR VALUES IN (1);", ""},
		{"RX013", "CREATE TABLE app.t (id int);", "1:14-1:19"},
		{"RX013", "CREATE TABLE t (id int PRIMARY KEY);", ""},
		{"RX013", "CREATE TABLE t (id int, CONSTRAINT t_pk PRIMARY KEY (id));", ""},
		{"RX013", "CREATE TABLE t (id int);\nALTER TABLE t ADD PRIMARY KEY (id);", ""},
		{"RX013", "CREATE TEMP TABLE t (id int);", ""},
		{"RX013", "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);", ""},
	}
	runRuleCases(t, cases)
}

// TestParserRules checks each lock and rewrite hazard on its positive case,
// at the offending token, and on its negative cases.
func TestParserRules(t *testing.T) {
	cases := []ruleCase{
		{"PG001", "ALTER TABLE t ALTER COLUMN c TYPE bigint;", "1:35-1:41"},
		{"PG001", "ALTER TABLE t ALTER COLUMN c SET DATA TYPE varchar(20);", "1:44-1:51"},
		{"PG001", "CREATE TABLE t (c int PRIMARY KEY);\nALTER TABLE t ALTER COLUMN c TYPE bigint;", ""},
		{"PG002", "ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();", "1:41-1:56"},
		{"PG002", "ALTER TABLE t ADD COLUMN ts timestamptz DEFAULT clock_timestamp();", "1:49-1:64"},
		{"PG002", "ALTER TABLE t ADD COLUMN id bigserial;", "1:29-1:38"},
		{"PG002", "ALTER TABLE t ADD COLUMN ts timestamptz DEFAULT now();", ""},
		{"PG002", "ALTER TABLE t ADD COLUMN n int DEFAULT 0;", ""},
		{"PG003", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;", "1:30-1:42"},
		{"PG003", "ALTER TABLE t ADD CONSTRAINT c_nn CHECK (c IS NOT NULL) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c_nn;\nALTER TABLE t ALTER COLUMN c SET NOT NULL;", ""},
		{"PG004", "ALTER TABLE o ADD CONSTRAINT o_c_fk FOREIGN KEY (c) REFERENCES c (id);", "1:19-1:29"},
		{"PG004", "ALTER TABLE o ADD CONSTRAINT o_c_fk FOREIGN KEY (c) REFERENCES c (id) NOT VALID;", ""},
		{"PG005", "ALTER TABLE o ADD CONSTRAINT pos CHECK (n > 0);", "1:19-1:29"},
		{"PG005", "ALTER TABLE o ADD CONSTRAINT pos CHECK (n > 0) NOT VALID;", ""},
		{"PG006", "CREATE INDEX i ON t (c);", "1:1-1:13"},
		{"PG006", "CREATE UNIQUE INDEX i ON t (c);", "1:1-1:20"},
		{"PG006", "CREATE INDEX CONCURRENTLY i ON t (c);", ""},
		{"PG006", "CREATE TABLE t (c int PRIMARY KEY);\nCREATE INDEX i ON t (c);", ""},
		{"PG007", "DROP INDEX i;", "1:1-1:11"},
		{"PG007", "DROP INDEX CONCURRENTLY i;", ""},
		{"PG007", "CREATE INDEX CONCURRENTLY i ON t (c);\nDROP INDEX i;", ""},
		{"PG008", "VACUUM (FULL) t;", "1:9-1:13"},
		{"PG008", "VACUUM FULL t;", "1:8-1:12"},
		{"PG008", "VACUUM (ANALYZE) t;", ""},
		{"PG009", "CLUSTER t USING t_pkey;", "1:1-1:8"},
		{"PG010", "BEGIN;\nLOCK TABLE t IN ACCESS EXCLUSIVE MODE;", "2:1-2:5"},
		{"PG011", "ALTER TABLE t RENAME TO t2;", "1:15-1:21"},
		{"PG011", "ALTER TABLE t RENAME COLUMN a TO b;", "1:15-1:21"},
		{"PG011", "CREATE TABLE t (a int PRIMARY KEY);\nALTER TABLE t RENAME COLUMN a TO b;", ""},
		{"PG012", "REINDEX TABLE t;", "1:1-1:8"},
		{"PG012", "REINDEX TABLE CONCURRENTLY t;", ""},
		{"PG013", "ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (c);", "1:19-1:29"},
		{"PG013", "ALTER TABLE t ADD CONSTRAINT t_u UNIQUE USING INDEX t_u_idx;", ""},
		{"PG014", "REFRESH MATERIALIZED VIEW mv;", "1:1-1:26"},
		{"PG014", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv;", ""},
		{"PG015", "ALTER TABLE t ADD COLUMN c int NOT NULL;", "1:32-1:35"},
		{"PG015", "ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0;", ""},
		{"PG015", "ALTER TABLE t ADD COLUMN c bigserial NOT NULL;", ""},
		{"PG016", "ALTER TABLE t SET TABLESPACE fast;", "1:15-1:29"},
		{"PG016", "ALTER TABLE t SET UNLOGGED;", "1:15-1:27"},
		{"PG017", "ALTER TABLE m ATTACH PARTITION m_2020 FOR VALUES IN (1);", "1:15-1:31"},
		{"PG018", "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (c);\nCOMMIT;", "2:14-2:26"},
		{"PG018", "BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (c);", ""},
		{"PG018", "START TRANSACTION;\nVACUUM t;", "2:1-2:7"},
		{"PG019", "WITH x AS (SELECT 1) DELETE FROM t;", "1:22-1:28"},
		{"PG019", "UPDATE t SET a = 1;", "1:1-1:7"},
		{"PG020", "DROP PUBLICATION cdc;", "1:1-1:17"},
		{"PG020", "DROP TABLE cdc;", ""},
		{"PG019", "UPDATE t SET a = 1 WHERE id = 2;", ""},
		{"PG019", "CREATE TABLE t (a int PRIMARY KEY);\nDELETE FROM t;", ""},
	}
	runRuleCases(t, cases)
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.code+"/"+c.sql, func(t *testing.T) {
			t.Parallel()
			res, err := r.CheckText("rule.sql", c.sql)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, v := range res.Violations {
				if v.Code == c.code {
					got = fmt.Sprintf("%d:%d-%d:%d", v.Line, v.Column, v.EndLine, v.EndColumn)
					if v.Help == "" || v.Description == "" || v.Engine == "" || v.Severity == "" {
						t.Errorf("violation lacks metadata: %+v", v)
					}
					break
				}
			}
			if got != c.want {
				t.Errorf("%s at %q, want %q; all: %s", c.code, got, c.want, codesOf(res.Violations))
			}
		})
	}
}
