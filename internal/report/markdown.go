package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// DefaultMarkdownLimit is GitHub's limit for one step summary (1 MiB).
const DefaultMarkdownLimit = 1 << 20

// mdWriter appends Markdown blocks while they fit under a byte limit,
// keeping room for the note that says the rest was cut.
type mdWriter struct {
	b       strings.Builder
	limit   int
	dropped int
	full    bool
}

const mdReserve = 200 // room for the truncation note

// add appends block if it fits; once one does not, nothing more is added.
func (w *mdWriter) add(block string) {
	if w.full || w.b.Len()+len(block)+mdReserve > w.limit {
		w.full = true
		w.dropped++
		return
	}
	w.b.WriteString(block)
}

// Markdown renders the report as GitHub-flavoured Markdown for a step
// summary or a pull-request comment, at most limit bytes (0 means
// DefaultMarkdownLimit): a summary table first, then each operation's
// details; what does not fit is cut at a whole line with a note saying so.
func Markdown(r *Report, limit int) string {
	if limit <= 0 {
		limit = DefaultMarkdownLimit
	}
	w := &mdWriter{limit: limit}
	w.add("## pgfleet check report\n\n")
	if len(r.Sections) == 0 {
		w.add("No check results yet.\n")
	} else {
		w.add("| Operation | Result | Details |\n|---|---|---|\n")
		for _, s := range r.Sections {
			c := summaryCard(s)
			w.add(fmt.Sprintf("| %s | %s %s | %s |\n", opLabel(s.Head().Operation), statusIcon(c.Status), cell(c.Big), cell(c.Detail)))
		}
	}
	for _, s := range r.Sections {
		mdSection(w, s)
	}
	out := w.b.String()
	if w.dropped > 0 {
		out += fmt.Sprintf("\n---\n_Summary cut to fit %d bytes: %d more block(s) not shown. The full results are in %s._\n",
			limit, w.dropped, or(r.HTMLReport, "report.html"))
	}
	if len(out) > limit { // the limit is smaller than the note itself
		out = truncateUTF8(out, limit)
	}
	return out
}

// summaryCard returns the card the HTML page shows for a section.
func summaryCard(s Section) card {
	switch x := s.(type) {
	case *Comparison:
		return comparisonCard(x)
	case *CodeReview:
		return codeCard(x)
	case *DryRun:
		return dryRunCard(x)
	}
	return card{Status: "skip", Big: "—"}
}

func statusIcon(status string) string {
	switch status {
	case "ok":
		return "✅"
	case "warn":
		return "⚠️"
	case "fail":
		return "❌"
	}
	return "➖"
}

// mdSection renders one section's details.
func mdSection(w *mdWriter, s Section) {
	h := s.Head()
	w.add(fmt.Sprintf("\n### %s\n\n", opLabel(h.Operation)))
	for _, warn := range h.Warnings {
		w.add(fmt.Sprintf("> ⚠️ %s\n\n", oneLine(warn)))
	}
	switch x := s.(type) {
	case *Comparison:
		mdComparison(w, x)
	case *CodeReview:
		mdCode(w, x)
	case *DryRun:
		mdDryRun(w, x)
	}
}

// mdComparison lists the differences, each with a diff of its definition.
func mdComparison(w *mdWriter, c *Comparison) {
	v := newComparisonView(c)
	if len(v.Groups) == 0 {
		w.add("No differences.\n")
		return
	}
	for _, g := range v.Groups {
		w.add(fmt.Sprintf("**%s** (%d)\n\n", g.Title, len(g.Items)))
		for _, it := range g.Items {
			name := it.D.Name
			if it.D.Schema != "" {
				name = it.D.Schema + "." + name
			}
			w.add(fmt.Sprintf("<details><summary>%s %s <code>%s</code></summary>\n\n%s\n</details>\n\n",
				htmlEscape(it.Kind), htmlEscape(it.D.ObjectType), htmlEscape(name), diffBlock(it.Rows)))
		}
	}
}

// diffBlock renders side-by-side rows as a unified diff code block, each
// hunk's removed lines before its added ones.
func diffBlock(rows []diffRow) string {
	var b strings.Builder
	var dels, adds []string
	flush := func() {
		for _, l := range dels {
			b.WriteString("- " + l + "\n")
		}
		for _, l := range adds {
			b.WriteString("+ " + l + "\n")
		}
		dels, adds = dels[:0], adds[:0]
	}
	for _, r := range rows {
		if r.Kind == "same" {
			flush()
			b.WriteString("  " + r.Left + "\n")
			continue
		}
		if r.LeftNo > 0 {
			dels = append(dels, r.Left)
		}
		if r.RightNo > 0 {
			adds = append(adds, r.Right)
		}
	}
	flush()
	fence := "```"
	for strings.Contains(b.String(), fence) {
		fence += "`"
	}
	return fence + "diff\n" + b.String() + fence + "\n"
}

// mdCode lists violations as a table, suppressed ones after.
func mdCode(w *mdWriter, c *CodeReview) {
	v := newCodeView(c)
	if len(v.Files) == 0 {
		w.add(fmt.Sprintf("No violations in %s.\n", plural(v.Counts.Files, "file")))
		return
	}
	w.add("| Location | Severity | Code | Message |\n|---|---|---|---|\n")
	for _, f := range v.Files {
		for _, x := range f.Violations {
			w.add(fmt.Sprintf("| `%s:%d:%d` | %s | %s | %s |\n", cell(f.Filepath), x.LineNo, x.LinePos, x.Severity, x.Code, cell(x.Description)))
		}
	}
	if v.Counts.Suppressed == 0 {
		return
	}
	w.add(fmt.Sprintf("\n%s suppressed:\n\n| Location | Code | Reason |\n|---|---|---|\n", plural(v.Counts.Suppressed, "violation")))
	for _, f := range v.Files {
		for _, x := range f.Suppressed {
			w.add(fmt.Sprintf("| `%s:%d:%d` | %s | %s |\n", cell(f.Filepath), x.LineNo, x.LinePos, x.Code, cell(or(x.Reason, "(no reason given)"))))
		}
	}
}

// mdDryRun lists each statement's outcome.
func mdDryRun(w *mdWriter, d *DryRun) {
	if len(d.Statements) == 0 {
		w.add("No statements.\n")
		return
	}
	w.add("| # | Line | Outcome | Duration | Statement |\n|---|---|---|---|---|\n")
	for i, s := range d.Statements {
		stmt := truncateUTF8(oneLine(s.SQL), 120)
		if s.Error != "" {
			stmt += " — " + oneLine(s.Error)
		}
		line := fmt.Sprint(s.Line)
		if s.File != "" {
			line = "`" + cell(s.File) + "`:" + line
		}
		w.add(fmt.Sprintf("| %d | %s | %s | %.1f ms | `%s` |\n", i+1, line, s.Outcome, s.DurationMS, cell(stmt)))
	}
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(oneLine(s), "|", `\|`), "`", "'")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// truncateUTF8 cuts s to at most n bytes at a character boundary.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
