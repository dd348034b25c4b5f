package action

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/report"
)

func init() {
	modes["state-prepare"] = &mode{title: "pgfleet State Prepare", run: runStatePrepare, inputs: append(targetInputs(),
		textInput("build-environment"),
		boolInput("generate-undo", true),
		boolInput("fail-on-drift", true), boolInput("skip-drift-check", false),
		boolInput("fail-on-code-review", true), boolInput("skip-code-review", false),
		boolInput("skip-deployment-changes-report", false),
		boolInput("skip-pre-deployment-report-upload", false), textInput("pre-deployment-report-name"),
		retentionInput("pre-deployment-report-retention-days"),
		boolInput("skip-drift-resolution-scripts-upload", false), textInput("drift-resolution-scripts-name"),
		retentionInput("drift-resolution-scripts-retention-days"),
		boolInput("skip-deployment-script-upload", false), textInput("deployment-script-name"),
		textInput("undo-script-name"), retentionInput("deployment-script-retention-days"),
		boolInput("skip-code-scanning-upload", false), boolInput("skip-pr-comment", false),
	)}
}

// named returns input name, or the default pattern filled with the
// target environment (red-gate's artifact and script names).
func (s *step) named(input, pattern string) string {
	if v := s.in.str(input); v != "" {
		return v
	}
	return fmt.Sprintf(pattern, s.environment())
}

// prepareState carries state/prepare's findings to its outputs.
type prepareState struct {
	code          int
	reportFile    string
	driftDetected bool
	changed       int
	script, undo  string
	violations    int
	codes         string
}

// runStatePrepare runs the seed's pre-deployment sequence for one target:
// check -drift, check -changes, prepare, check -code on the script, check
// -dryrun, stopping where a failing gate says so.
func runStatePrepare(ctx context.Context, s *step) int {
	st := &prepareState{reportFile: filepath.Join("reports", s.named("pre-deployment-report-name", "flyway-%s-pre-deployment-report")+".html")}
	steps := []func(context.Context, *step, *prepareState) bool{prepareDrift, prepareChanges, prepareScript, prepareCode, prepareDryRun}
	for _, f := range steps {
		if !f(ctx, s, st) {
			break
		}
	}
	s.setOutput("drift-detected", strconv.FormatBool(st.driftDetected))
	s.setOutput("changed-object-count", strconv.Itoa(st.changed))
	s.setOutput("code-violation-count", strconv.Itoa(st.violations))
	s.setOutput("code-violation-codes", st.codes)
	s.setOutput("sarif-path", s.relPath(s.sarifPath))
	s.setOutput("script-path", s.relPath(st.script))
	s.setOutput("undo-script-path", s.relPath(st.undo))
	s.loadReport(st.reportFile)
	s.setOutput("report-path", s.relPath(s.reportHTML()))
	s.queueUpload("skip-pre-deployment-report-upload", s.named("pre-deployment-report-name", "flyway-%s-pre-deployment-report"),
		"pre-deployment-report-retention-days", s.reportFiles()...)
	s.queueUpload("skip-deployment-script-upload", s.named("deployment-script-name", "D__%s_deployment"), "deployment-script-retention-days", st.script)
	s.queueUpload("skip-deployment-script-upload", s.named("undo-script-name", "DU__%s_undo"), "deployment-script-retention-days", st.undo)
	return st.code
}

// stop records a failing command's exit code and says whether to go on.
func (st *prepareState) stop(code int) bool {
	if st.code == 0 {
		st.code = code
	}
	return false
}

func prepareDrift(ctx context.Context, s *step, st *prepareState) bool {
	if s.in.bool("skip-drift-check") {
		s.row("Drift", "➖ Skipped")
		return true
	}
	folder := filepath.Join("drift-resolution", "prepare-"+s.environment())
	r := s.pgfleet(ctx, "check", "-drift", "-check.failOnDrift="+strconv.FormatBool(s.in.bool("fail-on-drift")),
		"-reportFilename="+st.reportFile, "-check.driftResolutionFolder="+folder)
	drifted, ok := s.driftResult(r, "drift-resolution-scripts-name", "flyway-prepare-%s-drift-resolution-scripts")
	st.driftDetected = drifted
	switch {
	case !ok:
		return st.stop(r.code)
	case drifted && r.code == exitcode.Drift:
		s.fail("Drift detected on %s. Aborting prepare: resolve the drift (see the drift resolution scripts), then prepare again.", s.environment())
		return st.stop(r.code)
	case drifted:
		s.ann.add(annotation{Level: levelWarning, Message: fmt.Sprintf("Drift detected on %s (fail-on-drift is false): the script will also revert it.", s.environment())})
	}
	return true
}

// driftResult reads a drift check: whether drift was found, and whether
// the check ran at all. It writes the summary row and queues the drift
// resolution scripts.
func (s *step) driftResult(r *cliRun, nameInput, namePattern string) (drifted, ok bool) {
	c := comparison(r.checkReport(), report.OpDrift)
	if c == nil {
		s.row("Drift", "❌ Failed")
		s.fail("The drift check of %s failed: %s", s.environment(), or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return false, false
	}
	n := len(changedObjects(c))
	switch {
	case c.DriftCheckSkipped:
		s.row("Drift", "➖ Drift check not run - skipped because no snapshot in database (expected for initial deployment)")
	case n == 0:
		s.row("Drift", "✅ No drift")
	default:
		s.row("Drift", fmt.Sprintf("❌ Drift detected (%d objects)", n))
		if c.DriftResolutionFolderPath != "" {
			files, _ := filepath.Glob(filepath.Join(c.DriftResolutionFolderPath, "*.sql"))
			s.queueUpload("skip-drift-resolution-scripts-upload", s.named(nameInput, namePattern), "drift-resolution-scripts-retention-days", files...)
		}
	}
	return n > 0, true
}

func prepareChanges(ctx context.Context, s *step, st *prepareState) bool {
	if s.in.bool("skip-deployment-changes-report") {
		s.row("Deployment Changes", "➖ Skipped")
		return true
	}
	args := []string{"check", "-changes", "-check.changesSource=schemaModel", "-reportFilename=" + st.reportFile}
	if b := s.in.str("build-environment"); b != "" {
		args = append(args, "-check.buildEnvironment="+b)
	}
	r := s.pgfleet(ctx, args...)
	c := comparison(r.checkReport(), report.OpChanges)
	if c == nil || r.code != 0 {
		s.row("Deployment Changes", "❌ Failed")
		s.fail("The changes report of %s failed: %s", s.environment(), or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return st.stop(r.code)
	}
	diffs := changedObjects(c)
	st.changed = len(diffs)
	s.row("Deployment Changes", fmt.Sprintf("%d changed objects", len(diffs)))
	s.annotateHazards(diffs)
	return true
}

func prepareScript(ctx context.Context, s *step, st *prepareState) bool {
	env := s.environment()
	types := "deploy"
	if s.in.bool("generate-undo") {
		types = "deploy,undo"
	}
	r := s.pgfleet(ctx, "prepare", "-prepare.types="+types, "-prepare.force=true",
		"-prepare.scriptFilename="+filepath.Join("deployments", s.named("deployment-script-name", "D__%s_deployment")+".sql"),
		"-prepare.undoFilename="+filepath.Join("deployments", s.named("undo-script-name", "DU__%s_undo")+".sql"))
	var res struct {
		ScriptWasGenerated bool
		ScriptFilename     string
		UndoFilename       string
		Warnings           []struct{ Message string }
	}
	if !r.decodeResult(&res) || r.code != 0 {
		s.row("Deployment Script", "❌ Failed")
		s.fail("Preparing the deployment script for %s failed: %s", env, or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return st.stop(r.code)
	}
	for _, w := range res.Warnings {
		s.ann.add(annotation{Level: levelWarning, Title: "prepare", Message: w.Message})
	}
	if !res.ScriptWasGenerated {
		s.row("Deployment Script", "✅ None needed: "+env+" already matches the schema model")
		return false
	}
	st.script, st.undo = res.ScriptFilename, res.UndoFilename
	s.row("Deployment Script", fmt.Sprintf("`%s` (%s)", s.relPath(st.script), fileSize(st.script)))
	return true
}

func prepareCode(ctx context.Context, s *step, st *prepareState) bool {
	if s.in.bool("skip-code-review") {
		s.row("Code Review", "➖ Skipped")
		return true
	}
	failOn := s.in.bool("fail-on-code-review")
	r := s.pgfleet(ctx, "check", "-code", "-check.scope=script", "-check.scriptFilename="+st.script,
		"-check.failOnError="+strconv.FormatBool(failOn), "-reportFilename="+st.reportFile)
	rep := r.checkReport()
	cr, _ := section(rep, report.OpCode).(*report.CodeReview)
	if rep == nil || cr == nil {
		s.row("Code Review", "❌ Failed")
		s.fail("The code review of %s failed: %s", st.script, or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return st.stop(r.code)
	}
	s.sarifPath = rep.SarifReport
	st.violations, st.codes = violations(cr)
	s.annotateViolations(cr)
	if r.code == exitcode.CodeReview {
		s.row("Code Review", fmt.Sprintf("❌ Failed - %d violations", st.violations))
		s.fail("Code review failed with %d violation(s) (%s).", st.violations, st.codes)
		return st.stop(r.code)
	}
	s.row("Code Review", fmt.Sprintf("✅ Passed - %d violations", st.violations))
	return true
}

func prepareDryRun(ctx context.Context, s *step, st *prepareState) bool {
	r := s.pgfleet(ctx, "check", "-dryrun", "-check.scriptFilename="+st.script, "-reportFilename="+st.reportFile)
	rep := r.checkReport()
	d, _ := section(rep, report.OpDryRun).(*report.DryRun)
	if rep == nil || d == nil {
		s.row("Dry Run", "❌ Failed")
		s.fail("The dry run of %s failed: %s", st.script, or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return st.stop(r.code)
	}
	if !s.reportDryRun(d, r.code, "the deployment script", func(report.DryRunStatement) string { return st.script }) {
		return st.stop(r.code)
	}
	return true
}

// reportDryRun annotates each failed statement of a dry run on its file
// and line and adds the summary row; it reports whether the dry run passed.
func (s *step) reportDryRun(d *report.DryRun, code int, what string, fileOf func(report.DryRunStatement) string) bool {
	failed := 0
	for _, stmt := range d.Statements {
		if stmt.Outcome == report.OutcomeError {
			failed++
			s.ann.add(annotation{Level: levelError, File: s.relPath(fileOf(stmt)), Line: stmt.Line, Title: "Dry run failed", Message: stmt.Error})
		}
	}
	if code != 0 {
		s.row("Dry Run", fmt.Sprintf("❌ %d of %d statements failed (rolled back)", failed, len(d.Statements)))
		s.fail("The dry run of %s failed on %s: see the annotations and the report.", what, s.environment())
		return false
	}
	s.row("Dry Run", fmt.Sprintf("✅ %d statements ran and were rolled back", len(d.Statements)))
	return true
}

// fileSize formats a file's size for the summary.
func fileSize(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "size unknown"
	}
	if st.Size() < 1024 {
		return fmt.Sprintf("%d bytes", st.Size())
	}
	return fmt.Sprintf("%.1f KiB", float64(st.Size())/1024)
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
