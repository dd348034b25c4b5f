package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/fleet"
	"github.com/pgfleet/pgfleet/internal/report"
)

// sweepResult is check -drift's JSON output for many targets.
type sweepResult struct {
	fleet.ReportFiles
	Fleet *fleet.Report `json:"fleet"`
}

// runSweep is check -drift across the targets -environment selects:
// concurrent, bounded by [fleet] parallelism, each target within [fleet]
// timeout; an unreachable target is a failed row of the report.
func runSweep(ctx context.Context, inv *Invocation) error {
	for name := range inv.Flags {
		if name != "drift" && inv.Flag(name) {
			return usagef("-environment selects several targets: check runs -drift across a fleet, not -%s; "+
				"use pgfleet fleet prepare for the per-target sequence", name)
		}
	}
	fl, err := loadFleet(inv)
	if err != nil {
		return err
	}
	progress := fleet.NewProgress(inv.stderr, len(fl.Targets), inv.isTerminal(inv.stderr))
	inv.Logf("Checking %d targets for drift, %d at a time", len(fl.Targets), fl.Settings.Parallelism)
	gate := &driftGate{}
	rep := fleet.Sweep(ctx, fl.Targets, sweepCheck(inv, fl, gate),
		fleet.RunOptions{Parallelism: fl.Settings.Parallelism, Timeout: fl.Settings.Timeout}, progress)
	files := fleet.FilesFor(fl.Settings.ScriptFolder)
	cfg, _ := inv.Config()
	if err := rep.Save(files, cfg.Redact); err != nil {
		return err
	}
	if err := inv.appendStepSummary(rep.Markdown()); err != nil {
		return err
	}
	if err := inv.Result(sweepResult{ReportFiles: files, Fleet: rep}, sweepText(rep, files)); err != nil {
		return err
	}
	return sweepError(rep, gate.drifted())
}

// driftGate collects the targets whose drift fails the check (their
// failOnDrift is set).
type driftGate struct {
	mu    sync.Mutex
	names []string
}

func (g *driftGate) add(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.names = append(g.names, name)
}

func (g *driftGate) drifted() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.names...)
}

// sweepCheck checks one target's drift, saving its section in the target's
// own report.
func sweepCheck(inv *Invocation, fl *fleet.Fleet, gate *driftGate) fleet.DriftCheck {
	return func(ctx context.Context, name string) (fleet.TargetResult, error) {
		child, out, err := inv.forTarget(fl, name, nil, targetKeys(fl, name)...)
		if err != nil {
			return fleet.TargetResult{}, err
		}
		sec, err := checkDrift(ctx, child)
		if exitcode.Of(err) == exitcode.Drift {
			gate.add(name)
			err = nil
		}
		if err != nil {
			return fleet.TargetResult{}, errors.New(strings.TrimSpace(child.cfg.Redact(err.Error() + " " + out.String())))
		}
		env, _ := child.Environment()
		if _, err := report.Save(report.PathsFor(env.Flyway.ReportFilename), report.SaveOptions{}, sec); err != nil {
			return fleet.TargetResult{}, err
		}
		return targetResult(sec.(*report.Comparison)), nil
	}
}

// targetResult turns a drift section into the fleet report's row: objects
// only in the deployed snapshot were dropped from the target since, objects
// only on the target were added.
func targetResult(c *report.Comparison) fleet.TargetResult {
	r := fleet.TargetResult{Status: fleet.StatusClean, Objects: []fleet.Object{}, Warnings: c.Warnings}
	add := func(diffs []report.Difference, change string) {
		for _, d := range diffs {
			r.Objects = append(r.Objects, fleet.Object{Kind: strings.ToLower(d.ObjectType), Name: qualified(d.Schema, d.Name), Change: change})
		}
	}
	add(c.OnlyInSource, "dropped")
	add(c.OnlyInTarget, "added")
	add(c.Differences, "changed")
	switch {
	case c.DriftCheckSkipped:
		r.Status = fleet.StatusSkipped
	case len(r.Objects) > 0:
		r.Status = fleet.StatusDrifted
	}
	return r
}

func sweepText(rep *fleet.Report, files fleet.ReportFiles) string {
	var b strings.Builder
	s := rep.Summary
	fmt.Fprintf(&b, "Drift across %d targets in %.1f s: %d clean, %d drifted, %d not yet deployed, %d failed\n",
		s.Targets, float64(rep.DurationMS)/1000, s.Clean, s.Drifted, s.Skipped, s.Failed)
	for _, t := range rep.Targets {
		switch t.Status {
		case fleet.StatusDrifted:
			fmt.Fprintf(&b, "  %s: %d drifted objects\n", t.Target, len(t.Objects))
			for _, o := range t.Objects {
				fmt.Fprintf(&b, "    %s %s %s\n", o.Kind, o.Name, o.Change)
			}
		case fleet.StatusFailed:
			fmt.Fprintf(&b, "  %s: FAILED: %s\n", t.Target, t.Error)
		}
	}
	fmt.Fprintf(&b, "Fleet report: %s (and %s, %s)", files.HTML, files.JSON, files.Markdown)
	return b.String()
}

// sweepError is the sweep's exit: 3 when a target with failOnDrift
// drifted, 1 when a target could not be checked.
func sweepError(rep *fleet.Report, gated []string) error {
	var failed []string
	for _, t := range rep.Targets {
		if t.Status == fleet.StatusFailed {
			failed = append(failed, t.Target)
		}
	}
	var errs []error
	if len(gated) > 0 {
		errs = append(errs, exitcode.Newf(exitcode.Drift, "drift detected on %d targets (%s): see the fleet report; "+
			"capture each change in the schema model or revert it on the target", len(gated), strings.Join(gated, ", ")))
	}
	if len(failed) > 0 {
		errs = append(errs, fmt.Errorf("%d targets could not be checked (%s): see the fleet report", len(failed), strings.Join(failed, ", ")))
	}
	return errors.Join(errs...)
}

// appendStepSummary adds markdown to the GitHub step summary when running
// in GitHub Actions.
func (inv *Invocation) appendStepSummary(md string) error {
	if inv.Options.LookupEnv == nil {
		return nil
	}
	path, ok := inv.Options.LookupEnv("GITHUB_STEP_SUMMARY")
	if !ok || path == "" {
		return nil
	}
	f, err := os.OpenFile(filepath.Clean(path), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening the step summary: %w", err)
	}
	defer f.Close()
	cfg, _ := inv.Config()
	if _, err := f.WriteString(cfg.Redact(md) + "\n"); err != nil {
		return fmt.Errorf("writing the step summary: %w", err)
	}
	return nil
}
