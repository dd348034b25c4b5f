package model

import (
	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// stmtRef is one statement of one model file.
type stmtRef struct {
	file *sqlsplit.File
	st   *sqlsplit.Statement
}

// unit is a statement to apply, with the session settings in effect at its
// place in its file.
type unit struct {
	stmtRef
	state int // index into script.states
}

// script is the model ready to apply: DDL statements in file order and the
// distinct session states (sequences of SET statements) they run under.
type script struct {
	units []unit
	// states[i] lists the SET / set_config statements in effect, in order;
	// states[0] is the empty state every file starts in.
	states [][]stmtRef
	// rejected are statements that do not belong in a model; they are not
	// applied, and reported together with the statements that fail.
	rejected []Problem
}

// newScript classifies every statement of the files.
func newScript(files []*sqlsplit.File) *script {
	sc := &script{states: [][]stmtRef{nil}}
	for _, f := range files {
		cur := 0
		for i := range f.Statements {
			ref := stmtRef{file: f, st: &f.Statements[i]}
			r, msg := classify(ref.st)
			switch r {
			case roleApply:
				sc.units = append(sc.units, unit{stmtRef: ref, state: cur})
			case roleSession:
				next := append(append([]stmtRef(nil), sc.states[cur]...), ref)
				sc.states = append(sc.states, next)
				cur = len(sc.states) - 1
			case roleReject:
				sc.rejected = append(sc.rejected, Problem{File: f.Name, Line: ref.st.Line, Column: ref.st.Column, Message: msg})
			}
		}
	}
	return sc
}

// createsPublic reports whether the model has CREATE SCHEMA public (without
// IF NOT EXISTS), which fails on a database that has the default one.
func (sc *script) createsPublic() bool {
	for _, u := range sc.units {
		cs := u.st.Node.GetCreateSchemaStmt()
		if cs != nil && cs.Schemaname == "public" && !cs.IfNotExists {
			return true
		}
	}
	return false
}
