package plan

import (
	"strconv"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// createFunction uses pg_get_functiondef's CREATE OR REPLACE statement.
func createFunction(k catalog.Key, f *catalog.Function) []stmt {
	return []stmt{{sql: strings.TrimRight(f.Definition, "; \n"), desc: "create " + k.String()}}
}

func createAggregate(k catalog.Key, a *catalog.Aggregate) []stmt {
	parts := []string{"SFUNC = " + stripArgs(a.StateFunc), "STYPE = " + a.StateType}
	add := func(name, v string) {
		if v != "" {
			parts = append(parts, name+" = "+v)
		}
	}
	if a.StateSpace != 0 {
		add("SSPACE", strconv.Itoa(a.StateSpace))
	}
	add("FINALFUNC", stripArgs(a.FinalFunc))
	if a.FinalExtra {
		parts = append(parts, "FINALFUNC_EXTRA")
	}
	add("FINALFUNC_MODIFY", finalModify(a.FinalModify))
	add("COMBINEFUNC", stripArgs(a.CombineFunc))
	add("SERIALFUNC", stripArgs(a.SerialFunc))
	add("DESERIALFUNC", stripArgs(a.DeserialFunc))
	if a.InitialCondition != "" {
		add("INITCOND", literal(a.InitialCondition))
	}
	add("MSFUNC", stripArgs(a.MovingStateFunc))
	add("MINVFUNC", stripArgs(a.MovingInvFunc))
	add("MSTYPE", a.MovingStateType)
	add("MFINALFUNC", stripArgs(a.MovingFinalFunc))
	if a.MovingInitial != "" {
		add("MINITCOND", literal(a.MovingInitial))
	}
	add("SORTOP", sortOperator(a.SortOperator))
	if a.Parallel != "" && a.Parallel != "unsafe" {
		add("PARALLEL", strings.ToUpper(a.Parallel))
	}
	if a.AggKind == "hypothetical" {
		parts = append(parts, "HYPOTHETICAL")
	}
	args := a.Arguments
	if args == "" {
		args = "*"
	}
	return []stmt{{sql: "CREATE AGGREGATE " + qname(k.Schema, a.Name) + "(" + args + ") (" + strings.Join(parts, ", ") + ")",
		desc: "create " + k.String()}}
}

func finalModify(m string) string {
	switch m {
	case "", "read_only", "r":
		return ""
	case "shareable", "s":
		return "SHAREABLE"
	}
	return "READ_WRITE"
}

func sortOperator(op string) string {
	if op == "" {
		return ""
	}
	if i := strings.IndexByte(op, '('); i >= 0 {
		op = op[:i]
	}
	return "OPERATOR(" + op + ")"
}

// stripArgs turns a regprocedure text into a name: "app.f(integer)" → "app.f".
func stripArgs(s string) string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		return s[:i]
	}
	return s
}

func createEventTrigger(k catalog.Key, e *catalog.EventTrigger) []stmt {
	s := "CREATE EVENT TRIGGER " + ident(k.Name) + " ON " + e.Event
	if len(e.Tags) > 0 {
		tags := make([]string, len(e.Tags))
		for i, t := range e.Tags {
			tags[i] = literal(t)
		}
		s += " WHEN TAG IN (" + strings.Join(tags, ", ") + ")"
	}
	s += " EXECUTE FUNCTION " + e.Function
	out := []stmt{{sql: s, desc: "create " + k.String()}}
	if e.Enabled != "" && e.Enabled != "origin" {
		out = append(out, eventTriggerEnabled(k, e.Enabled))
	}
	return out
}

func eventTriggerEnabled(k catalog.Key, enabled string) stmt {
	w := map[string]string{"origin": "ENABLE", "disabled": "DISABLE", "replica": "ENABLE REPLICA", "always": "ENABLE ALWAYS"}[enabled]
	return stmt{sql: "ALTER EVENT TRIGGER " + ident(k.Name) + " " + w, desc: strings.ToLower(w) + " " + k.String()}
}

// createView renders CREATE [OR REPLACE] [MATERIALIZED] VIEW with its
// options and the comments of its columns.
func createView(k catalog.Key, v *catalog.View, replace bool) []stmt {
	s := "CREATE "
	if replace {
		s += "OR REPLACE "
	}
	if k.Kind == catalog.KindMaterializedView {
		s += "MATERIALIZED "
	}
	s += "VIEW " + qname(k.Schema, k.Name)
	if len(v.Options) > 0 {
		s += " WITH (" + strings.Join(v.Options, ", ") + ")"
	}
	s += " AS\n" + strings.TrimRight(v.Definition, "; \n")
	return []stmt{{sql: s, desc: "create " + k.String()}}
}

// viewColumnMeta renders comments and grants on view columns that differ.
func viewColumnMeta(k catalog.Key, a, b *catalog.View) []stmt {
	var out []stmt
	for _, c := range b.Columns {
		ck := catalog.Key{Kind: catalog.KindColumn, Schema: k.Schema, Table: k.Name, Name: c.Name}
		var old *catalog.Meta
		if a != nil {
			for _, x := range a.Columns {
				if x.Name == c.Name {
					old = &x.Meta
				}
			}
		}
		if a == nil && c.Default != "" {
			// A new view's column default (for inserts through the view).
			out = append(out, stmt{sql: "ALTER VIEW " + qname(k.Schema, k.Name) + " ALTER COLUMN " + ident(c.Name) +
				" SET DEFAULT " + c.Default, desc: "set default of " + ck.String()})
		}
		out = append(out, metaStmts(ck, old, &c.Meta, "")...)
	}
	return out
}

// viewReplaceable reports whether CREATE OR REPLACE VIEW can turn a into
// b: same leading columns (name and type), new ones only appended.
func viewReplaceable(a, b *catalog.View) bool {
	if len(b.Columns) < len(a.Columns) {
		return false
	}
	for i, c := range a.Columns {
		d := b.Columns[i]
		if c.Name != d.Name || c.Type != d.Type || c.Collation != d.Collation {
			return false
		}
	}
	return true
}

func alterViewOptions(k catalog.Key, a, b *catalog.View) []stmt {
	var out []stmt
	w := "ALTER VIEW "
	if k.Kind == catalog.KindMaterializedView {
		w = "ALTER MATERIALIZED VIEW "
	}
	add, rm := setDiff(a.Options, b.Options)
	if len(rm) > 0 {
		out = append(out, stmt{sql: w + qname(k.Schema, k.Name) + " RESET (" + strings.Join(optionNames(rm), ", ") + ")",
			desc: "reset options of " + k.String()})
	}
	if len(add) > 0 {
		out = append(out, stmt{sql: w + qname(k.Schema, k.Name) + " SET (" + strings.Join(add, ", ") + ")",
			desc: "set options of " + k.String()})
	}
	return out
}
