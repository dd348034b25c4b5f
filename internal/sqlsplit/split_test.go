package sqlsplit

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		texts []string
		lines []int
		cols  []int
	}{
		{
			name:  "simple with comments",
			text:  "-- header\nCREATE TABLE a (id int);\n\n  /* x */ CREATE TABLE b (id int) ;\n",
			texts: []string{"CREATE TABLE a (id int)", "CREATE TABLE b (id int)"},
			lines: []int{2, 4},
			cols:  []int{1, 11},
		},
		{
			name:  "dollar quotes",
			text:  "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;\nSELECT 2",
			texts: []string{"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$", "SELECT 2"},
			lines: []int{1, 2},
			cols:  []int{1, 1},
		},
		{
			name:  "E strings",
			text:  "COMMENT ON TABLE a IS E'it\\'s; here';\nSELECT 1;",
			texts: []string{"COMMENT ON TABLE a IS E'it\\'s; here'", "SELECT 1"},
			lines: []int{1, 2},
			cols:  []int{1, 1},
		},
		{
			name:  "nested comments",
			text:  "/* a /* b; */ c; */ SELECT 1; /* ; */\n-- ;\nSELECT 2;",
			texts: []string{"SELECT 1", "SELECT 2"},
			lines: []int{1, 3},
			cols:  []int{21, 1},
		},
		{
			name: "begin atomic",
			text: "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT CASE WHEN true THEN 2 END;\nEND;\nSELECT 3;",
			texts: []string{
				"CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT CASE WHEN true THEN 2 END;\nEND",
				"SELECT 3",
			},
			lines: []int{1, 6},
			cols:  []int{1, 1},
		},
		{
			name:  "multibyte columns",
			text:  "SELECT 'été';   SELECT 1;",
			texts: []string{"SELECT 'été'", "SELECT 1"},
			lines: []int{1, 1},
			cols:  []int{1, 17},
		},
		{
			name:  "psql meta-commands between statements",
			text:  "\\restrict abc\nSET x = 1;\n\\connect db\nCREATE TABLE t (s text DEFAULT '\\n');\n\\unrestrict abc\n",
			texts: []string{`\restrict abc`, "SET x = 1", `\connect db`, `CREATE TABLE t (s text DEFAULT '\n')`, `\unrestrict abc`},
			lines: []int{1, 2, 3, 4, 5},
			cols:  []int{1, 1, 1, 1, 1},
		},
		{
			name:  "COPY data blocks",
			text:  "CREATE TABLE t (a int, b text);\nCOPY public.t (a, b) FROM stdin;\n1\tit's\n2\t\\N\n\\.\n\nSELECT 1;\n",
			texts: []string{"CREATE TABLE t (a int, b text)", "COPY public.t (a, b) FROM stdin", "1\tit's\n2\t\\N\n\\.", "SELECT 1"},
			lines: []int{1, 2, 3, 7},
			cols:  []int{1, 1, 1, 1},
		},
		{
			name:  "byte order mark",
			text:  "\ufeffCREATE TABLE a (id int);\n",
			texts: []string{"CREATE TABLE a (id int)"},
			lines: []int{1},
			cols:  []int{2},
		},
		{
			name:  "no statements",
			text:  "-- nothing\n/* here */\n",
			texts: []string{},
			lines: []int{},
			cols:  []int{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := Split("x.sql", tt.text)
			if err != nil {
				t.Fatal(err)
			}
			texts, lines, cols := []string{}, []int{}, []int{}
			for _, st := range f.Statements {
				texts = append(texts, st.Text)
				lines = append(lines, st.Line)
				cols = append(cols, st.Column)
				if tt.text[st.Offset:st.Offset+len(st.Text)] != st.Text {
					t.Errorf("offset %d does not locate %q", st.Offset, st.Text)
				}
			}
			if !reflect.DeepEqual(texts, tt.texts) || !reflect.DeepEqual(lines, tt.lines) || !reflect.DeepEqual(cols, tt.cols) {
				t.Errorf("got %q lines %v cols %v\nwant %q lines %v cols %v", texts, lines, cols, tt.texts, tt.lines, tt.cols)
			}
		})
	}
}

func TestSplitMetaAndTypes(t *testing.T) {
	t.Parallel()
	f, err := Split("m.sql", "\\connect db\nINSERT INTO t VALUES (1);\nDROP TABLE t;\n")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, st := range f.Statements {
		got = append(got, st.Type()+":"+st.Meta)
	}
	want := []string{"Meta:connect", "InsertStmt:", "DropStmt:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSplitSyntaxErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "one error",
			text: "CREATE TABLE a (id int);\nCREATE TABLE b (id int,);\n",
			want: []string{`e.sql:2:24: syntax error at or near ")"`},
		},
		{
			name: "all errors at once",
			text: "CREAT TABLE a (id int);\nSELECT 1;\nCREATE TABLE 'été' (id int);\nCREATE FUNCTION f() RETURNS int AS $$ x; $$ LANGUAGE sql;\nSELECT frm x y;\n",
			want: []string{
				`e.sql:1:1: syntax error at or near "CREAT"`,
				`e.sql:3:14: syntax error at or near "'été'"`,
				`e.sql:5:14: syntax error at or near "y"`,
			},
		},
		{
			name: "unterminated string",
			text: "SELECT 1;\nSELECT 'abc;\n",
			want: []string{`e.sql:2:8: unterminated quoted string at or near "'abc;` + "\n" + `"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Split("e.sql", tt.text)
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want Errors", err)
			}
			got := strings.Split(errs.Error(), "\n")
			if len(errs) != len(tt.want) || errs.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestErrorPosition(t *testing.T) {
	t.Parallel()
	text := "SELECT 1;\n-- c\nCREATE VIEW v AS\n  SELECT 'é' AS a,\n    nosuch AS b;\n"
	f, err := Split("p.sql", text)
	if err != nil {
		t.Fatal(err)
	}
	st := &f.Statements[1]
	pos := strings.Index(st.Text, "nosuch") // bytes; 'é' is 2 bytes, 1 character
	tests := []struct {
		pos, line, col int
	}{
		{0, 3, 1},
		{1, 3, 1},
		{pos, 5, 5},
	}
	for _, tt := range tests {
		line, col := f.ErrorPosition(st, tt.pos)
		if line != tt.line || col != tt.col {
			t.Errorf("ErrorPosition(%d) = %d:%d, want %d:%d", tt.pos, line, col, tt.line, tt.col)
		}
	}
}

func BenchmarkSplitMusicBrainz(b *testing.B) {
	data, err := os.ReadFile("../../../shared/bench/musicbrainz/schema.sql")
	if err != nil {
		b.Skipf("benchmark schema not present (../shared/bench/musicbrainz/schema.sql): %v", err)
	}
	for _, mode := range []struct {
		name    string
		chunked bool
	}{{"chunked", true}, {"whole", false}} {
		b.Run(mode.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var n int
			for b.Loop() {
				f, err := split("schema.sql", string(data), mode.chunked)
				if err != nil {
					b.Fatal(err)
				}
				n = len(f.Statements)
			}
			b.ReportMetric(float64(n), "statements")
		})
	}
}

func TestSplitChunkedEqualsWhole(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 0; b.Len() < 6*parallelChunk; i++ {
		fmt.Fprintf(&b, "CREATE TABLE t%d (id int PRIMARY KEY,\n  CONSTRAINT c%d CHECK (id > 0));\n", i, i)
		fmt.Fprintf(&b, "CREATE FUNCTION f%d() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM 1;\n"+
			"CREATE TABLE inside_body (a int);\n  RETURN 1;\nEND $$;\n", i)
		fmt.Fprintf(&b, "COMMENT ON TABLE t%d IS 'a;\nCREATE TABLE inside_string (a int);\n';\n", i)
		fmt.Fprintf(&b, "/* c;\nCREATE TABLE inside_comment (a int);\n*/\nCREATE FUNCTION g%d() RETURNS int LANGUAGE sql\n"+
			"BEGIN ATOMIC\n  SELECT 1;\nSELECT 2;\nEND;\n", i)
	}
	texts := map[string]string{"generated": b.String()}
	if data, err := os.ReadFile("../../../shared/bench/musicbrainz/schema.sql"); err == nil {
		texts["musicbrainz"] = string(data)
	}
	for name, text := range texts {
		whole, err := split(name, text, false)
		if err != nil {
			t.Fatal(err)
		}
		chunked, err := split(name, text, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(whole.Statements) != len(chunked.Statements) {
			t.Fatalf("%s: %d statements chunked, %d whole", name, len(chunked.Statements), len(whole.Statements))
		}
		for i := range whole.Statements {
			w, c := &whole.Statements[i], &chunked.Statements[i]
			if w.Text != c.Text || w.Offset != c.Offset || w.Line != c.Line || w.NodeBase != 0 ||
				!reflect.DeepEqual(brief(w.Objects), brief(c.Objects)) {
				t.Fatalf("%s: statement %d differs:\nchunked %d:%d %q %v\nwhole   %d:%d %q %v", name, i,
					c.Line, c.Column, c.Text, brief(c.Objects), w.Line, w.Column, w.Text, brief(w.Objects))
			}
			if cs := c.Node.GetCreateStmt(); cs != nil {
				loc := c.NodeBase + int(cs.Relation.Location)
				if want := w.NodeBase + int(w.Node.GetCreateStmt().Relation.Location); loc != want {
					t.Fatalf("%s: statement %d: table name at file offset %d chunked, %d whole", name, i, loc, want)
				}
			}
		}
	}
}

func TestPgDumpRestrictKeyStartingWithDigits(t *testing.T) {
	text := "\\restrict 0oKalcBlOeRnLEa9igxm9q11Hr8i3dv\n\nCREATE TABLE t (id int);\n\n\\unrestrict 0oKalcBlOeRnLEa9igxm9q11Hr8i3dv\n"
	f, err := Split("dump.sql", text)
	if err != nil {
		t.Fatal(err)
	}
	var metas, stmts []string
	for _, st := range f.Statements {
		if st.Meta != "" {
			metas = append(metas, st.Meta)
		} else {
			stmts = append(stmts, st.Text)
		}
	}
	if strings.Join(metas, ",") != "restrict,unrestrict" || len(stmts) != 1 || stmts[0] != "CREATE TABLE t (id int)" {
		t.Fatalf("metas %v, statements %q", metas, stmts)
	}
}
