package diff

import (
	"fmt"
	"testing"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

func table(cols ...*catalog.Column) *catalog.Table {
	for i, c := range cols {
		c.Position = i + 1
	}
	return &catalog.Table{Schema: "app", Name: "t", Columns: cols, Meta: catalog.Meta{Owner: "o"}}
}

func TestDiff(t *testing.T) {
	base := func() *catalog.Catalog {
		return &catalog.Catalog{
			Schemas: []*catalog.Schema{{Name: "app"}},
			Tables:  []*catalog.Table{table(&catalog.Column{Name: "a", Type: "integer"})},
		}
	}
	cases := []struct {
		name  string
		edit  func(c *catalog.Catalog)
		want  []string // change type and key
		flags Flag     // flags of the single modification, if any
	}{
		{"no change", func(c *catalog.Catalog) {}, nil, 0},
		{"add column", func(c *catalog.Catalog) {
			c.Tables[0].Columns = append(c.Tables[0].Columns, &catalog.Column{Name: "b", Type: "text", Position: 2})
		}, []string{"*diff.Add[*github.com/pgfleet/pgfleet/internal/catalog.Column] column app.t.b"}, 0},
		{"column type and default", func(c *catalog.Catalog) {
			c.Tables[0].Columns[0].Type, c.Tables[0].Columns[0].Default = "bigint", "0"
		}, []string{"*diff.Modify[*github.com/pgfleet/pgfleet/internal/catalog.Column] column app.t.a"}, ColumnType | ColumnDefault},
		{"owner and comment", func(c *catalog.Catalog) {
			c.Tables[0].Owner, c.Tables[0].Comment = "p", "hi"
		}, []string{"*diff.Modify[*github.com/pgfleet/pgfleet/internal/catalog.Table] table app.t"}, Owner | Comment},
		{"drop table: columns go with it", func(c *catalog.Catalog) { c.Tables = nil },
			[]string{"*diff.Drop[*github.com/pgfleet/pgfleet/internal/catalog.Table] table app.t"}, 0},
		{"acl", func(c *catalog.Catalog) { c.Schemas[0].ACL = []string{"r=U/o"} },
			[]string{"*diff.Modify[*github.com/pgfleet/pgfleet/internal/catalog.Schema] schema app"}, ACL},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			to := base()
			tc.edit(to)
			got := Diff(base(), to)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d changes %v, want %v", len(got), got, tc.want)
			}
			for i, c := range got {
				if s := typeName(c) + " " + c.Key().String(); s != tc.want[i] {
					t.Errorf("change %d = %s, want %s", i, s, tc.want[i])
				}
				if f := Flags(c); f != tc.flags {
					t.Errorf("flags = %s, want %s", f, tc.flags)
				}
			}
		})
	}
}

func typeName(c Change) string {
	return fmt.Sprintf("%T", c)
}

func TestFlagString(t *testing.T) {
	if s := (ColumnType | ACL).String(); s != "acl|column type" {
		t.Errorf("String = %q", s)
	}
	if s := Flag(0).String(); s != "none" {
		t.Errorf("String = %q", s)
	}
}

func TestNormalizeExpr(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{`CHECK (((t)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))`,
			`CHECK (((t)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])))`},
		{`x > 0`, `x > 0`},
		{"SELECT a,\n NULL::integer AS int4\n FROM t", "SELECT a,\n NULL::integer\n FROM t"},
	} {
		if x, y := NormalizeExpr(tc.a), NormalizeExpr(tc.b); x != y {
			t.Errorf("NormalizeExpr:\n %s\n %s", x, y)
		}
	}
}
