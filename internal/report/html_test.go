package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// TestHTMLReport renders a report with every operation and checks that it
// is one self-contained page with a summary, a tab per operation, the
// before/after definitions side by side, and no secret.
func TestHTMLReport(t *testing.T) {
	r := &Report{HTMLReport: "report.html", JSONReport: "report.json"}
	for _, s := range sampleSections(t, t.TempDir()) {
		s.Head().Database = RedactDatabase(s.Head().Database)
		r.Put(s)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, r, fixedNow); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	external := regexp.MustCompile(`(?i)<(script|link|img|iframe)[^>]*(src|href)=|url\(|@import`)
	if m := external.FindString(page); m != "" {
		t.Errorf("page loads an external asset: %s", m)
	}
	for _, want := range []string{
		`class="cards"`, `id="t-drift"`, `id="p-changes"`, `id="p-code"`, `id="p-dryrun"`,
		`<td class="l">    email text NOT NULL,</td>`, `<td class="r">    email varchar(320) NOT NULL,</td>`,
		`staging data is rebuilt nightly`, `lock timeout`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "s3cret") {
		t.Error("page carries a password")
	}
	checkGolden(t, "report.html", b.Bytes())
}

// TestHTMLEscapes checks that SQL and names are escaped, never markup.
func TestHTMLEscapes(t *testing.T) {
	r := &Report{}
	r.Put(&Comparison{Header: Header{Operation: OpChanges}, Differences: []Difference{{Name: `<script>alert(1)</script>`,
		ObjectType: "Function", DefinitionBefore: "SELECT 1 < 2", DefinitionAfter: "SELECT '<b>x</b>'"}}})
	var b bytes.Buffer
	if err := WriteHTML(&b, r, fixedNow); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>alert") || strings.Contains(b.String(), "<b>x</b>") {
		t.Error("unescaped markup in the page")
	}
}

// TestSideBySide checks the line alignment of definitions.
func TestSideBySide(t *testing.T) {
	rows := sideBySide("a\nb\nc\nd", "a\nB\nc\nd\ne")
	var kinds []string
	for _, r := range rows {
		kinds = append(kinds, r.Kind+":"+r.Left+"|"+r.Right)
	}
	want := "same:a|a changed:b|B same:c|c same:d|d added:|e"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("rows = %s, want %s", got, want)
	}
	if len(sideBySide("", "")) != 0 {
		t.Error("empty texts give rows")
	}
}

// TestHTMLEdgeCases renders an empty report, a skipped drift check, a clean
// code review and an operation this version does not know.
func TestHTMLEdgeCases(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, &Report{}, fixedNow); err != nil || !strings.Contains(b.String(), "no results yet") {
		t.Errorf("empty report: %v", err)
	}
	r := &Report{}
	r.Put(&Comparison{Header: Header{Operation: OpDrift}, DriftCheckSkipped: true})
	r.Put(&CodeReview{Header: Header{Operation: OpCode}, Results: []CodeFile{{Filepath: "a.sql"}}})
	r.Put(&RawSection{Header: Header{Operation: "future"}, Raw: []byte(`{"operation":"future","x":1}`)})
	b.Reset()
	if err := WriteHTML(&b, r, fixedNow); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"drift check skipped", "No violations in 1 file(s).", "&#34;x&#34;: 1", `id="p-future"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if md := Markdown(r, 0); !strings.Contains(md, "| Drift | ➖ skipped |") || !strings.Contains(md, "No violations in 1 file.") {
		t.Errorf("markdown:\n%s", md)
	}
}
