package migrate

import (
	"fmt"
	"strings"
	"time"

	"github.com/pgfleet/pgfleet/internal/placeholder"
)

// entry is one line of info: a resolved migration, an applied row, or both.
type entry struct {
	info     MigrationInfo
	m        *Migration
	row      *HistoryRow
	checksum *int32
	pending  bool   // Migrate applies it
	problem  string // why Validate fails on it, empty if it does not
	status   string // pattern status: missing, pending, ignored, future, failed, outdated
}

// resolver combines what Discover found with the history rows.
type resolver struct {
	opts     Options
	disc     *Discovery
	rows     []HistoryRow
	repl     *placeholder.Replacer
	checks   map[*Migration]*int32
	rules    map[*Migration]bool
	undos    map[string]*Migration // by version key
	baseline *Version              // from a BASELINE row
	maxV     *Version              // highest applied version, undone ones excepted

	applied     map[string]*rowState // by version key
	repeatables map[string]*rowState // by description
	undone      map[int]bool         // installed_rank of undone rows
}

// versionKey normalizes a version for lookups: 1.0 and 1 are one key.
func versionKey(v Version) string { return strings.Join(v.parts, ".") }

func newResolver(opts Options, disc *Discovery, rows []HistoryRow, repl *placeholder.Replacer) (*resolver, error) {
	r := &resolver{opts: opts, disc: disc, rows: rows, repl: repl,
		checks: map[*Migration]*int32{}, rules: map[*Migration]bool{}, undos: map[string]*Migration{}, undone: map[int]bool{}}
	for _, m := range append(append([]*Migration{}, disc.Migrations...), disc.Undos...) {
		if err := r.evaluate(m); err != nil {
			return nil, err
		}
	}
	for _, u := range disc.Undos {
		r.undos[versionKey(u.Version)] = u
	}
	r.applied, r.repeatables = r.indexRows()
	return r, nil
}

// evaluate computes a migration's checksum and Deploy Rule.
func (r *resolver) evaluate(m *Migration) error {
	text := m.Text
	if m.Kind == KindRepeatable && m.replacesPlaceholders(r.opts) {
		var err error
		if text, err = r.repl.Replace(m.Text, m.Path); err != nil {
			return fmt.Errorf("computing checksum of repeatable migration: %w", err)
		}
	}
	sum := Checksum([]byte(text))
	r.checks[m] = &sum
	if m.Rule != nil {
		ok, err := m.Rule.Eval(func(text string) (string, error) {
			return r.repl.ReplaceAt(text, m.Config.File, m.Config.ShouldExecuteLine)
		})
		if err != nil {
			return err
		}
		r.rules[m] = ok
	}
	return nil
}

// skippedByRule reports whether m has a Deploy Rule that is false here.
func (r *resolver) skippedByRule(m *Migration) bool {
	ok, has := r.rules[m]
	return has && !ok
}

// resolve returns every line of info in Flyway's order: applied rows by
// installed_rank, then pending versioned migrations by version, then
// pending repeatables by description.
func (r *resolver) resolve() []*entry {
	applied, repeatables := r.applied, r.repeatables
	var out []*entry
	for i := range r.rows {
		if r.rows[i].Type != TypeDelete { // a DELETE row only marks another row Deleted
			out = append(out, r.appliedEntry(&r.rows[i], applied, repeatables))
		}
	}
	out = append(out, r.unappliedVersioned(applied)...)
	return append(out, r.unappliedRepeatables(repeatables)...)
}

// rowState is the effective state of a versioned or repeatable row.
type rowState struct {
	latest  *HistoryRow
	undone  bool
	deleted bool
}

// indexRows finds the latest row of every version and repeatable, and the
// baseline and highest applied versions.
func (r *resolver) indexRows() (map[string]*rowState, map[string]*rowState) {
	applied, repeatables := map[string]*rowState{}, map[string]*rowState{}
	for i := range r.rows {
		row := &r.rows[i]
		v, err := ParseVersion(row.Version)
		key := ""
		if err == nil {
			key = versionKey(v)
		}
		switch {
		case row.Type == TypeBaseline && err == nil:
			r.baseline = &v
		case row.Type == TypeSQLBaseline && err == nil:
			applied[key] = &rowState{latest: row}
			if row.Success {
				r.baseline = &v
			}
		case row.Type == TypeUndoSQL && applied[key] != nil:
			applied[key].undone = true
			r.undone[applied[key].latest.InstalledRank] = true
		case row.Type == TypeDelete && row.Version != "" && applied[key] != nil:
			applied[key].deleted = true
		case row.Type == TypeDelete && repeatables[row.Description] != nil:
			repeatables[row.Description].deleted = true
		case row.Type == TypeSchema || row.Type == TypeDelete || row.Type == TypeUndoSQL:
		case row.Version == "":
			repeatables[row.Description] = &rowState{latest: row}
		case err == nil:
			applied[key] = &rowState{latest: row}
		}
	}
	r.maxV = r.baseline
	for _, st := range applied {
		if v, err := ParseVersion(st.latest.Version); err == nil && st.latest.Success && !st.undone && !st.deleted {
			r.raiseMax(v)
		}
	}
	return applied, repeatables
}

func (r *resolver) raiseMax(v Version) {
	if r.maxV == nil || v.Compare(*r.maxV) > 0 {
		r.maxV = &v
	}
}

// resolved finds the local migration a versioned row records: the
// baseline migration for an SQL_BASELINE row, else the versioned one.
func (r *resolver) resolved(row *HistoryRow) *Migration {
	v, err := ParseVersion(row.Version)
	if err != nil {
		return nil
	}
	want := KindVersioned
	if row.Type == TypeSQLBaseline {
		want = KindBaseline
	}
	for _, m := range r.disc.Migrations {
		if m.Kind == want && m.Version.Compare(v) == 0 {
			return m
		}
	}
	return nil
}

func (r *resolver) resolvedRepeatable(desc string) *Migration {
	for _, m := range r.disc.Migrations {
		if m.Kind == KindRepeatable && m.Description == desc {
			return m
		}
	}
	return nil
}

// highestResolved is the highest local version, for telling Future from
// Missing.
func (r *resolver) highestResolved() *Version {
	var v *Version
	for _, m := range r.disc.Migrations {
		if m.Kind != KindRepeatable && (v == nil || m.Version.Compare(*v) > 0) {
			v = &m.Version
		}
	}
	return v
}

// newEntry fills the info a migration file gives.
func (r *resolver) newEntry(m *Migration) *entry {
	e := &entry{m: m, checksum: r.checks[m]}
	e.info = MigrationInfo{Category: m.Kind.String(), Description: m.Description, Type: TypeSQL,
		Filepath: m.Path, Undoable: "No", Checksum: e.checksum}
	if m.Kind == KindBaseline {
		e.info.Type = TypeSQLBaseline
	}
	if m.Kind != KindRepeatable {
		e.info.Version = m.Version.String()
		if u := r.undos[versionKey(m.Version)]; u != nil {
			e.info.Undoable, e.info.UndoFilepath = "Yes", u.Path
		}
	}
	if m.Rule != nil {
		ok := r.rules[m]
		e.info.ShouldExecuteExpression, e.info.ShouldExecute = m.Rule.Source, &ok
	}
	return e
}

// withRow adds what a history row says.
func (e *entry) withRow(row *HistoryRow) *entry {
	e.row = row
	e.info.Version, e.info.Description, e.info.Type = row.Version, row.Description, row.Type
	e.info.InstalledOnUTC = row.InstalledOn.UTC().Format(time.RFC3339)
	e.info.InstalledBy, e.info.ExecutionTime, e.info.InstalledRank = row.InstalledBy, row.ExecutionTime, row.InstalledRank
	e.info.AppliedChecksum = row.Checksum
	if e.info.Category == "" {
		e.info.Category = categoryOf(row)
	}
	if e.info.Filepath == "" {
		e.info.Filepath = row.Script
	}
	return e
}

func categoryOf(row *HistoryRow) string {
	switch {
	case row.Type == TypeUndoSQL:
		return KindUndo.String()
	case row.Type == TypeBaseline || row.Type == TypeSQLBaseline:
		return KindBaseline.String()
	case row.Type == TypeSchema:
		return ""
	case row.Version == "":
		return KindRepeatable.String()
	}
	return KindVersioned.String()
}
