// Package pgtest gives tests a real PostgreSQL server: the one named by
// PGFLEET_TEST_DATABASE_URL, or a throwaway cluster (package localpg)
// started once per test binary and removed when the binary exits, also when
// it panics or is killed. Each test gets its own fresh database, so tests
// run in parallel.
package pgtest

import (
	"context"
	"fmt"

	"github.com/pgfleet/pgfleet/internal/localpg"
)

// EnvURL names the variable that points tests at an existing server instead
// of a throwaway cluster. Its user must be able to create databases and roles.
const EnvURL = "PGFLEET_TEST_DATABASE_URL"

// Cluster is a throwaway PostgreSQL cluster owned by this process.
type Cluster = localpg.Cluster

// StartCluster creates and starts a new cluster (see localpg.Start).
func StartCluster(ctx context.Context) (*Cluster, error) {
	c, err := localpg.Start(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w (or set %s to a server's URL)", err, EnvURL)
	}
	return c, nil
}
