package codereview

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlaceholders checks that scripts with Flyway placeholders are parsed
// and reviewed, with positions in the original text.
func TestPlaceholders(t *testing.T) {
	dir := t.TempDir()
	rule := "rules = ['\\$\\{flyway:user\\}']\nseverity = \"warning\"\n"
	if err := os.WriteFile(filepath.Join(dir, "P1__placeholder_user.toml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := New(Options{RulesLocation: dir})
	if err != nil {
		t.Fatal(err)
	}
	sql := "CREATE TABLE ${flyway:defaultSchema}.audit (id int);\nDROP TABLE ${schema}.old;\nGRANT SELECT ON x TO ${flyway:user};"
	res, err := r.CheckText("p.sql", sql)
	if err != nil {
		t.Fatal(err)
	}
	if got := codesOf(res.Violations); got != "RX013@1:14 RX001@2:1 P1@3:22" {
		t.Errorf("violations = %s", got)
	}
	if v := res.Violations[0]; v.EndColumn != 43 || !strings.Contains(v.Message, "audit") {
		t.Errorf("RX013 = %+v", v)
	}
}

// TestCheckFiles reviews files from disk, in order, and honours ctx.
func TestCheckFiles(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i, body := range []string{"TRUNCATE a;", "SELECT 1;"} {
		p := filepath.Join(dir, "V"+string(rune('1'+i))+"__x.sql")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.CheckFiles(context.Background(), paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].File != paths[0] || codesOf(res[0].Violations) != "RX003@1:1" || len(res[1].Violations) != 0 {
		t.Errorf("results = %+v", res)
	}
	if !HasErrors(res) {
		t.Error("HasErrors = false with an error-severity violation")
	}
	if _, err := r.CheckFiles(context.Background(), []string{filepath.Join(dir, "missing.sql")}); err == nil || !strings.Contains(err.Error(), "missing.sql") {
		t.Errorf("missing file error = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.CheckFiles(ctx, paths); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err = %v", err)
	}
}

// TestSeverityOverrides checks per-code severity overrides of any engine.
func TestSeverityOverrides(t *testing.T) {
	r, err := New(Options{Severity: map[string]Severity{"rx001": SeverityWarning, "PG006": SeverityDisabled}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.CheckText("s.sql", "DROP TABLE a;\nCREATE INDEX i ON b (c);")
	if err != nil {
		t.Fatal(err)
	}
	if got := codesOf(res.Violations); got != "RX001@1:1" || res.Violations[0].Severity != SeverityWarning {
		t.Errorf("violations = %s, %+v", got, res.Violations)
	}
	for _, info := range r.Rules() {
		if info.Code == "PG006" || info.Code == "RX001" && info.Severity != SeverityWarning {
			t.Errorf("Rules() has %+v", info)
		}
	}
	if _, err := New(Options{Severity: map[string]Severity{"RX001": "fatal"}}); err == nil {
		t.Error("unknown severity accepted")
	}
}

// TestLargeFilePositions checks positions at the end of a file large
// enough for sqlsplit to parse it in concurrent chunks.
func TestLargeFilePositions(t *testing.T) {
	var b strings.Builder
	n := 0
	for b.Len() < 600<<10 {
		b.WriteString("INSERT INTO log VALUES (1, 'padding padding padding padding padding');\n")
		n++
	}
	b.WriteString("ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();\nDROP TABLE t;\n")
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.CheckText("big.sql", b.String())
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("PG002@%d:41 RX001@%d:1", n+1, n+2)
	if got := codesOf(res.Violations); got != want {
		t.Errorf("violations = %s, want %s", got, want)
	}
}
