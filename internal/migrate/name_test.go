package migrate

import (
	"strings"
	"testing"
)

func TestVersionCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"1.2.10", "1.2.9.4", 1},
		{"1", "1.0", 0},
		{"1_1", "1.1", 0},
		{"001", "1", 0},
		{"2", "10", -1},
		{"1.0.1", "1", 1},
		{"20240101120000", "20231231235959", 1},
	}
	for _, tt := range tests {
		a, errA := ParseVersion(tt.a)
		b, errB := ParseVersion(tt.b)
		if errA != nil || errB != nil {
			t.Fatalf("parse %s, %s: %v %v", tt.a, tt.b, errA, errB)
		}
		if got := a.Compare(b); got != tt.want {
			t.Errorf("%s vs %s = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	for _, bad := range []string{"", "1..2", "1.a", "latest", "1-2"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q) accepted", bad)
		}
	}
}

func TestParseName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base, kind, version, desc, err string
		notSQL                         bool
	}{
		{base: "V1__init.sql", kind: "Versioned", version: "1", desc: "init"},
		{base: "V1_2__add_users_table.SQL", kind: "Versioned", version: "1.2", desc: "add users table"},
		{base: "R__refresh_views.sql", kind: "Repeatable", desc: "refresh views"},
		{base: "U3__drop.sql", kind: "Undo", version: "3", desc: "drop"},
		{base: "B5__baseline.sql", kind: "Baseline", version: "5", desc: "baseline"},
		{base: "V2__.sql", kind: "Versioned", version: "2", desc: ""},
		{base: "V1__a.sql.conf", notSQL: true},
		{base: "README.md", notSQL: true},
		{base: "V1_init.sql", err: "no __ between version and description"},
		{base: "R1__x.sql", err: "a repeatable migration has no version"},
		{base: "X1__x.sql", err: "starts with V, R, U or B"},
		{base: "Vx__x.sql", err: "parts must be numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			p, ok, err := parseName(tt.base)
			switch {
			case tt.notSQL:
				if ok {
					t.Errorf("parsed %s as a migration", tt.base)
				}
			case tt.err != "":
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want %q", err, tt.err)
				}
			case err != nil || p.kind.String() != tt.kind || p.version.String() != tt.version || p.description != tt.desc:
				t.Errorf("parseName = %+v, %v", p, err)
			}
		})
	}
}

func TestParseScriptConfig(t *testing.T) {
	t.Parallel()
	text := "\uFEFF# comment\r\n! also a comment\r\n  executeInTransaction = FALSE \r\nencoding:ISO-8859-1\n" +
		"placeholderReplacement=true\nshouldExecute=${flyway:environment}==dev \\\n   || ${flyway:environment}==test\n\n"
	c, err := parseScriptConfig("V1__a.sql.conf", text)
	if err != nil {
		t.Fatal(err)
	}
	if c.ExecuteInTransaction == nil || *c.ExecuteInTransaction || c.Encoding != "ISO-8859-1" ||
		c.PlaceholderReplacement == nil || !*c.PlaceholderReplacement ||
		c.ShouldExecute != "${flyway:environment}==dev || ${flyway:environment}==test" || c.ShouldExecuteLine != 6 {
		t.Errorf("parsed %+v", c)
	}
	if _, err := parseScriptConfig("x.conf", "shouldExecute"); err == nil || !strings.Contains(err.Error(), "x.conf:1: \"shouldExecute\" is not key=value") {
		t.Errorf("error %v", err)
	}
}

func TestDecodeLatin1(t *testing.T) {
	t.Parallel()
	got, err := decode([]byte{'c', 'a', 'f', 0xE9}, "ISO-8859-1", "V1__a.sql")
	if err != nil || got != "café" {
		t.Errorf("decode = %q, %v", got, err)
	}
	if got, _ := decode([]byte{0xEF, 0xBB, 0xBF, 'a', 0xFF}, "UTF-8", "V1__a.sql"); got != "a\uFFFD" {
		t.Errorf("decode = %q", got)
	}
}
