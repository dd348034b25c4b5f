package codereview

import (
	"regexp"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// script is the state of one file's parser review: what the file itself
// creates (a table created in the same script is empty, so its hazards are
// moot) and what it validates.
type script struct {
	src       *source
	created   map[string]bool     // tables created in this script, by name
	indexes   map[string]bool     // indexes created in this script, by name
	validated map[string]bool     // tables with a validated CHECK in this script
	pkLater   map[string]bool     // tables given a primary key by an ALTER TABLE
	inTxn     bool                // inside an explicit BEGIN ... COMMIT
	regex     map[string]RuleInfo // active regex rules, for parser fallbacks
	found     []found
}

// found is a violation and the line of the statement it belongs to (where
// a pgfleet:allow comment applies).
type found struct {
	v        Violation
	stmtLine int
}

// stmt is one statement under review. node is the statement parsed on
// its own, so that its locations are relative to st.Offset whatever way
// sqlsplit parsed the file (it may parse large files in chunks).
type stmt struct {
	*script
	st   *sqlsplit.Statement
	node *pg_query.Node
}

// parseAlone parses a statement's text on its own; nil when it does not
// parse alone (the parser rules then skip it).
func parseAlone(st *sqlsplit.Statement) *pg_query.Node {
	tree, err := pg_query.Parse(st.Text)
	if err != nil || len(tree.Stmts) != 1 {
		return nil
	}
	return tree.Stmts[0].Stmt
}

// relKey names a relation for the script's bookkeeping: its name as
// PostgreSQL folded it; the schema is left out (search_path decides).
func relKey(rv *pg_query.RangeVar) string {
	if rv == nil {
		return ""
	}
	return rv.Relname
}

// report records a violation of code at text[start:end].
func (s *stmt) report(code string, start, end int, msg string) {
	info := parserRuleInfo(code)
	if ri, ok := s.regex[code]; ok {
		info, info.Engine = ri, EngineParser
	}
	if end <= start {
		end = s.src.tokenEnd(start)
	}
	s.found = append(s.found, found{v: s.src.violation(info, start, end, msg), stmtLine: s.st.Line})
}

// reportAt records a violation at a parse-tree location (a byte offset in
// the statement's text), spanning its token; a negative location falls back to the
// statement's first token.
func (s *stmt) reportAt(code string, loc int32, msg string) {
	start := s.st.Offset + int(loc)
	if loc < 0 {
		start = s.st.Offset
	}
	s.report(code, start, s.src.tokenEnd(start), msg)
}

// reportName records a violation at the (possibly qualified) name whose
// parse-tree location is loc.
func (s *stmt) reportName(code string, loc int32, msg string) {
	if loc < 0 {
		s.reportAt(code, loc, msg)
		return
	}
	start := s.st.Offset + int(loc)
	s.report(code, start, s.src.nameEnd(start), msg)
}

// reportRE records a violation at the n-th match of re in the statement's
// code, or at its first token when there is none.
func (s *stmt) reportRE(code string, re *regexp.Regexp, n int, msg string) {
	end := s.st.Offset + len(s.st.Text)
	if a, b, ok := s.src.find(re, s.st.Offset, end, n); ok {
		s.report(code, a, b, msg)
		return
	}
	s.reportAt(code, -1, msg)
}

// funcCalls returns every function call in a parse tree, depth first.
func funcCalls(n *pg_query.Node) []*pg_query.FuncCall {
	if n == nil {
		return nil
	}
	var out []*pg_query.FuncCall
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if fc, ok := m.Interface().(*pg_query.FuncCall); ok {
			out = append(out, fc)
		}
		m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			switch {
			case fd.IsList() && fd.Message() != nil:
				for i := 0; i < v.List().Len(); i++ {
					walk(v.List().Get(i).Message())
				}
			case fd.Message() != nil && !fd.IsMap():
				walk(v.Message())
			}
			return true
		})
	}
	walk(n.ProtoReflect())
	return out
}

// funcName returns a function call's unqualified name, lower-cased.
func funcName(fc *pg_query.FuncCall) string {
	if len(fc.Funcname) == 0 {
		return ""
	}
	return strings.ToLower(fc.Funcname[len(fc.Funcname)-1].GetString_().GetSval())
}

// typeName returns a type name's last identifier, lower-cased.
func typeName(tn *pg_query.TypeName) string {
	if tn == nil || len(tn.Names) == 0 {
		return ""
	}
	return strings.ToLower(tn.Names[len(tn.Names)-1].GetString_().GetSval())
}

// defElemSet reports whether an option list holds name, and where.
func defElemSet(opts []*pg_query.Node, name string) (*pg_query.DefElem, bool) {
	for _, o := range opts {
		if d := o.GetDefElem(); d != nil && strings.EqualFold(d.Defname, name) {
			if b := d.Arg.GetBoolean(); b != nil && !b.Boolval {
				return d, false
			}
			if s := d.Arg.GetString_(); s != nil && (s.Sval == "false" || s.Sval == "off") {
				return d, false
			}
			return d, true
		}
	}
	return nil, false
}
