package codereview

import (
	"fmt"
	"strings"
	"testing"
)

// TestRulesNeverFireInsideCommentsOrStrings feeds the rule words to the
// reviewer inside every kind of comment, literal and quoted identifier
// PostgreSQL has: no rule, regex or parser, may fire.
func TestRulesNeverFireInsideCommentsOrStrings(t *testing.T) {
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, sql string }{
		{"line comment", "SELECT 1; -- DROP TABLE t; TRUNCATE t\n"},
		{"line comment at end without newline", "SELECT 1 -- GRANT ALL ON t TO PUBLIC"},
		{"block comment", "/* DROP TABLE t; */ SELECT 1;"},
		{"nested block comment", "/* outer /* DROP TABLE t; */ TRUNCATE t; ALTER ROLE x */ SELECT 1;"},
		{"multi-line block comment", "/*\n DROP TABLE t;\n DROP COLUMN c\n*/\nSELECT 1;"},
		{"string", "SELECT 'DROP TABLE t';"},
		{"string with doubled quote", "SELECT 'it''s a DROP TABLE t; TRUNCATE t';"},
		{"E string with escaped quote", `SELECT E'it\'s DROP TABLE t \' TRUNCATE t';`},
		{"U& string", `SELECT U&'DROP TABLE t';`},
		{"dollar-quoted string", "SELECT $$DROP TABLE t$$;"},
		{"tagged dollar-quoted body", "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN\n  TRUNCATE t;\n  DROP TABLE t;\n  EXECUTE 'GRANT ALL ON t TO PUBLIC';\nEND\n$fn$;"},
		{"quoted identifier", `CREATE TABLE "DROP TABLE x" (id int PRIMARY KEY);`},
		{"quoted identifier with doubled quote", `SELECT 1 AS "a "" DROP TABLE b";`},
		{"bit and hex strings", "SELECT B'1010', X'DROP';"},
		{"comment before a real statement", "-- ALTER USER bob\nSELECT 1;"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := r.CheckText("t.sql", c.sql)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range append(res.Violations, res.Suppressed...) {
				t.Errorf("rule fired inside a comment or literal: %s", v)
			}
		})
	}
}

// TestMaskKeepsOffsets checks that blanking keeps every byte's offset and
// every line break, and keeps delimiters.
func TestMaskKeepsOffsets(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT 'ab'; -- c\nx", "SELECT '  ';     \nx"},
		{"SELECT $t$a\nb$t$", "SELECT $t$ \n $t$"},
		{`SELECT E'a\'b'`, `SELECT E'    '`},
		{`SELECT "Tab"`, `SELECT "   "`},
		{"/* a /* b */ c */x", "                 x"},
		{"SELECT 'é'", "SELECT '  '"},
	}
	for _, c := range cases {
		got, err := Mask(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want || len(got) != len(c.in) {
			t.Errorf("Mask(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSyntaxErrorStillReviewed checks that a file PostgreSQL cannot parse
// gets a PG000 violation at the error and the regex rules still run.
func TestSyntaxErrorStillReviewed(t *testing.T) {
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.CheckText("bad.sql", "DROP TABLE a;\nSELEC 1;\n")
	if err != nil {
		t.Fatal(err)
	}
	codes := codesOf(res.Violations)
	if codes != "RX001@1:1 PG000@2:1" {
		t.Errorf("violations = %s, want RX001@1:1 PG000@2:1", codes)
	}
}

func codesOf(vs []Violation) string {
	var b []string
	for _, v := range vs {
		b = append(b, fmt.Sprintf("%s@%d:%d", v.Code, v.Line, v.Column))
	}
	return strings.Join(b, " ")
}

// TestUnterminated checks that a text the scanner rejects gets one PG000
// violation where it stopped, and no rule fires in the unterminated text.
func TestUnterminated(t *testing.T) {
	cases := []struct{ sql, want string }{
		{"SELECT 1;\nSELECT 'DROP TABLE x", "PG000@2:8"},
		{"SELECT 1;\n/* TRUNCATE t", "PG000@2:1"},
		{"SELECT $$DROP TABLE t", "PG000@1:8"},
		{`SELECT "é DROP TABLE`, "PG000@1:8"},
	}
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		res, err := r.CheckText("u.sql", c.sql)
		if err != nil {
			t.Fatal(err)
		}
		if got := codesOf(res.Violations); got != c.want {
			t.Errorf("%q: violations = %s, want %s", c.sql, got, c.want)
		}
	}
}
