package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestPathsFor checks the report files derived from reportFilename.
func TestPathsFor(t *testing.T) {
	cases := []struct{ in, html, json, sarif string }{
		{"", "report.html", "report.json", "report.sarif"},
		{"out/check.html", "out/check.html", "out/check.json", "out/check.sarif"},
		{"r.HTM", "r.HTM", "r.json", "r.sarif"},
		{"reports/run", "reports/run.html", "reports/run.json", "reports/run.sarif"},
	}
	for _, c := range cases {
		got := PathsFor(c.in)
		if got != (Paths{c.html, c.json, c.sarif}) {
			t.Errorf("PathsFor(%q) = %+v", c.in, got)
		}
	}
}

// TestRedactDatabase checks that passwords never reach a report.
func TestRedactDatabase(t *testing.T) {
	cases := []struct{ in, want string }{
		{"postgres://u:s3cret@h:5432/db", "postgres://u@h:5432/db"},
		{"postgres://u@h/db?sslmode=disable", "postgres://u@h/db?sslmode=disable"},
		{"postgres://h/db?password=s3cret&user=u", "postgres://h/db?password=xxxxx&user=u"},
		{"host=h user=u password=s3cret dbname=db", "host=h user=u password=xxxxx dbname=db"},
		{"host=h password='a b' dbname=db", "host=h password=xxxxx dbname=db"},
		{"shop", "shop"},
	}
	for _, c := range cases {
		if got := RedactDatabase(c.in); got != c.want || strings.Contains(got, "s3cret") {
			t.Errorf("RedactDatabase(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSaveAccumulates runs operations as separate invocations would: each
// Save replaces only its own operation's entry, keeps the others (even
// ones this version does not know) and writes all files.
func TestSaveAccumulates(t *testing.T) {
	dir := t.TempDir()
	paths := PathsFor(filepath.Join(dir, "report.html"))
	foreign := `{"htmlReport":"x","jsonReport":"y","individualResults":[{"operation":"future","timestamp":"2026-01-01T00:00:00Z","warnings":[],"extra":[1,2]}]}`
	if err := os.WriteFile(paths.JSON, []byte(foreign), 0o644); err != nil {
		t.Fatal(err)
	}
	sections := sampleSections(t, dir)
	opts := SaveOptions{Now: func() time.Time { return fixedNow }, SARIF: SARIFOptions{BaseDir: dir}}
	for _, s := range sections {
		if _, err := Save(paths, opts, s); err != nil {
			t.Fatal(err)
		}
	}
	again := &Comparison{Header: Header{Operation: OpDrift}, OnlyInSource: []Difference{}, OnlyInTarget: []Difference{}, Differences: []Difference{}}
	r, err := Save(paths, opts, again)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, s := range r.Sections {
		ops = append(ops, string(s.Head().Operation))
	}
	if got := strings.Join(ops, ","); got != "drift,changes,code,dryrun,future" {
		t.Errorf("sections = %s", got)
	}
	data, err := os.ReadFile(paths.JSON)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"extra": [`) {
		t.Errorf("unknown operation's entry not kept as written")
	}
	if strings.Contains(string(data), "s3cret") {
		t.Errorf("report.json carries a password")
	}
	for _, p := range []string{paths.HTML, paths.SARIF} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	if d := r.Section(OpDrift).(*Comparison); len(d.Differences) != 0 || d.Timestamp != fixedNow {
		t.Errorf("drift entry not replaced: %+v", d)
	}
}

// TestJSONIsFlywayShaped checks the keys tools written for Flyway's JSON
// read, such as Redgate's actions counting changes and violations.
func TestJSONIsFlywayShaped(t *testing.T) {
	r := &Report{HTMLReport: "report.html", JSONReport: "report.json"}
	for _, s := range sampleSections(t, t.TempDir()) {
		r.Put(s)
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		HTMLReport        *string          `json:"htmlReport"`
		JSONReport        *string          `json:"jsonReport"`
		IndividualResults []map[string]any `json:"individualResults"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.HTMLReport == nil || doc.JSONReport == nil || len(doc.IndividualResults) != 4 {
		t.Fatalf("envelope = %s", data)
	}
	for _, res := range doc.IndividualResults {
		switch res["operation"] {
		case "drift", "changes":
			for _, k := range []string{"onlyInSource", "onlyInTarget", "differences", "timestamp"} {
				if _, ok := res[k].([]any); !ok && k != "timestamp" {
					t.Errorf("%s: %s is not an array", res["operation"], k)
				}
			}
		case "code":
			files := res["results"].([]any)
			v := files[1].(map[string]any)["violations"].([]any)[0].(map[string]any)
			for _, k := range []string{"line_no", "line_pos", "line_no_end", "line_pos_end", "description", "code", "warning", "engine", "help"} {
				if _, ok := v[k]; !ok {
					t.Errorf("code violation lacks %s: %v", k, v)
				}
			}
		case "dryrun":
			if _, ok := res["sql"].(string); !ok {
				t.Errorf("dryrun lacks sql")
			}
		}
	}
	var back Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(&back)
	if !bytes.Equal(data, again) {
		t.Errorf("JSON does not round-trip:\n%s\n%s", data, again)
	}
}

// TestMarkdownLimit checks that the Markdown summary stays under the limit
// and says what it cut.
func TestMarkdownLimit(t *testing.T) {
	r := &Report{HTMLReport: "report.html"}
	for _, s := range sampleSections(t, t.TempDir()) {
		r.Put(s)
	}
	full := Markdown(r, 0)
	if strings.Contains(full, "cut to fit") {
		t.Errorf("full summary was cut")
	}
	for _, want := range []string{"| Drift | ❌ 2 |", "RX001", "staging data is rebuilt nightly", "```diff", "- CREATE UNIQUE INDEX"} {
		if !strings.Contains(full, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	for _, limit := range []int{100, 600, 1500, len(full) - 1} {
		got := Markdown(r, limit)
		if len(got) > limit || !utf8.ValidString(got) {
			t.Errorf("limit %d: got %d bytes (valid UTF-8: %v)", limit, len(got), utf8.ValidString(got))
		}
		if limit > 400 && !strings.Contains(got, "cut to fit") {
			t.Errorf("limit %d: no truncation note", limit)
		}
	}
	checkGolden(t, "summary.md", []byte(full))
}

// checkGolden compares got with testdata/golden/name (rewritten with -update).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./internal/report -update and review the diff", name)
	}
}

// TestJSONNeverNullLists checks that sections built without lists still
// encode [] where Flyway's readers expect arrays.
func TestJSONNeverNullLists(t *testing.T) {
	r := &Report{}
	r.Put(&Comparison{Header: Header{Operation: OpChanges}})
	r.Put(&CodeReview{Header: Header{Operation: OpCode}, Results: []CodeFile{{Filepath: "a.sql"}}})
	r.Put(&DryRun{Header: Header{Operation: OpDryRun}})
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "null") {
		t.Errorf("JSON has null: %s", data)
	}
}
