package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// TestRender checks, without a database, the SQL of small plans.
func TestRender(t *testing.T) {
	tbl := func(cols ...*catalog.Column) *catalog.Table {
		for i, c := range cols {
			c.Position = i + 1
		}
		return &catalog.Table{Schema: "app", Name: "group", Columns: cols, Meta: catalog.Meta{Owner: "o", ACL: []string{"o=arwdDxt/o"}}}
	}
	base := func() *catalog.Catalog {
		return &catalog.Catalog{
			Schemas: []*catalog.Schema{{Name: "app", Meta: catalog.Meta{Owner: "o"}}},
			Tables:  []*catalog.Table{tbl(&catalog.Column{Name: "from", Type: "integer"})},
			Enums:   []*catalog.Enum{{Schema: "app", Name: "e", Labels: []string{"a", "c"}, Meta: catalog.Meta{Owner: "o"}}},
		}
	}
	cases := []struct {
		name string
		edit func(c *catalog.Catalog)
		want []string
	}{
		{"nothing", func(*catalog.Catalog) {}, nil},
		{"add column, keyword quoted", func(c *catalog.Catalog) {
			c.Tables[0].Columns = append(c.Tables[0].Columns, &catalog.Column{Name: "b", Type: "text", Position: 2, NotNull: true, Default: "'x'::text"})
		}, []string{`ALTER TABLE app."group" ADD COLUMN b text DEFAULT 'x'::text NOT NULL`}},
		{"grant and comment", func(c *catalog.Catalog) {
			c.Tables[0].ACL = []string{"o=arwdDxt/o", "r=r/o"}
			c.Tables[0].Comment = "it's"
		}, []string{`COMMENT ON TABLE app."group" IS 'it''s'`, `GRANT SELECT ON TABLE app."group" TO r`}},
		{"enum value in the middle", func(c *catalog.Catalog) {
			c.Enums[0].Labels = []string{"a", "b", "c"}
		}, []string{`ALTER TYPE app.e ADD VALUE 'b' BEFORE 'c'`}},
		{"type change", func(c *catalog.Catalog) { c.Tables[0].Columns[0].Type = "bigint" },
			[]string{`ALTER TABLE app."group" ALTER COLUMN "from" TYPE bigint USING "from"::bigint`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			to := base()
			tc.edit(to)
			p, err := Build(base(), to, Options{Role: "o"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range p.Steps {
				got = append(got, s.SQL)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestColumnOrderError: a column inserted in the middle is refused with
// an error naming the table.
func TestColumnOrderError(t *testing.T) {
	from := &catalog.Catalog{Tables: []*catalog.Table{{Schema: "app", Name: "t", Columns: []*catalog.Column{
		{Name: "a", Position: 1, Type: "integer"}, {Name: "c", Position: 2, Type: "integer"}}}}}
	to := &catalog.Catalog{Tables: []*catalog.Table{{Schema: "app", Name: "t", Columns: []*catalog.Column{
		{Name: "a", Position: 1, Type: "integer"}, {Name: "b", Position: 2, Type: "integer"}, {Name: "c", Position: 3, Type: "integer"}}}}}
	_, err := Build(from, to, Options{})
	if err == nil || !strings.Contains(err.Error(), "table app.t") {
		t.Fatalf("err = %v, want a column order error naming table app.t", err)
	}
}
