package pgtest

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

func TestNewDBGivesIsolatedDatabases(t *testing.T) {
	t.Parallel()
	a, b := NewDB(t), NewDB(t)
	if a == b {
		t.Fatalf("two tests got the same database %s", a)
	}
	Exec(t, a, "CREATE TABLE only_in_a (id int); INSERT INTO only_in_a VALUES (1)")
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_class WHERE relname = 'only_in_a'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("table created in one test database is visible in another")
	}
}

func TestEnsureRolesIsIdempotent(t *testing.T) {
	t.Parallel()
	EnsureRoles(t, "pgtest_role_x", "pgtest role ''y")
	EnsureRoles(t, "pgtest_role_x")
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, AdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, "SELECT count(*) FROM pg_roles WHERE rolname IN ('pgtest_role_x', 'pgtest role ''''y')").Scan(&n)
	if err != nil || n != 2 {
		t.Fatalf("roles found = %d, err = %v; want 2", n, err)
	}
}

func TestClusterStopLeavesNothingBehind(t *testing.T) {
	if os.Getenv(EnvURL) != "" {
		t.Skip("an external server is configured; cluster lifecycle is not exercised")
	}
	c, err := StartCluster(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !processAlive(c.Pid) {
		t.Fatalf("postmaster %d not running after start", c.Pid)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	assertGone(t, c.Dir, c.Pid, 10*time.Second)
}

// TestClusterRemovedWhenTestBinaryPanics re-runs this test binary in a child
// that starts a cluster and panics, then checks that the watchdog stopped
// the server and removed its directory.
func TestClusterRemovedWhenTestBinaryPanics(t *testing.T) {
	if os.Getenv("PGTEST_CHILD") == "panic" {
		c, err := StartCluster(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		os.Stdout.WriteString("CLUSTER " + c.Dir + " " + strconv.Itoa(c.Pid) + "\n")
		panic("deliberate panic with a running cluster")
	}
	if os.Getenv(EnvURL) != "" {
		t.Skip("an external server is configured; cluster lifecycle is not exercised")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestClusterRemovedWhenTestBinaryPanics$")
	cmd.Env = append(os.Environ(), "PGTEST_CHILD=panic")
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dir, pid := readClusterLine(t, out)
	err := cmd.Wait()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		t.Fatalf("child should have failed by panicking, got %v", err)
	}
	assertGone(t, dir, pid, 30*time.Second)
}

func readClusterLine(t *testing.T, r interface{ Read([]byte) (int, error) }) (string, int) {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[0] == "CLUSTER" {
			pid, _ := strconv.Atoi(f[2])
			go func() {
				for sc.Scan() {
				}
			}()
			return f[1], pid
		}
	}
	t.Fatal("child never reported its cluster")
	return "", 0
}

func assertGone(t *testing.T, dir string, pid int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		_, statErr := os.Stat(dir)
		if !processAlive(pid) && os.IsNotExist(statErr) {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("after %s: postmaster %d alive=%v, directory %s still present", within, pid, processAlive(pid), dir)
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func TestLoadScriptCreatesMissingRoles(t *testing.T) {
	url, err := LoadScript(t, "CREATE TABLE t (a int); GRANT SELECT ON t TO pgtest_reader_a, pgtest_reader_b;")
	if err != nil {
		t.Fatal(err)
	}
	Exec(t, url, "SELECT a FROM t")
	if _, err := LoadScript(t, "CREATE TABLE t (a nosuchtype);"); err == nil || !strings.Contains(err.Error(), "nosuchtype") {
		t.Errorf("a failing script should report psql's error, got %v", err)
	}
}
