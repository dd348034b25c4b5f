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
}

// newScript classifies every statement of the files; rejected statements
// are reported all at once.
func newScript(files []*sqlsplit.File) (*script, error) {
	sc := &script{states: [][]stmtRef{nil}}
	var problems []Problem
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
				problems = append(problems, Problem{File: f.Name, Line: ref.st.Line, Column: ref.st.Column, Message: msg})
			}
		}
	}
	if len(problems) > 0 {
		return nil, &LoadError{Stage: "checking", Problems: problems}
	}
	return sc, nil
}
