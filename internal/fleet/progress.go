package fleet

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Progress shows a sweep's progress on a writer (stderr): a redrawn bar on
// a terminal, one plain line per target elsewhere (CI logs). A nil
// *Progress shows nothing.
type Progress struct {
	w                     io.Writer
	tty                   bool
	total, done           int
	drifted, failed, skip int
	start                 time.Time
}

// NewProgress starts showing the progress of work on total targets.
func NewProgress(w io.Writer, total int, tty bool) *Progress {
	return &Progress{w: w, tty: tty, total: total, start: time.Now()}
}

// Done records a finished target.
func (p *Progress) Done(r TargetResult) {
	if p == nil {
		return
	}
	p.done++
	switch r.Status {
	case StatusDrifted:
		p.drifted++
	case StatusFailed:
		p.failed++
	case StatusSkipped:
		p.skip++
	}
	if p.tty {
		const width = 30
		n := width * p.done / max(1, p.total)
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d  drifted %d  failed %d  %s ", strings.Repeat("#", n), strings.Repeat(".", width-n),
			p.done, p.total, p.drifted, p.failed, time.Since(p.start).Round(100*time.Millisecond))
		return
	}
	line := fmt.Sprintf("drift %d/%d %s: %s", p.done, p.total, r.Target, r.Status)
	if r.Status == StatusDrifted {
		line += fmt.Sprintf(" (%d objects)", len(r.Objects))
	}
	if r.Error != "" {
		line += ": " + r.Error
	}
	fmt.Fprintf(p.w, "%s (%d ms)\n", line, r.DurationMS)
}

// Finish ends the bar's line.
func (p *Progress) Finish() {
	if p != nil && p.tty {
		fmt.Fprintln(p.w)
	}
}
