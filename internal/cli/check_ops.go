package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/check"
	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/plan"
	"github.com/pgfleet/pgfleet/internal/report"
	"github.com/pgfleet/pgfleet/internal/script"
	"github.com/pgfleet/pgfleet/internal/snapshotstore"
)

func sectionHeader(op report.Operation, env config.Environment) report.Header {
	return report.Header{Operation: op, Database: env.Redacted(), Environment: env.Name, Warnings: []string{}}
}

// checkDrift compares the live target with the snapshot of its last
// deployment.
func checkDrift(ctx context.Context, inv *Invocation) (report.Section, error) {
	t, err := openTarget(ctx, inv, "")
	if err != nil {
		return nil, err
	}
	defer t.close()
	cmp := &report.Comparison{Header: sectionHeader(report.OpDrift, t.env),
		OnlyInSource: []report.Difference{}, OnlyInTarget: []report.Difference{}, Differences: []report.Difference{}}
	deployed, unread, label, err := deployedSnapshot(ctx, inv, t)
	if err != nil {
		return nil, err
	}
	if deployed == nil {
		cmp.DriftCheckSkipped = true
		cmp.Warnings = append(cmp.Warnings, fmt.Sprintf("%s has no snapshot (%s) to compare with: drift check skipped, "+
			"as expected before its first deployment", t.env.Name, label))
		return cmp, nil
	}
	live, err := t.read(ctx)
	if err != nil {
		return nil, err
	}
	if len(unread) > 0 {
		live = live.Without(unread)
		cmp.Warnings = append(cmp.Warnings, fmt.Sprintf("%s was taken by an older pgfleet that did not read %s: "+
			"those are not compared until a deployment saves a new snapshot", label, kindList(unread)))
	}
	if live.Fingerprint() == deployed.Fingerprint() {
		return cmp, nil // identical catalogs: nothing to list or plan
	}
	if err := fillDrift(ctx, t, cmp, deployed, live); err != nil {
		return cmp, err
	}
	if n := check.Count(cmp); n > 0 && t.env.Flyway.Check.FailOnDrift {
		return cmp, exitcode.Newf(exitcode.Drift, "drift detected on %s: %d objects differ from %s", t.env.Name, n, label)
	}
	return cmp, nil
}

// fillDrift lists the drifted objects and writes the resolution scripts.
func fillDrift(ctx context.Context, t *target, cmp *report.Comparison, deployed, live *catalog.Catalog) error {
	role, err := currentRole(ctx, t)
	if err != nil {
		return err
	}
	revert, revertErr := plan.Build(live, deployed, plan.Options{Role: role})
	c := check.Drift(deployed, live, revert)
	cmp.OnlyInSource, cmp.OnlyInTarget, cmp.Differences = c.OnlyInSource, c.OnlyInTarget, c.Differences
	if check.Count(cmp) == 0 || !t.env.Flyway.Check.GenerateDriftResolutionScripts {
		return nil
	}
	folder := t.env.Flyway.Check.DriftResolutionFolder
	if err := resetFolder(folder); err != nil {
		return err
	}
	cmp.DriftResolutionFolderPath = folder
	header := func(src, from, to string) script.Header {
		return script.Header{Target: t.env.Name, Source: src, TargetFingerprint: from, ExpectedFingerprint: to,
			GeneratedBy: "pgfleet " + currentVersion().Version}
	}
	if revertErr != nil {
		cmp.Warnings = append(cmp.Warnings, "no revert script: "+revertErr.Error())
	} else if err := writeScript(filepath.Join(folder, "revert.sql"), header("revert drift", live.Fingerprint(), deployed.Fingerprint()), revert); err != nil {
		return err
	}
	incorporate, err := plan.Build(deployed, live, plan.Options{Role: role})
	if err != nil {
		cmp.Warnings = append(cmp.Warnings, "no incorporate script: "+err.Error())
		return nil
	}
	return writeScript(filepath.Join(folder, "incorporate.sql"), header("incorporate drift", deployed.Fingerprint(), live.Fingerprint()), incorporate)
}

// resetFolder empties the drift resolution folder of its scripts, as
// Flyway regenerates it on each run.
func resetFolder(dir string) error {
	old, _ := filepath.Glob(filepath.Join(dir, "*.sql"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("clearing drift resolution folder: %w", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating drift resolution folder: %w", err)
	}
	return nil
}

// deployedSnapshot reads the expected state named by deployedSnapshot: a
// snapshot file or snapshotHistory:NAME in the target. It returns nil when
// the target has no such snapshot.
func deployedSnapshot(ctx context.Context, inv *Invocation, t *target) (c *catalog.Catalog, unread []catalog.Kind, label string, err error) {
	ref := t.env.Flyway.Check.DeployedSnapshot
	if ref == "" {
		ref = "snapshotHistory:" + snapshotstore.Current
	}
	var s *catalog.Snapshot
	if name, ok := strings.CutPrefix(ref, "snapshotHistory:"); ok {
		e, err := snapshotStore(t.env).Get(ctx, t.pool, name)
		if err != nil || e == nil {
			return nil, nil, ref, err
		}
		s = e.Snapshot
	} else if s, err = readSnapshotFile(inv, strings.TrimPrefix(ref, "filesystem:")); err != nil {
		return nil, nil, ref, err
	}
	return s.Catalog, s.Unread(), ref, nil
}

// kindList joins kinds for a message: "rule, statistics".
func kindList(kinds []catalog.Kind) string {
	words := make([]string, len(kinds))
	for i, k := range kinds {
		words[i] = string(k)
	}
	return strings.Join(words, ", ")
}

// checkChanges reports what deploying the desired state would do.
func checkChanges(ctx context.Context, inv *Invocation) (report.Section, error) {
	t, err := openTarget(ctx, inv, "")
	if err != nil {
		return nil, err
	}
	defer t.close()
	source, err := changesSource(inv, t.env)
	if err != nil {
		return nil, err
	}
	live, err := t.read(ctx)
	if err != nil {
		return nil, err
	}
	want, err := loadDesired(ctx, inv, t, source)
	if err != nil {
		return nil, err
	}
	alignColumns(t.env, live, want)
	role, err := currentRole(ctx, t)
	if err != nil {
		return nil, err
	}
	p, planErr := plan.Build(live, want.catalog, plan.Options{Online: t.env.Flyway.Prepare.Online, Role: role})
	c := check.Comparison(want.catalog, live, p, want.locate)
	c.Header = sectionHeader(report.OpChanges, t.env)
	if planErr != nil {
		c.Warnings = append(c.Warnings, "the deployment cannot be planned: "+planErr.Error())
	}
	return c, nil
}

// changesSource is check.changesSource; pgfleet compares the schema model
// unless another source is set.
func changesSource(inv *Invocation, env config.Environment) (string, error) {
	cfg, err := inv.Config()
	if err != nil {
		return "", err
	}
	src := env.Flyway.Check.ChangesSource
	if !cfg.IsSet(env.Name, "flyway.check.changesSource") {
		return "schemaModel", nil
	}
	if strings.EqualFold(src, "migrations") {
		return "", exitcode.Newf(exitcode.Usage, "changesSource=migrations is not supported: pgfleet reports changes against "+
			"the schema model (-changesSource=schemaModel), another environment (env:NAME) or a snapshot (snapshot:FILE)")
	}
	return src, nil
}

// checkDryRun runs the prepared script in a rolled-back transaction.
func checkDryRun(ctx context.Context, inv *Invocation) (report.Section, error) {
	env, err := inv.Environment()
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(env.Flyway.Check.Scope, "pending") {
		return checkDryRunPending(ctx, inv, env)
	}
	path := env.Flyway.CheckScriptFilename()
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, exitcode.Newf(exitcode.Usage, "dry run: reading %s: %v; prepare the script first or set -scriptFilename", path, err)
	}
	s, err := script.Parse(path, string(text))
	if err != nil {
		return nil, err
	}
	t, err := openTarget(ctx, inv, "")
	if err != nil {
		return nil, err
	}
	defer t.close()
	conn, err := t.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", t.env.Name, err)
	}
	defer conn.Release()
	res, err := check.DryRun(ctx, conn.Conn(), s, check.DryRunOptions{LockTimeout: seconds(env.Flyway.Deploy.LockTimeout),
		StatementTimeout: seconds(env.Flyway.Deploy.StatementTimeout)})
	if err != nil {
		return nil, err
	}
	sec := dryRunSection(t.env, s, res)
	if !res.Succeeded {
		return sec, fmt.Errorf("dry run of %s on %s failed: see the report", path, t.env.Name)
	}
	return sec, nil
}

func dryRunSection(env config.Environment, s *script.Script, res *check.DryRunResult) *report.DryRun {
	sec := &report.DryRun{Header: sectionHeader(report.OpDryRun, env), SQL: s.Text, Script: s.Name, RolledBack: true,
		Statements: []report.DryRunStatement{}}
	for _, st := range res.Statements {
		out := report.OutcomeOK
		switch st.Outcome {
		case check.DryRunFailed:
			out = report.OutcomeError
		case check.DryRunNotRun, check.DryRunNotReached:
			out = report.OutcomeSkipped
		}
		sec.Statements = append(sec.Statements, report.DryRunStatement{Line: st.Line, SQL: st.SQL, Outcome: out,
			DurationMS: float64(st.Duration.Microseconds()) / 1000, Error: st.Error,
			Transactional: st.Outcome != check.DryRunNotRun})
	}
	return sec
}
