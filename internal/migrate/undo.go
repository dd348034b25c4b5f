package migrate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// UndoResult is the result of Undo, in Flyway's JSON shape.
type UndoResult struct {
	InitialSchemaVersion string          `json:"initialSchemaVersion"`
	TargetSchemaVersion  string          `json:"targetSchemaVersion"`
	SchemaName           string          `json:"schemaName"`
	Migrations           []MigrateOutput `json:"migrations"`
	MigrationsUndone     int             `json:"migrationsUndone"`
	Warnings             []string        `json:"warnings"`
	Operation            string          `json:"operation"`
}

// Undo undoes applied versioned migrations with their U<version>__*.sql
// scripts, newest version first, recording UNDO_SQL rows: with Target
// "latest" (the default) only the highest applied version; with a version
// as Target every applied version at or above it (lower versions are left
// alone). A version to undo without an undo script is an error, before
// anything is undone.
func Undo(ctx context.Context, conn *pgx.Conn, opts Options) (*UndoResult, error) {
	s, unlock, err := openLocked(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	defer unlock()
	r, _, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	todo, err := s.undoPlan(r)
	if err != nil {
		return nil, err
	}
	res := &UndoResult{InitialSchemaVersion: r.schemaVersion(), SchemaName: s.hist.schema, Warnings: s.warnings(),
		Operation: "undo", Migrations: []MigrateOutput{}}
	restore, err := s.useDefaultSchema(ctx)
	if err != nil {
		return nil, err
	}
	defer restore()
	for _, u := range todo {
		out, err := s.apply(ctx, u, r.checks[u])
		if err != nil {
			return res, err
		}
		res.Migrations = append(res.Migrations, out)
		res.MigrationsUndone++
	}
	after, _, err := s.state(ctx)
	if err != nil {
		return res, err
	}
	res.TargetSchemaVersion = after.schemaVersion()
	return res, nil
}

// undoPlan lists the undo scripts to run, newest version first.
func (s *session) undoPlan(r *resolver) ([]*Migration, error) {
	var applied []*entry
	for _, e := range r.resolve() {
		if e.row != nil && e.row.Type == TypeSQL && e.row.Version != "" && e.row.Success &&
			(e.info.State == StateSuccess || e.info.State == StateOutOfOrder) {
			applied = append(applied, e)
		}
	}
	slices.SortFunc(applied, func(a, b *entry) int { return -a.m.Version.Compare(b.m.Version) })
	if len(applied) == 0 {
		return nil, nil
	}
	if t := strings.ToLower(s.opts.Target); t == "latest" || t == "current" || t == "" {
		applied = applied[:1]
	} else {
		target, _ := ParseVersion(s.opts.Target)
		applied = slices.DeleteFunc(applied, func(e *entry) bool { return e.m.Version.Compare(target) < 0 })
	}
	todo := make([]*Migration, len(applied))
	for i, e := range applied {
		if todo[i] = r.undos[versionKey(e.m.Version)]; todo[i] == nil {
			return nil, fmt.Errorf("undoing version %s: no undo script U%s__*.sql beside %s; write one, or undo by hand and run repair",
				e.m.Version, e.m.Version, e.m.Path)
		}
	}
	return todo, nil
}
