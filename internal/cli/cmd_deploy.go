package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/check"
	"github.com/pgfleet/pgfleet/internal/deploy"
	"github.com/pgfleet/pgfleet/internal/migrate"
	"github.com/pgfleet/pgfleet/internal/script"
	"github.com/pgfleet/pgfleet/internal/snapshotstore"
)

// seconds converts a configured number of seconds.
func seconds(n int) time.Duration { return time.Duration(n) * time.Second }

func init() {
	register(&Command{
		Name:    "deploy",
		Summary: "Apply a prepared deployment script to its target, all or nothing",
		Description: `
Applies -scriptFilename (default: prepare.scriptFilename) to the selected
environment: takes the target's advisory lock (shared with migrate; a second
deploy waits, then gives up with a clear message), refuses with exit code 5
when the target changed since the script was prepared (-force overrides),
runs the transactional part in ONE transaction with a lock_timeout
(-lockTimeout, seconds, default 10; -statementTimeout) so that a blocked
deploy fails instead of stalling the application behind its lock queue (any
error rolls it all back and names the failing line), runs the non-transactional
steps one by one, reads the target back to verify it is what the script was
generated for, records the deployment in flyway_schema_history and, with
-saveSnapshot=true (pgfleet's default), stores a snapshot in the snapshot
history table for check -drift. A missing script file is a warning and
success, as in Flyway.`,
		Namespaces: []string{"deploy", "prepare"},
		Run:        runDeploy,
	})
}

func runDeploy(ctx context.Context, inv *Invocation) error {
	env, err := inv.Environment()
	if err != nil {
		return err
	}
	path := env.Flyway.Deploy.ScriptFilename
	if path == "" {
		path = env.Flyway.Prepare.ScriptFilename
	}
	text, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		res := &deploy.Summary{ScriptFilename: path, Warnings: []string{path + " does not exist: nothing to deploy"}}
		return inv.Result(res, "WARNING: "+res.Warnings[0])
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	s, err := script.Parse(path, string(text))
	if err != nil {
		return err
	}
	t, err := openTarget(ctx, inv, "")
	if err != nil {
		return err
	}
	defer t.close()
	res, err := deployScript(ctx, inv, t, s)
	if err != nil {
		return err
	}
	return inv.Result(res, deployText(res, t.env.Name))
}

func deployScript(ctx context.Context, inv *Invocation, t *target, s *script.Script) (*deploy.Summary, error) {
	env := t.env
	out, err := deploy.Run(ctx, t.pool, s, deploy.Options{
		Target: env.Name, Inspect: scope(env), LockKey: migrate.HistoryLockKey(defaultSchema(env), env.Flyway.Table),
		LockWait: seconds(env.Flyway.Deploy.LockWait), LockTimeout: seconds(env.Flyway.Deploy.LockTimeout),
		StatementTimeout: seconds(env.Flyway.Deploy.StatementTimeout), Force: env.Flyway.Prepare.Force,
		Describe: check.Describe, Known: knownCatalogs(ctx, t), Log: logWriter{inv},
		History: &deploy.History{Schema: defaultSchema(env), Table: env.Flyway.Table, InstalledBy: whoAmI(env)},
	})
	if err != nil {
		return nil, err
	}
	res := &deploy.Summary{ScriptFilename: s.Name, Deployed: !out.AlreadyDeployed, AlreadyDeployed: out.AlreadyDeployed,
		Transactional: out.Transactional, NonTransactional: out.NonTransactional, DurationMS: out.Duration.Milliseconds(),
		Verified: out.Verified, Warnings: append([]string{}, out.Warnings...)}
	if env.Flyway.Deploy.SaveSnapshot && !out.AlreadyDeployed {
		if err := saveDeployedSnapshot(ctx, t, s, out.After); err != nil {
			return nil, err
		}
		res.SnapshotSaved = true
	}
	return res, nil
}

// knownCatalogs finds a catalog by fingerprint among those at hand: an
// empty database's and the target's deployed snapshot, which is read only
// when asked for (a refusal or a failed verification).
func knownCatalogs(ctx context.Context, t *target) func(string) *catalog.Catalog {
	return func(fingerprint string) *catalog.Catalog {
		if empty := (&catalog.Catalog{}); fingerprint == empty.Fingerprint() {
			return empty
		}
		e, err := snapshotStore(t.env).Get(ctx, t.pool, snapshotstore.Current)
		if err != nil || e == nil || e.Snapshot.Fingerprint != fingerprint {
			return nil
		}
		return e.Snapshot.Catalog
	}
}

// saveDeployedSnapshot stores the target's post-deploy catalog in its
// snapshot history table, for check -drift.
func saveDeployedSnapshot(ctx context.Context, t *target, s *script.Script, after *catalog.Catalog) error {
	e := snapshotstore.Entry{CreatedBy: whoAmI(t.env), ScriptChecksum: fmt.Sprint(migrate.Checksum([]byte(s.Text))),
		Snapshot: catalog.NewSnapshot(after, catalog.SnapshotCreated{At: time.Now().UTC(),
			By: "pgfleet " + currentVersion().Version, Source: "deploy of " + s.Name + " to " + t.env.Name})}
	if s.Header != nil {
		e.ModelHash = s.Header.ModelHash
	}
	if err := snapshotStore(t.env).Save(ctx, t.pool, e); err != nil {
		return fmt.Errorf("the deployment succeeded, but saving its snapshot failed (the next drift check will report the deployed changes): %w", err)
	}
	return nil
}

func deployText(res *deploy.Summary, target string) string {
	var b strings.Builder
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "WARNING: %s\n", w)
	}
	if res.AlreadyDeployed {
		fmt.Fprintf(&b, "Nothing deployed: %s is already in the state %s leads to.", target, res.ScriptFilename)
		return b.String()
	}
	fmt.Fprintf(&b, "Deployed %s to %s: %d statements in one transaction, %d outside it, in %d ms",
		res.ScriptFilename, target, res.Transactional, res.NonTransactional, res.DurationMS)
	if res.Verified {
		b.WriteString("; verified")
	}
	if res.SnapshotSaved {
		b.WriteString("; snapshot saved")
	}
	b.WriteString(".")
	return b.String()
}

// logWriter sends a library's progress lines to the invocation's stderr.
type logWriter struct{ inv *Invocation }

func (w logWriter) Write(p []byte) (int, error) {
	w.inv.Logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
