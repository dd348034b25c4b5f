package inspect

import (
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// TestRenderQueriesPerVersion checks the version branches of the query
// templates (only PostgreSQL 15 runs in tests).
func TestRenderQueriesPerVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		version int
		want    []string
		absent  []string
	}{
		{120000, []string{"''  AS multirange_name", "false AS nulls_not_distinct"},
			[]string{"tgparentid", "indnullsnotdistinct", "colliculocale", "colllocale", "collicurules", "rngmultitypid",
				"pubviaroot", "prattrs", "pg_publication_namespace"}},
		{130000, []string{"tgparentid", "pubviaroot"}, []string{"indnullsnotdistinct", "rngmultitypid", "prqual"}},
		{140000, []string{"rngmultitypid"}, []string{"indnullsnotdistinct", "colliculocale"}},
		{150000, []string{"indnullsnotdistinct", "colliculocale", "prattrs", "prqual", "pg_publication_namespace"},
			[]string{"colllocale,", "collicurules", "coalesce(s.stxstattarget"}},
		{160000, []string{"colliculocale", "collicurules"}, []string{"c.colllocale"}},
		{170000, []string{"c.colllocale", "collicurules", "coalesce(s.stxstattarget, -1)"}, []string{"colliculocale"}},
	}
	for _, tc := range tests {
		qs, err := renderQueries(tc.version)
		if err != nil {
			t.Fatalf("%d: %v", tc.version, err)
		}
		var all strings.Builder
		for _, q := range qs {
			if strings.Count(q.sql, "$1") == 0 || strings.Count(q.sql, "$2") == 0 {
				t.Errorf("%d: query %s lacks a parameter", tc.version, q.name)
			}
			if _, err := pg_query.Parse(q.sql); err != nil {
				t.Errorf("%d: query %s does not parse: %v", tc.version, q.name, err)
			}
			for _, line := range strings.Split(q.sql, "\n") {
				if !strings.HasPrefix(strings.TrimSpace(line), "--") {
					all.WriteString(line + "\n")
				}
			}
		}
		text := strings.Join(strings.Fields(all.String()), " ")
		for _, w := range tc.want {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%d: queries lack %q", tc.version, w)
			}
		}
		for _, a := range tc.absent {
			if strings.Contains(text, a) {
				t.Errorf("%d: queries contain %q", tc.version, a)
			}
		}
	}
}
