package script

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleSteps() []Step {
	return []Step{
		{Title: "add table app.t", SQL: "CREATE TABLE app.t (id integer)", Transactional: true},
		{Title: "add index app.t.t_id", Hazards: []string{"builds an index"},
			SQL: "CREATE INDEX CONCURRENTLY t_id ON app.t (id)", Transactional: false},
		{Title: "add function app.f()", SQL: "CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;", Transactional: true},
	}
}

func TestRenderParseRoundTrip(t *testing.T) {
	h := Header{
		Target: "eu-west-1", Source: "schemaModel",
		TargetFingerprint: "aaa", ExpectedFingerprint: "bbb", ModelHash: "ccc",
		GeneratedBy: "pgfleet test", GeneratedAt: time.Date(2026, 11, 22, 4, 0, 0, 0, time.UTC),
		Changes: map[string]int{"add": 3},
	}
	text := string(Render(h, sampleSteps()))
	s, err := Parse("D__deployment.sql", text)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	want := h
	want.Format, want.Steps, want.NonTransactional = Format, 3, 1
	if !reflect.DeepEqual(*s.Header, want) {
		t.Errorf("header = %+v\nwant %+v", *s.Header, want)
	}
	if len(s.Transactional) != 2 || len(s.NonTransactional) != 1 {
		t.Fatalf("transactional %d, non-transactional %d; want 2 and 1\n%s", len(s.Transactional), len(s.NonTransactional), text)
	}
	if got := s.Transactional[1].SQL; !strings.Contains(got, "$$ SELECT 1; $$") {
		t.Errorf("dollar-quoted body split: %q", got)
	}
	if !strings.HasPrefix(s.NonTransactional[0].SQL, "CREATE INDEX CONCURRENTLY") {
		t.Errorf("non-transactional statement = %q", s.NonTransactional[0].SQL)
	}
	lines := strings.Split(text, "\n")
	for _, st := range append(s.Transactional, s.NonTransactional...) {
		if !strings.HasPrefix(st.SQL, strings.TrimSpace(lines[st.Line-1])[:10]) {
			t.Errorf("statement %q reported at line %d: %q", st.SQL, st.Line, lines[st.Line-1])
		}
	}
	if !strings.Contains(text, "-- hazards: builds an index") {
		t.Errorf("hazards missing from the script:\n%s", text)
	}
}

func TestParseWithoutHeader(t *testing.T) {
	s, err := Parse("hand.sql", "-- my own script\r\nALTER TABLE t ADD COLUMN c int;\r\nDROP TABLE u;\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if s.Header != nil || len(s.Transactional) != 2 || s.Transactional[1].Line != 3 {
		t.Fatalf("parsed %+v", s)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"future format", "-- pgfleet:format pgfleet-script/9\nSELECT 1;", "prepare the script again"},
		{"unknown field", "-- pgfleet:format pgfleet-script/1\n-- pgfleet:colour blue\nSELECT 1;", "x.sql:2: unknown header field pgfleet:colour"},
		{"bad time", "-- pgfleet:format pgfleet-script/1\n-- pgfleet:generated-at yesterday\n", "x.sql:2: reading generated-at"},
		{"syntax", "SELEC 1;", "x.sql:1"},
		{"meta command", "\\connect other\nSELECT 1;", "meta-command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.sql", tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestRenderKeepsTitlesOnOneLine(t *testing.T) {
	text := string(Render(Header{Target: "x\ny"}, []Step{{Title: "a\nDROP TABLE evil", SQL: "SELECT 1", Transactional: true}}))
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "DROP TABLE") || line == "y" {
			t.Fatalf("a newline in a title or header value escaped its comment:\n%s", text)
		}
	}
}

func TestBeforeTransactionSection(t *testing.T) {
	steps := []Step{
		{Title: "add value", SQL: "ALTER TYPE app.s ADD VALUE IF NOT EXISTS 'x'", BeforeTransaction: true},
		{Title: "use it", SQL: "ALTER TABLE app.t ALTER COLUMN c SET DEFAULT 'x'", Transactional: true},
		{Title: "index", SQL: "CREATE INDEX CONCURRENTLY i ON app.t (c)"},
	}
	text := string(Render(Header{Target: "t"}, steps))
	s, err := Parse("D.sql", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.BeforeTransaction) != 1 || len(s.Transactional) != 1 || len(s.NonTransactional) != 1 {
		t.Fatalf("sections: before %d, transactional %d, after %d\n%s", len(s.BeforeTransaction), len(s.Transactional), len(s.NonTransactional), text)
	}
	if !strings.Contains(s.BeforeTransaction[0].SQL, "ADD VALUE") || !strings.Contains(s.Transactional[0].SQL, "SET DEFAULT") {
		t.Fatalf("statements in the wrong section:\n%s", text)
	}
	if s.Header.Steps != 3 || s.Header.NonTransactional != 2 {
		t.Fatalf("header counts %+v", s.Header)
	}
}
