package deploy

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/pgtest"
	"github.com/pgfleet/pgfleet/internal/script"
)

func TestMain(m *testing.M) {
	if os.Getenv("DEPLOY_CHILD_URL") != "" {
		os.Exit(childDeploy())
	}
	os.Exit(pgtest.Run(m))
}

const baseSchema = `CREATE SCHEMA app; CREATE TABLE app.t (id integer PRIMARY KEY);`

var changeSteps = []script.Step{
	{Title: "add column app.t.name", SQL: "ALTER TABLE app.t ADD COLUMN name text", Transactional: true},
	{Title: "add table app.u", SQL: "CREATE TABLE app.u (id integer)", Transactional: true},
}

const changedSchema = baseSchema + `ALTER TABLE app.t ADD COLUMN name text; CREATE TABLE app.u (id integer);`

func opts() Options {
	return Options{Target: "test", Inspect: inspect.Options{Schemas: []string{"app"}},
		LockKey: "app.flyway_schema_history", LockWait: 2 * time.Second, LockTimeout: 5 * time.Second}
}

func pool(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	p, err := inspect.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func fingerprint(t *testing.T, url string) string {
	t.Helper()
	c, err := inspect.Inspect(context.Background(), pool(t, url), inspect.Options{Schemas: []string{"app"}})
	if err != nil {
		t.Fatal(err)
	}
	return c.Fingerprint()
}

// preparedScript returns a script taking a database in baseSchema's state
// to changedSchema's, with a header carrying both fingerprints.
func preparedScript(t *testing.T, steps []script.Step) *script.Script {
	t.Helper()
	from, to := pgtest.NewDB(t), pgtest.NewDB(t)
	pgtest.Exec(t, from, baseSchema)
	pgtest.Exec(t, to, changedSchema)
	h := script.Header{Target: "test", TargetFingerprint: fingerprint(t, from), ExpectedFingerprint: fingerprint(t, to)}
	s, err := script.Parse("D__deployment.sql", string(script.Render(h, steps)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func target(t *testing.T) string {
	t.Helper()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, baseSchema)
	return url
}

func TestDeployAppliesAndVerifies(t *testing.T) {
	t.Parallel()
	s, url := preparedScript(t, changeSteps), target(t)
	o := historyOpts()
	res, err := Run(context.Background(), pool(t, url), s, o)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified || res.Transactional != 2 {
		t.Fatalf("result %+v: want verified with 2 statements", res)
	}
	var desc, typ, script, by string
	var success bool
	err = pool(t, url).QueryRow(context.Background(), `SELECT description, type, script, installed_by, success
		FROM app.flyway_schema_history WHERE version IS NULL`).Scan(&desc, &typ, &script, &by, &success)
	if err != nil || typ != "SQL" || script != "D__deployment.sql" || by != "tester" || !success {
		t.Fatalf("history row: %q %q %q %q %v, err %v", desc, typ, script, by, success, err)
	}
}

func TestDeployRefusesChangedTarget(t *testing.T) {
	t.Parallel()
	s, url := preparedScript(t, changeSteps), target(t)
	pgtest.Exec(t, url, "ALTER TABLE app.t ADD COLUMN surprise int")
	before := fingerprint(t, url)
	_, err := Run(context.Background(), pool(t, url), s, opts())
	if exitcode.Of(err) != exitcode.TargetChanged || !strings.Contains(err.Error(), "changed since") {
		t.Fatalf("err = %v (exit %d), want exit %d", err, exitcode.Of(err), exitcode.TargetChanged)
	}
	if fingerprint(t, url) != before {
		t.Fatal("a refused deploy changed the target")
	}
	o := opts()
	o.Force = true
	res, err := Run(context.Background(), pool(t, url), s, o)
	if err == nil || res == nil || len(res.Warnings) == 0 {
		t.Fatalf("forced deploy: res %+v err %v; want a warning, then a failed verification", res, err)
	}
}

func TestFailingStatementRollsBackEverything(t *testing.T) {
	t.Parallel()
	steps := append(append([]script.Step{}, changeSteps...),
		script.Step{Title: "broken", SQL: "ALTER TABLE app.nope ADD COLUMN x int", Transactional: true})
	s, url := preparedScript(t, steps), target(t)
	before := fingerprint(t, url)
	_, err := Run(context.Background(), pool(t, url), s, opts())
	var se *StatementError
	if !errors.As(err, &se) || !se.RolledBack || !strings.Contains(se.SQL, "app.nope") {
		t.Fatalf("err = %v, want a rolled-back StatementError on the broken step", err)
	}
	if lines := strings.Split(s.Text, "\n"); !strings.Contains(lines[se.Line-1], "app.nope") {
		t.Errorf("reported line %d is %q", se.Line, lines[se.Line-1])
	}
	if fingerprint(t, url) != before {
		t.Fatal("a failed deploy left part of the script applied")
	}
}

func TestConcurrentDeploysApplyOnce(t *testing.T) {
	t.Parallel()
	s, url := preparedScript(t, changeSteps), target(t)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	results := make([]*Result, 2)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i], errs[i] = Run(context.Background(), pool(t, url), s, opts())
		}(i)
	}
	wg.Wait()
	ok := 0
	for i, err := range errs {
		switch {
		case err == nil && !results[i].AlreadyDeployed:
			ok++
		case err == nil:
			// The loser waited for the lock and found the script deployed.
		case exitcode.Of(err) != exitcode.TargetChanged && !strings.Contains(err.Error(), "advisory lock"):
			t.Errorf("the losing deploy failed unexpectedly: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d deploys applied, want exactly 1: %v", ok, errs)
	}
}

func TestScriptWithoutHeaderWarns(t *testing.T) {
	t.Parallel()
	url := target(t)
	s, err := script.Parse("hand.sql", "ALTER TABLE app.t ADD COLUMN c int;")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), pool(t, url), s, opts())
	if err != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "no pgfleet header") {
		t.Fatalf("res %+v err %v", res, err)
	}
}

// TestKilledDeployLeavesNothing kills a deploy process with SIGKILL while
// its transaction waits on a lock, several times, and checks that nothing
// of the script remains.
func TestKilledDeployLeavesNothing(t *testing.T) {
	t.Parallel()
	url := target(t)
	before := fingerprint(t, url)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		blocker, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		tx, _ := blocker.Begin(ctx)
		if _, err := tx.Exec(ctx, "LOCK TABLE app.t IN ACCESS EXCLUSIVE MODE"); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "DEPLOY_CHILD_URL="+url)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForLockWaiter(t, blocker)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		tx.Rollback(ctx)
		blocker.Close(ctx)
		if fp := fingerprint(t, url); fp != before {
			t.Fatalf("round %d: the killed deploy left changes behind", i)
		}
	}
}

// waitForLockWaiter waits until some session waits on a lock in the database.
func waitForLockWaiter(t *testing.T, conn *pgx.Conn) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var n int
		conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
			WHERE NOT l.granted AND a.datname = current_database()`).Scan(&n)
		if n > 0 {
			return
		}
	}
	t.Fatal("the child deploy never started waiting on the lock")
}

// childDeploy runs in the re-executed test binary: a headerless script whose
// first statement creates a table and whose second waits on app.t's lock.
func childDeploy() int {
	url := os.Getenv("DEPLOY_CHILD_URL")
	ctx := context.Background()
	p, err := inspect.Connect(ctx, url)
	if err != nil {
		return 1
	}
	s, _ := script.Parse("child.sql", "CREATE TABLE app.half_done (id int);\nALTER TABLE app.t ADD COLUMN blocked int;")
	o := opts()
	o.LockTimeout = 0
	_, err = Run(ctx, p, s, o)
	if err != nil {
		return 1
	}
	return 0
}

// TestDeployTwiceAppliesOnce: deploying a script to a target already in
// the state it leads to (a re-run) applies nothing and records nothing.
func TestDeployTwiceAppliesOnce(t *testing.T) {
	t.Parallel()
	s, url := preparedScript(t, changeSteps), target(t)
	o := historyOpts()
	if _, err := Run(context.Background(), pool(t, url), s, o); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), pool(t, url), s, o)
	if err != nil || !res.AlreadyDeployed || res.Transactional != 0 {
		t.Fatalf("second deploy: %+v, %v; want already deployed, nothing applied", res, err)
	}
	var rows int
	if err := pool(t, url).QueryRow(context.Background(), "SELECT count(*) FROM app.flyway_schema_history").Scan(&rows); err != nil || rows != 1 {
		t.Errorf("history rows %d (%v), want 1", rows, err)
	}
}

// historyOpts are opts recording the deployment in app.flyway_schema_history,
// which inspection leaves out.
func historyOpts() Options {
	o := opts()
	o.Inspect.ExcludeTables = []string{"app.flyway_schema_history"}
	o.History = &History{Schema: "app", Table: "flyway_schema_history", InstalledBy: "tester"}
	return o
}
