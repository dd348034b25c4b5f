package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
	"ms":  func(f float64) string { return fmt.Sprintf("%.1f ms", f) },
}).Parse(htmlSource))

// htmlView is what the HTML template renders.
type htmlView struct {
	Title, Generated, Databases string
	Cards                       []card
	Tabs                        []tab
}

// card is one operation's summary at the top of the page.
type card struct {
	ID, Label, Status, Big, Detail string
	Bar                            []barPart
}

// barPart is one colored part of a card's bar.
type barPart struct {
	Class, Title string
	Pct          float64
}

// tab is one operation's panel.
type tab struct {
	ID, Label  string
	Head       *Header
	Comparison *comparisonView
	Code       *codeView
	DryRun     *dryRunView
	Raw        string
}

// WriteHTML renders the report as one self-contained HTML page: a summary
// card per operation, then a tab per operation.
func WriteHTML(w io.Writer, r *Report, generated time.Time) error {
	v := htmlView{Title: "pgfleet check report", Generated: generated.UTC().Format("2006-01-02 15:04:05 UTC")}
	var dbs []string
	for _, s := range r.Sections {
		h := s.Head()
		t := tab{ID: string(h.Operation), Label: opLabel(h.Operation), Head: h}
		var c card
		switch x := s.(type) {
		case *Comparison:
			t.Comparison, c = newComparisonView(x), comparisonCard(x)
		case *CodeReview:
			t.Code, c = newCodeView(x), codeCard(x)
		case *DryRun:
			t.DryRun, c = &dryRunView{D: x}, dryRunCard(x)
		case *RawSection:
			t.Raw, c = indentJSON(x.Raw), card{Status: "skip", Big: "—", Detail: "not rendered by this version"}
		}
		c.ID, c.Label = t.ID, t.Label
		v.Tabs, v.Cards = append(v.Tabs, t), append(v.Cards, c)
		if h.Database != "" && !contains(dbs, h.Database) {
			dbs = append(dbs, h.Database)
		}
	}
	v.Databases = strings.Join(dbs, ", ")
	if err := htmlTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("rendering HTML report: %w", err)
	}
	return nil
}

func opLabel(op Operation) string {
	switch op {
	case OpDrift:
		return "Drift"
	case OpChanges:
		return "Changes"
	case OpCode:
		return "Code review"
	case OpDryRun:
		return "Dry run"
	}
	return string(op)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func indentJSON(raw []byte) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
