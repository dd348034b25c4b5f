package fleet

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
)

// ReportFiles are where a fleet report was written.
type ReportFiles struct {
	JSON     string `json:"jsonReport"`
	Markdown string `json:"markdownReport"`
	HTML     string `json:"htmlReport"`
}

// FilesFor names the fleet drift report files in folder:
// fleet-drift.json, .md and .html.
func FilesFor(folder string) ReportFiles {
	base := filepath.Join(folder, "fleet-drift")
	return ReportFiles{JSON: base + ".json", Markdown: base + ".md", HTML: base + ".html"}
}

// Save writes the report as JSON, Markdown and HTML. redact, when set,
// masks secrets in every file.
func (r *Report) Save(files ReportFiles, redact func(string) string) error {
	if redact == nil {
		redact = func(s string) string { return s }
	}
	js, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the fleet report: %w", err)
	}
	var html bytes.Buffer
	if err := r.WriteHTML(&html); err != nil {
		return err
	}
	for path, content := range map[string]string{files.JSON: string(js) + "\n", files.Markdown: r.Markdown(), files.HTML: html.String()} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("creating the folder of %s: %w", path, err)
		}
		if err := os.WriteFile(path, []byte(redact(content)), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	return nil
}

// Markdown renders the report for a GitHub step summary: the counts, a
// table of the targets that need attention, and each drifted object.
func (r *Report) Markdown() string {
	var b strings.Builder
	s := r.Summary
	fmt.Fprintf(&b, "## Fleet drift: %d targets, %d drifted, %d failed\n\n", s.Targets, s.Drifted, s.Failed)
	fmt.Fprintf(&b, "| clean | drifted | not yet deployed | failed | time |\n|---|---|---|---|---|\n| %d | %d | %d | %d | %.1f s |\n\n",
		s.Clean, s.Drifted, s.Skipped, s.Failed, float64(r.DurationMS)/1000)
	var attention []TargetResult
	for _, t := range r.Targets {
		if t.Status == StatusDrifted || t.Status == StatusFailed {
			attention = append(attention, t)
		}
	}
	if len(attention) == 0 {
		b.WriteString("No drift: every reachable target matches its deployed snapshot.\n")
		return b.String()
	}
	b.WriteString("| target | status | drifted objects |\n|---|---|---|\n")
	for _, t := range attention {
		detail := mdEscape(t.Error)
		if t.Status == StatusDrifted {
			var parts []string
			for _, o := range t.Objects {
				parts = append(parts, fmt.Sprintf("%s `%s` %s", o.Kind, mdEscape(o.Name), o.Change))
			}
			detail = strings.Join(parts, "<br>")
		}
		fmt.Fprintf(&b, "| `%s` | %s %s | %s |\n", t.Target, statusIcon(t.Status), t.Status, detail)
	}
	return b.String()
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

func statusIcon(s Status) string {
	switch s {
	case StatusDrifted:
		return "🟠"
	case StatusFailed:
		return "🔴"
	case StatusSkipped:
		return "⚪"
	}
	return "🟢"
}

//go:embed report.html.tmpl
var htmlTemplate string

var reportTmpl = template.Must(template.New("fleet").Funcs(template.FuncMap{
	"heat": func(n, peak int) string {
		if n == 0 {
			return "h0"
		}
		return fmt.Sprintf("h%d", min(4, 1+3*(n-1)/max(1, peak-1)))
	},
	"seconds": func(ms int64) string { return fmt.Sprintf("%.1f", float64(ms)/1000) },
}).Parse(htmlTemplate))

// WriteHTML renders the report as one self-contained HTML page with a heat
// map of targets by object kind.
func (r *Report) WriteHTML(w *bytes.Buffer) error {
	peak := 1
	for _, t := range r.Targets {
		for _, k := range r.Kinds {
			peak = max(peak, t.Count(k))
		}
	}
	if err := reportTmpl.Execute(w, map[string]any{"R": r, "Max": peak}); err != nil {
		return fmt.Errorf("rendering the fleet report: %w", err)
	}
	return nil
}
