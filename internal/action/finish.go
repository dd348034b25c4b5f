package action

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/pgfleet/pgfleet/internal/report"
)

// finish reports the step: exit-code output, artifacts, the step summary,
// and on pull requests the comment, check run and SARIF upload.
func (s *step) finish(ctx context.Context, code int) {
	s.setOutput("exit-code", strconv.Itoa(code))
	links := s.uploadAll(ctx)
	overflow := s.ann.summarise()
	s.writeSummary(s.summary(report.DefaultMarkdownLimit-s.summaryBytesUsed(), links, overflow))
	s.publish(ctx, code, links)
}

// summary renders the step's Markdown in at most limit bytes: heading,
// the Check | Result table, notes, artifact links, then the report's
// details, which are cut first when space runs out.
func (s *step) summary(limit int, links []uploaded, overflow string) string {
	var b strings.Builder
	if env := s.environment(); env != "" {
		fmt.Fprintf(&b, "## %s: `%s`\n\n", s.mode.title, env)
	} else {
		fmt.Fprintf(&b, "## %s\n\n", s.mode.title)
	}
	if s.failure != "" {
		fmt.Fprintf(&b, "> ❌ %s\n\n", oneLine(s.failure))
	}
	if len(s.rows) > 0 {
		b.WriteString("| Check | Result |\n|---|---|\n")
		for _, r := range s.rows {
			fmt.Fprintf(&b, "| %s | %s |\n", r[0], strings.ReplaceAll(oneLine(r[1]), "|", `\|`))
		}
		b.WriteString("\n")
	}
	for _, n := range s.notes {
		b.WriteString(n + "\n")
	}
	if overflow != "" {
		b.WriteString(overflow + "\n")
	}
	if len(links) > 0 {
		b.WriteString("### Artifacts\n\n")
		for _, l := range links {
			if l.url != "" {
				fmt.Fprintf(&b, "- [%s](%s) (%d bytes)\n", l.name, l.url, l.size)
			} else {
				fmt.Fprintf(&b, "- %s (%d bytes)\n", l.name, l.size)
			}
		}
		b.WriteString("\n")
	}
	head := s.redact(b.String())
	if len(head) >= limit {
		return truncate(head, limit)
	}
	if s.report != nil && limit-len(head) > 512 {
		head += s.redact(report.Markdown(s.report, limit-len(head)-256)) + "\n"
	}
	return truncate(head, limit)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// truncate cuts s to n bytes at a line boundary, or a character one.
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	cut := s[:n]
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		return cut[:i+1]
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
