package sqlsplit

import (
	"runtime"
	"strings"
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// parallelChunk is the text size per chunk from which Split parses pieces
// of a large file concurrently.
const parallelChunk = 128 << 10

// chunk is a piece of a text parsed on its own; locations in tree are
// relative to start.
type chunk struct {
	start, end int
	tree       *pg_query.ParseResult
	err        error
}

// parseChunks parses text as one or more chunks cut at line boundaries
// that probably start a statement, concurrently. A cut is only trusted
// when the chunk before it parses on its own: a cut inside a string,
// comment, dollar quote, parentheses or BEGIN ATOMIC body leaves that
// chunk unterminated, which is a syntax error, and the chunk is merged
// with the next. An error left makes the caller parse the whole text.
func parseChunks(text string) ([]chunk, error) {
	n := min(runtime.GOMAXPROCS(0), len(text)/parallelChunk, 16)
	cuts := []int{0}
	for i := 1; i < n; i++ {
		c := boundaryAfter(text, i*len(text)/n)
		if c > cuts[len(cuts)-1] && c < len(text) {
			cuts = append(cuts, c)
		}
	}
	cuts = append(cuts, len(text))
	chunks := make([]chunk, len(cuts)-1)
	var wg sync.WaitGroup
	for i := range chunks {
		c := &chunks[i]
		c.start, c.end = cuts[i], cuts[i+1]
		wg.Go(func() { c.tree, c.err = pg_query.Parse(text[c.start:c.end]) })
	}
	wg.Wait()
	return mergeFailed(text, chunks)
}

// mergeFailed merges every chunk that failed to parse (a cut inside a
// function body, say) with the next one and parses the merged text again.
func mergeFailed(text string, chunks []chunk) ([]chunk, error) {
	out := chunks[:0]
	for i := 0; i < len(chunks); i++ {
		c := chunks[i]
		for c.err != nil && i+1 < len(chunks) {
			i++
			c.end = chunks[i].end
			c.tree, c.err = pg_query.Parse(text[c.start:c.end])
		}
		if c.err != nil {
			return nil, c.err
		}
		out = append(out, c)
	}
	return out, nil
}

// boundaryAfter returns the start of the first line at or after from that
// probably starts a statement: it begins with a statement keyword and
// follows an unindented line ending in ";". Returns len(text) if none.
func boundaryAfter(text string, from int) int {
	prevStart := strings.LastIndexByte(text[:from], '\n') + 1
	for {
		nl := strings.IndexByte(text[from:], '\n')
		if nl < 0 {
			return len(text)
		}
		next := from + nl + 1
		prev := text[prevStart : from+nl]
		if next < len(text) && startsStatement(text[next:]) && len(prev) > 0 && isLetter(prev[0]) &&
			strings.HasSuffix(strings.TrimRight(prev, " \t\r"), ";") {
			return next
		}
		from, prevStart = next, next
	}
}

// statementKeywords start the statements chunk cuts are placed before.
var statementKeywords = []string{"CREATE ", "ALTER ", "COMMENT ", "GRANT ", "REVOKE ", "SET "}

// startsStatement reports whether s begins with a statement keyword.
func startsStatement(s string) bool {
	for _, k := range statementKeywords {
		if len(s) >= len(k) && strings.EqualFold(s[:len(k)], k) {
			return true
		}
	}
	return false
}

// isLetter reports whether b is an ASCII letter.
func isLetter(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
