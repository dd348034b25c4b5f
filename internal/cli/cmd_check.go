package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/report"
)

func init() {
	register(&Command{
		Name:    "check",
		Summary: "Check a target: drift, pending changes, code review of a script, dry run",
		Description: `
Runs the operations given, in this order, each adding its section to the
report (reportFilename, default report.html, with report.json next to it;
results accumulate across invocations, as in Flyway):
  -drift    the live target against the snapshot saved at its last deploy
            (-deployedSnapshot=snapshotHistory:NAME or a snapshot file). No
            snapshot yet: a warning and success. -failOnDrift=true exits 3
            on drift. Drift resolution scripts (revert and incorporate) go
            to driftResolutionFolder.
  -changes  what deploying the model would do to the target
            (-changesSource=schemaModel): objects only in the model, only in
            the target, and different, with definitions before and after.
  -code     code review of SQL (-scope=script -scriptFilename=F, or every
            migration under locations): regex and parser rules, never
            matching inside comments or strings; SARIF next to the report.
            -failOnError=true exits 4 on an error-severity violation.
  -dryrun   runs -scriptFilename in a transaction that is always rolled
            back, with bounded lock and statement timeouts.
With -environment='*', a glob or a comma list, check -drift sweeps the
fleet's selected targets concurrently and writes one fleet report (see
pgfleet help fleet).`,
		Flags: []Flag{
			{Name: "drift", Help: "compare the live target with its last deployed snapshot", Bool: true},
			{Name: "changes", Help: "report what deploying the schema model would change", Bool: true},
			{Name: "code", Help: "review SQL code with regex and parser rules", Bool: true},
			{Name: "dryrun", Help: "run the script in a transaction that is rolled back", Bool: true},
		},
		Namespaces: []string{"check", "prepare"},
		Run:        runCheck,
	})
}

// checkOperation runs one check operation and returns its report section.
type checkOperation func(ctx context.Context, inv *Invocation) (report.Section, error)

func runCheck(ctx context.Context, inv *Invocation) error {
	if many, err := selectsMany(inv); err != nil || many {
		if err != nil {
			return err
		}
		return runSweep(ctx, inv)
	}
	ops := []struct {
		flag string
		run  checkOperation
	}{{"drift", checkDrift}, {"changes", checkChanges}, {"code", checkCode}, {"dryrun", checkDryRun}}
	env, err := inv.Environment()
	if err != nil {
		return err
	}
	paths := report.PathsFor(env.Flyway.ReportFilename)
	var sections []report.Section
	var failures []error
	any := false
	for _, op := range ops {
		if !inv.Flag(op.flag) {
			continue
		}
		any = true
		sec, err := op.run(ctx, inv)
		if sec != nil {
			sections = append(sections, sec)
		}
		if err != nil {
			failures = append(failures, err)
			if !isGateFailure(err) {
				break
			}
		}
	}
	if !any {
		return exitcode.Newf(exitcode.Usage, "check needs at least one of -drift, -changes, -code, -dryrun")
	}
	rep, saveErr := report.Save(paths, report.SaveOptions{SARIF: report.SARIFOptions{Version: currentVersion().Version}}, sections...)
	if saveErr != nil {
		failures = append(failures, saveErr)
	}
	if saveErr == nil {
		// The findings are printed also when a gate fails, before the error.
		if err := inv.Result(checkJSON(rep, sections), checkText(sections, paths)); err != nil {
			failures = append(failures, err)
		}
	}
	return errors.Join(failures...)
}

// isGateFailure reports a check that ran and found what fails the
// pipeline (drift, code violations): like Flyway, the next operations still
// run.
func isGateFailure(err error) bool {
	code := exitcode.Of(err)
	return code == exitcode.Drift || code == exitcode.CodeReview
}

// checkJSON is Flyway's check output: the report paths and this run's
// individual results.
func checkJSON(rep *report.Report, sections []report.Section) map[string]any {
	out := map[string]any{"htmlReport": rep.HTMLReport, "jsonReport": rep.JSONReport, "individualResults": sections}
	if rep.SarifReport != "" {
		out["sarifReport"] = rep.SarifReport
	}
	return out
}

func checkText(sections []report.Section, paths report.Paths) string {
	var b strings.Builder
	for _, s := range sections {
		for _, w := range s.Head().Warnings {
			fmt.Fprintf(&b, "WARNING: %s\n", w)
		}
		b.WriteString(sectionSummary(s) + "\n")
	}
	fmt.Fprintf(&b, "Report: %s (and %s)", paths.HTML, paths.JSON)
	return b.String()
}

func sectionSummary(s report.Section) string {
	switch v := s.(type) {
	case *report.Comparison:
		n := len(v.OnlyInSource) + len(v.OnlyInTarget) + len(v.Differences)
		if v.Operation == report.OpDrift {
			if v.DriftCheckSkipped {
				return "Drift: not checked (no snapshot yet: expected before the first deployment)"
			}
			if n == 0 {
				return "Drift: none"
			}
			return fmt.Sprintf("Drift: %d objects changed on the target since its last deployment (+ added, - removed, ~ changed)", n) + comparisonLines(v)
		}
		return fmt.Sprintf("Changes: %d objects (%d to add, %d to drop, %d to change)", n,
			len(v.OnlyInSource), len(v.OnlyInTarget), len(v.Differences)) + comparisonLines(v)
	case *report.CodeReview:
		c := v.Counts()
		return fmt.Sprintf("Code review: %d errors, %d warnings, %d suppressed in %d files", c.Errors, c.Warnings, c.Suppressed, c.Files)
	case *report.DryRun:
		return dryRunText(v)
	}
	return string(s.Head().Operation)
}

// dryRunText summarises a dry run and names each failed statement by file
// and line with PostgreSQL's error.
func dryRunText(d *report.DryRun) string {
	var b strings.Builder
	failed := 0
	for _, st := range d.Statements {
		if st.Outcome != report.OutcomeError {
			continue
		}
		failed++
		file := d.Script
		if st.File != "" {
			file = st.File
		}
		fmt.Fprintf(&b, "\n  FAILED %s:%d: %s", file, st.Line, st.Error)
	}
	return fmt.Sprintf("Dry run: %d statements, %d failed, rolled back", len(d.Statements), failed) + b.String()
}

// comparisonLines lists a comparison's objects: for changes, + to add, - to
// drop, ~ to change; for drift, what happened on the target since deploy.
func comparisonLines(c *report.Comparison) string {
	var b strings.Builder
	line := func(sign string, d report.Difference) {
		fmt.Fprintf(&b, "\n  %s %s %s", sign, d.ObjectType, qualified(d.Schema, d.Name))
		if d.SourceFile != "" {
			fmt.Fprintf(&b, " (%s:%d)", d.SourceFile, d.SourceLine)
		}
		if len(d.Hazards) > 0 {
			fmt.Fprintf(&b, " [%s]", strings.Join(d.Hazards, ", "))
		}
	}
	added, removed := c.OnlyInSource, c.OnlyInTarget
	if c.Operation == report.OpDrift {
		added, removed = c.OnlyInTarget, c.OnlyInSource
	}
	for _, d := range added {
		line("+", d)
	}
	for _, d := range removed {
		line("-", d)
	}
	for _, d := range c.Differences {
		line("~", d)
	}
	return b.String()
}

func qualified(schema, name string) string {
	if schema == "" {
		return name
	}
	return schema + "." + name
}
