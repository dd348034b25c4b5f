package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// missingRole matches PostgreSQL's error for a role that does not exist.
var missingRole = regexp.MustCompile(`role "([^"]+)" does not exist`)

// LoadScript runs sql with psql, as its authors would, into a new database
// and returns its URL. Scripts often assume roles (GRANT ... TO, OWNER TO)
// that do not exist here: each missing role is created and the script run
// again in another new database. Notices are not printed.
func LoadScript(tb testing.TB, sql string) (string, error) {
	tb.Helper()
	for range 10 {
		url := NewDB(tb)
		cmd := exec.Command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", "-")
		cmd.Stdin = strings.NewReader(sql)
		cmd.Env = append(os.Environ(), "PGOPTIONS=-c client_min_messages=error")
		out, err := cmd.CombinedOutput()
		if err == nil {
			return url, nil
		}
		m := missingRole.FindSubmatch(out)
		if m == nil {
			return "", fmt.Errorf("loading the script with psql: %v: %s", err, strings.TrimSpace(string(out)))
		}
		EnsureRoles(tb, string(m[1]))
	}
	return "", errors.New("loading the script with psql: more than 10 missing roles")
}
