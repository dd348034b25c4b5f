package codereview

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkCheckText reviews a 5,000-statement migration with every
// built-in rule: go test -bench CheckText ./internal/codereview
func BenchmarkCheckText(b *testing.B) {
	var sb strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&sb, "-- step %d: DROP TABLE in a comment\nCREATE TABLE t%d (id bigint PRIMARY KEY, note text DEFAULT 'TRUNCATE');\n", i, i)
		fmt.Fprintf(&sb, "ALTER TABLE accounts ADD COLUMN c%d int;\nCREATE INDEX i%d ON accounts (c%d);\nINSERT INTO t%d VALUES (1, $$DROP TABLE x$$);\nDROP TABLE old%d;\n", i, i, i, i, i)
	}
	text := sb.String()
	r, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.CheckText("big.sql", text); err != nil {
			b.Fatal(err)
		}
	}
}
