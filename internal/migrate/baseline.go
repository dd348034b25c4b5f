package migrate

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// BaselineResult is the result of Baseline, in Flyway's JSON shape.
type BaselineResult struct {
	SuccessfullyBaselined bool     `json:"successfullyBaselined"`
	BaselineVersion       string   `json:"baselineVersion"`
	Warnings              []string `json:"warnings"`
	Operation             string   `json:"operation"`
}

// Baseline records BaselineVersion as the starting point of an existing
// database: it creates the history table (and missing schemas) with
// Flyway's baseline row. Migrations at or below that version are then
// Below Baseline. A history that already holds migrations is an error.
func Baseline(ctx context.Context, conn *pgx.Conn, opts Options) (*BaselineResult, error) {
	s, unlock, err := openLocked(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	defer unlock()
	res := &BaselineResult{BaselineVersion: s.opts.BaselineVersion, Warnings: s.warnings(), Operation: "baseline"}
	exists, err := s.hist.exists(ctx, conn)
	if err != nil {
		return nil, err
	}
	if !exists {
		if err := s.createForBaseline(ctx); err != nil {
			return nil, err
		}
	}
	done, err := s.alreadyBaselined(ctx)
	if err != nil {
		return nil, err
	}
	if !done {
		if err := s.hist.insert(ctx, conn, s.baselineRow()); err != nil {
			return nil, err
		}
	}
	res.SuccessfullyBaselined = true
	return res, nil
}

// alreadyBaselined reports whether the history holds the same baseline; a
// different baseline or any migration is an error.
func (s *session) alreadyBaselined(ctx context.Context) (bool, error) {
	rows, err := s.hist.rows(ctx, s.conn)
	if err != nil {
		return false, err
	}
	for _, row := range rows {
		switch {
		case row.Type == TypeBaseline && keyOf(row.Version) == keyOf(s.opts.BaselineVersion):
			return true, nil
		case row.Type == TypeBaseline:
			return false, fmt.Errorf("baselining %s: it is already baselined at version %s", s.hist.qualified(), row.Version)
		case row.Type != TypeSchema:
			return false, fmt.Errorf("baselining %s: it already holds migrations (version %s %q); baseline only a database without history",
				s.hist.qualified(), row.Version, row.Description)
		}
	}
	return false, nil
}

func (s *session) createForBaseline(ctx context.Context) error {
	missing, err := s.missingSchemas(ctx)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return s.createSchemas(ctx, missing)
	}
	return s.hist.create(ctx, s.conn)
}
