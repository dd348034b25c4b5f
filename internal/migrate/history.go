package migrate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Markers and type values of flyway_schema_history rows.
const (
	baselineMarker = "<< Flyway Baseline >>"
	schemaMarker   = "<< Flyway Schema Creation >>"

	TypeSQL         = "SQL"
	TypeBaseline    = "BASELINE"
	TypeSchema      = "SCHEMA"
	TypeUndoSQL     = "UNDO_SQL"
	TypeDelete      = "DELETE"
	TypeSQLBaseline = "SQL_BASELINE"
)

// HistoryRow is one row of the schema history table.
type HistoryRow struct {
	InstalledRank int
	Version       string // empty for NULL
	Description   string
	Type          string
	Script        string
	Checksum      *int32
	InstalledBy   string
	InstalledOn   time.Time
	ExecutionTime int
	Success       bool
}

// history is the schema history table of one database.
type history struct {
	schema, table string
}

// qualified returns the quoted schema-qualified name.
func (h history) qualified() string {
	return pgx.Identifier{h.schema, h.table}.Sanitize()
}

// createSQL is Flyway's PostgreSQL createMetaDataTable script
// (PostgreSQLDatabase.getRawCreateScript).
func (h history) createSQL() string {
	q := h.qualified()
	return fmt.Sprintf(`CREATE TABLE %s (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY ("installed_rank");
CREATE INDEX %s ON %s ("success");`,
		q, q, pgx.Identifier{h.table + "_pk"}.Sanitize(), pgx.Identifier{h.table + "_s_idx"}.Sanitize(), q)
}

// querier is what history needs: a connection or a transaction.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func (h history) exists(ctx context.Context, q querier) (bool, error) {
	var ok bool
	err := q.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", h.qualified()).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("looking up history table %s: %w", h.qualified(), err)
	}
	return ok, nil
}

func (h history) create(ctx context.Context, q querier) error {
	if _, err := q.Exec(ctx, h.createSQL()); err != nil {
		return fmt.Errorf("creating history table %s: %w", h.qualified(), err)
	}
	return nil
}

// rows reads the history in installed_rank order.
func (h history) rows(ctx context.Context, q querier) ([]HistoryRow, error) {
	rows, err := q.Query(ctx, `SELECT installed_rank, coalesce(version, ''), description, type, script, checksum,
		installed_by, installed_on, execution_time, success FROM `+h.qualified()+` ORDER BY installed_rank`)
	if err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", h.qualified(), err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (HistoryRow, error) {
		var x HistoryRow
		err := r.Scan(&x.InstalledRank, &x.Version, &x.Description, &x.Type, &x.Script, &x.Checksum,
			&x.InstalledBy, &x.InstalledOn, &x.ExecutionTime, &x.Success)
		return x, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", h.qualified(), err)
	}
	return out, nil
}

// insert appends a row with the next installed_rank, as Flyway does.
func (h history) insert(ctx context.Context, q querier, r HistoryRow) error {
	var version any
	if r.Version != "" {
		version = r.Version
	}
	_, err := q.Exec(ctx, `INSERT INTO `+h.qualified()+` (installed_rank, version, description, type, script,
		checksum, installed_by, execution_time, success)
		SELECT coalesce(max(installed_rank), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8 FROM `+h.qualified(),
		version, truncate(r.Description, 200), r.Type, truncate(r.Script, 1000), r.Checksum, truncate(r.InstalledBy, 100),
		r.ExecutionTime, r.Success)
	if err != nil {
		return fmt.Errorf("recording %s %s in %s: %w", strings.ToLower(r.Type), r.Script, h.qualified(), err)
	}
	return nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
