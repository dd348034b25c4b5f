package cli

import (
	"os"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// TestMain starts pgtest's throwaway PostgreSQL lazily, for the tests of
// the commands that touch a database, and removes it at exit.
func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
