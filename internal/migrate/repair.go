package migrate

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Repair actions, as Flyway reports them.
const (
	RemovedFailedMigrations         = "REMOVED_FAILED_MIGRATIONS"
	AlignedAppliedMigrationChecksum = "ALIGNED_APPLIED_MIGRATION_CHECKSUMS"
	MarkedMigrationsAsDeleted       = "MARKED_APPLIED_MIGRATIONS_AS_DELETED"
)

// RepairResult is the result of Repair, in Flyway's JSON shape.
type RepairResult struct {
	RepairActions     []string        `json:"repairActions"`
	MigrationsRemoved []MigrationInfo `json:"migrationsRemoved"`
	MigrationsDeleted []MigrationInfo `json:"migrationsDeleted"`
	MigrationsAligned []MigrationInfo `json:"migrationsAligned"`
	Warnings          []string        `json:"warnings"`
	Operation         string          `json:"operation"`
}

// Repair fixes the history table in one transaction: it removes failed
// rows, realigns the checksums, descriptions and types of applied versioned
// migrations with the local files, and marks applied migrations that are
// no longer found locally as deleted (a DELETE row).
func Repair(ctx context.Context, conn *pgx.Conn, opts Options) (*RepairResult, error) {
	s, unlock, err := openLocked(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	defer unlock()
	res := &RepairResult{RepairActions: []string{}, MigrationsRemoved: []MigrationInfo{}, MigrationsDeleted: []MigrationInfo{},
		MigrationsAligned: []MigrationInfo{}, Warnings: s.warnings(), Operation: "repair"}
	r, exists, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	if !exists {
		return res, nil
	}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		for _, e := range r.resolve() {
			if err := s.repairEntry(ctx, tx, e, res); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("repairing %s: %w", s.hist.qualified(), err)
	}
	return res, nil
}

func (s *session) repairEntry(ctx context.Context, tx pgx.Tx, e *entry, res *RepairResult) error {
	q := s.hist.qualified()
	switch {
	case e.row == nil:
		return nil
	case !e.row.Success:
		if _, err := tx.Exec(ctx, "DELETE FROM "+q+" WHERE installed_rank = $1", e.row.InstalledRank); err != nil {
			return err
		}
		res.MigrationsRemoved = append(res.MigrationsRemoved, e.info)
		addAction(res, RemovedFailedMigrations)
	case e.info.State == StateMissing:
		row := *e.row
		row.Type, row.InstalledBy, row.ExecutionTime, row.Success = TypeDelete, s.opts.InstalledBy, 0, true
		if err := s.hist.insert(ctx, tx, row); err != nil {
			return err
		}
		res.MigrationsDeleted = append(res.MigrationsDeleted, e.info)
		addAction(res, MarkedMigrationsAsDeleted)
	case e.m != nil && e.m.Kind != KindRepeatable && mismatch(e, e.m) != "":
		typ := TypeSQL
		if e.m.Kind == KindBaseline {
			typ = TypeSQLBaseline
		}
		_, err := tx.Exec(ctx, "UPDATE "+q+" SET checksum = $1, description = $2, type = $3 WHERE installed_rank = $4",
			e.checksum, e.m.Description, typ, e.row.InstalledRank)
		if err != nil {
			return err
		}
		res.MigrationsAligned = append(res.MigrationsAligned, e.info)
		addAction(res, AlignedAppliedMigrationChecksum)
	}
	return nil
}

func addAction(res *RepairResult, action string) {
	for _, a := range res.RepairActions {
		if a == action {
			return
		}
	}
	res.RepairActions = append(res.RepairActions, action)
}
