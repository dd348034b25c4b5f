package codereview

import "testing"

// TestSuppression checks pgfleet:allow comments: they suppress the named
// codes for the statement right after them, keep the reason, and nothing
// else.
func TestSuppression(t *testing.T) {
	cases := []struct {
		name, sql        string
		active, suppress string // codes with positions, as codesOf prints them
		reason           string
	}{
		{"allow on the line before", "-- pgfleet:allow RX003 staging data is disposable\nTRUNCATE staging;",
			"", "RX003@2:1", "staging data is disposable"},
		{"several codes, several comment lines", "-- pgfleet:allow RX001,PG007 replaced by v2\n-- reviewed by dba\nDROP TABLE old;\nDROP INDEX old_i;",
			"PG007@4:1", "RX001@3:1", "replaced by v2"},
		{"other code is not suppressed", "-- pgfleet:allow RX004 no\nTRUNCATE staging;",
			"RX003@2:1", "", ""},
		{"blank line breaks the link", "-- pgfleet:allow RX003 no\n\nTRUNCATE staging;",
			"RX003@3:1", "", ""},
		{"trailing comment on previous statement does not count", "SELECT 1; -- pgfleet:allow RX003 no\nTRUNCATE staging;",
			"RX003@2:1", "", ""},
		{"applies to a violation deep in the statement", "-- pgfleet:allow PG003 table is tiny\nALTER TABLE t\n  ALTER COLUMN c SET NOT NULL;",
			"", "PG003@3:18", "table is tiny"},
		{"lower-case code, no reason", "-- pgfleet:allow rx003\nTRUNCATE staging;",
			"", "RX003@2:1", ""},
	}
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := r.CheckText("s.sql", c.sql)
			if err != nil {
				t.Fatal(err)
			}
			if got := codesOf(res.Violations); got != c.active {
				t.Errorf("active = %q, want %q", got, c.active)
			}
			if got := codesOf(res.Suppressed); got != c.suppress {
				t.Errorf("suppressed = %q, want %q", got, c.suppress)
			}
			if len(res.Suppressed) > 0 && res.Suppressed[0].Reason != c.reason {
				t.Errorf("reason = %q, want %q", res.Suppressed[0].Reason, c.reason)
			}
		})
	}
}
