package migrate

import (
	"context"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestNonTransactionalStatements(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		mixed bool
		err   string
	}{
		{name: "only concurrent index runs outside a transaction",
			files: map[string]string{"V2__idx.sql": "-- concurrently\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n/* c */ VACUUM t;"}},
		{name: "mixed is an error naming file and line",
			files: map[string]string{"V2__idx.sql": "ALTER TABLE t ADD COLUMN x int;\n\ncreate unique index concurrently t_x ON t (x);"},
			err:   "V2__idx.sql:3: CREATE UNIQUE INDEX cannot run in a transaction"},
		{name: "mixed allowed", mixed: true,
			files: map[string]string{"V2__idx.sql": "ALTER TABLE t ADD COLUMN x int;\nCREATE INDEX CONCURRENTLY t_x ON t (x);"}},
		{name: "explicit executeInTransaction=true wins and PostgreSQL refuses",
			files: map[string]string{"V2__idx.sql": "CREATE INDEX CONCURRENTLY t_id ON t (id);", "V2__idx.sql.conf": "executeInTransaction=true"},
			err:   "V2__idx.sql:1: ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.files["V1__t.sql"] = "CREATE TABLE t (id int);"
			conn := connect(t, pgtest.NewDB(t))
			opts := options(writeFiles(t, tt.files))
			opts.Mixed = tt.mixed
			res, err := Migrate(context.Background(), conn, opts)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || res.MigrationsExecuted != 2 {
				t.Fatalf("migrate: %+v, %v", res, err)
			}
		})
	}
}
