// Package plan turns the difference between two catalogs into an ordered,
// safe deployment: steps of SQL, each with the change it comes from,
// whether it may run inside a transaction, and the hazards it carries.
// Order comes from a dependency graph over the catalogs' pg_depend edges
// plus structural ones; every identifier is quoted by one builder
// (sql.go). The package is pure Go and never talks to a database.
package plan

import (
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// Options tune how a plan is built.
type Options struct {
	// Online builds and drops indexes CONCURRENTLY, adds foreign key and
	// check constraints NOT VALID then validates them, and sets NOT NULL
	// through a validated CHECK constraint, for tables that already exist.
	// Those steps run outside the transaction, after it, and each can be
	// re-run safely. Off, the whole plan runs in one transaction.
	Online bool
	// Role is the role that runs the plan. New objects it will own anyway
	// get no ALTER ... OWNER TO; empty means unknown, and every new object
	// with an owner gets one.
	Role string
}

// Step is one SQL statement of a plan.
type Step struct {
	// SQL is one statement without a trailing semicolon.
	SQL string
	// Key is the object the step acts on.
	Key catalog.Key
	// Change is the diff change the step comes from; nil for steps that
	// recreate an unchanged dependent of a recreated object.
	Change diff.Change
	// Description says what the step does, e.g. "add column app.t.c".
	Description string
	// Transactional is false for steps that must run outside a
	// transaction block (CREATE INDEX CONCURRENTLY ...).
	Transactional bool
	// BeforeTransaction marks a non-transactional step that runs before
	// the transactional part rather than after it.
	BeforeTransaction bool
	Hazards           []Hazard
}

// Plan is an ordered list of steps, in the order they run: rarely, a few
// non-transactional steps that must commit before the transaction (enum
// values the transaction uses, see BeforeTransaction), then every
// transactional step, then the non-transactional ones of online mode.
type Plan struct {
	// Setup holds session settings to apply before the first step, in the
	// same transaction (SET LOCAL).
	Setup []string
	Steps []Step
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Steps) == 0 }

// Transactional returns the SQL of the steps that run in one transaction,
// preceded by the setup statements, as one script.
func (p *Plan) Transactional() string {
	var b strings.Builder
	n := 0
	for _, s := range p.Steps {
		if s.Transactional {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	for _, s := range p.Setup {
		b.WriteString(s + ";\n")
	}
	for _, s := range p.Steps {
		if s.Transactional {
			b.WriteString(s.SQL + ";\n")
		}
	}
	return b.String()
}

// BeforeTransaction returns the statements that must each run and commit
// on their own before the transactional part: ALTER TYPE ... ADD VALUE IF
// NOT EXISTS of an enum value the transaction uses (PostgreSQL refuses to
// use a value added in the same transaction). Each is safe to re-run.
func (p *Plan) BeforeTransaction() []string {
	var out []string
	for _, s := range p.Steps {
		if s.BeforeTransaction {
			out = append(out, s.SQL)
		}
	}
	return out
}

// NonTransactional returns, in order, the statements that must each run
// on their own outside a transaction block after the transactional part.
func (p *Plan) NonTransactional() []string {
	var out []string
	for _, s := range p.Steps {
		if !s.Transactional && !s.BeforeTransaction {
			out = append(out, s.SQL)
		}
	}
	return out
}

// setup are the session settings every plan starts with: function bodies
// are not validated at creation (as pg_dump does), so a function may be
// created before the tables its body reads.
var setup = []string{"SET LOCAL check_function_bodies = false"}

// Build plans the changes turning from into to. Changes PostgreSQL cannot
// make in place without losing data or rebuilding a table (a column
// order change, a generated expression change, an enum losing a value
// still used by a column ...) return an error naming the object and why.
func Build(from, to *catalog.Catalog, opts Options) (*Plan, error) {
	if from == nil {
		from = &catalog.Catalog{}
	}
	if to == nil {
		to = &catalog.Catalog{}
	}
	changes := diff.Diff(from, to)
	if len(changes) == 0 {
		return &Plan{}, nil
	}
	b := newBuilder(from, to, opts)
	if err := b.classify(changes); err != nil {
		return nil, err
	}
	if err := b.propagate(); err != nil {
		return nil, err
	}
	b.render()
	steps, err := b.order()
	if err != nil {
		return nil, err
	}
	p := &Plan{Steps: steps}
	if len(steps) > 0 {
		p.Setup = setup
	}
	return p, nil
}
