package codereview

import (
	"strings"
	"testing"
)

// FuzzCheckText checks that any text is reviewed without panicking, that
// masking keeps its length and line breaks, and that every violation lies
// inside the text. Run longer with go test -fuzz FuzzCheckText.
func FuzzCheckText(f *testing.F) {
	for _, seed := range []string{"DROP TABLE t;", "/* /* */ */ SELECT 'x''y';", "SELECT $a$ $$ $a$;",
		"ALTER TABLE t ADD COLUMN c int NOT NULL, DROP d;", "-- pgfleet:allow RX001 x\nDROP TABLE ${s}.t;",
		"SELECT E'\\'", "CREATE TABLE \"é\" (x int);\nTRUNCATE \"é\";", "\\set x 1\nSELECT :x;"} {
		f.Add(seed)
	}
	r, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if m, err := Mask(text); err == nil && (len(m) != len(text) || strings.Count(m, "\n") != strings.Count(text, "\n")) {
			t.Fatalf("Mask changed the length or the lines of %q", text)
		}
		res, err := r.CheckText("f.sql", text)
		if err != nil {
			return
		}
		lines := strings.Count(text, "\n") + 1
		for _, v := range append(res.Violations, res.Suppressed...) {
			if v.Line < 1 || v.Line > lines || v.Column < 1 || v.EndOffset > len(text) || v.Offset > v.EndOffset {
				t.Fatalf("violation out of the text %q: %+v", text, v)
			}
		}
	})
}
