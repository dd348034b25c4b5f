package action

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/report"
)

func init() {
	modes["prepare"] = &mode{title: "pgfleet Migrations Prepare", run: runMigrationsPrepare, inputs: append(targetInputs(),
		textInput("target-migration-version"), textInput("cherry-pick"),
		boolInput("fail-on-code-review", true), boolInput("skip-code-review", false),
		boolInput("skip-pre-deployment-report-upload", false), textInput("pre-deployment-report-name"),
		retentionInput("pre-deployment-report-retention-days"),
		boolInput("skip-code-scanning-upload", false), boolInput("skip-pr-comment", false),
	)}
	modes["deploy"] = &mode{title: "pgfleet Migrations Deploy", run: runMigrationsDeploy, inputs: append(targetInputs(),
		textInput("target-migration-version"), textInput("cherry-pick"),
		boolInput("baseline-on-migrate", true), boolInput("skip-pr-comment", false),
	)}
}

// migrationArgs are the keys that select which migrations run.
func (s *step) migrationArgs() []string {
	var args []string
	if v := s.in.str("target-migration-version"); v != "" {
		args = append(args, "-target="+v)
	}
	if v := s.in.str("cherry-pick"); v != "" {
		args = append(args, "-cherryPick="+v)
	}
	return args
}

// migrationInfo is one row of info's JSON result.
type migrationInfo struct {
	Category, Version, Description, State, Filepath string
	ShouldExecuteExpression                         string
	ShouldExecute                                   *bool
}

// runMigrationsPrepare reviews the target's pending migrations: which will
// run (Deploy Rules evaluated for the target) and a code review of them.
func runMigrationsPrepare(ctx context.Context, s *step) int {
	reportFile := filepath.Join("reports", s.named("pre-deployment-report-name", "flyway-%s-pre-deployment-report")+".html")
	code := s.pendingMigrations(ctx)
	if code == 0 {
		code = s.reviewPending(ctx, reportFile)
	}
	if code == 0 {
		code = s.dryRunPending(ctx, reportFile)
	}
	s.loadReport(reportFile)
	s.setOutput("report-path", s.relPath(s.reportHTML()))
	s.setOutput("sarif-path", s.relPath(s.sarifPath))
	s.queueUpload("skip-pre-deployment-report-upload", s.named("pre-deployment-report-name", "flyway-%s-pre-deployment-report"),
		"pre-deployment-report-retention-days", s.reportFiles()...)
	return code
}

func (s *step) pendingMigrations(ctx context.Context) int {
	r := s.pgfleet(ctx, append([]string{"info"}, s.migrationArgs()...)...)
	var info struct{ Migrations []migrationInfo }
	if !r.decodeResult(&info) || r.code != 0 {
		s.row("Pending Migrations", "❌ Failed")
		s.fail("Reading the migrations of %s failed: %s", s.environment(), or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return r.code
	}
	var rows []string
	pending, skipped := 0, 0
	for _, m := range info.Migrations {
		heldBack := m.ShouldExecute != nil && !*m.ShouldExecute && m.State == "Ignored"
		if m.State != "Pending" && m.State != "Outdated" && !heldBack {
			continue
		}
		pending++
		rule, runs := "—", "yes"
		if m.ShouldExecuteExpression != "" {
			rule = "`" + m.ShouldExecuteExpression + "`"
			if m.ShouldExecute != nil && !*m.ShouldExecute {
				runs, skipped = "no (Deploy Rule is false here)", skipped+1
			}
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s |", or(m.Version, "R"), m.Description, m.Category, rule, runs))
	}
	s.setOutput("pending-migration-count", strconv.Itoa(pending-skipped))
	s.row("Pending Migrations", fmt.Sprintf("%d pending, %d of them skipped here by Deploy Rules", pending, skipped))
	if len(rows) > 0 {
		s.notes = append(s.notes, "### Pending migrations\n\n| Version | Description | Category | Deploy Rule | Runs on "+
			s.environment()+" |\n|---|---|---|---|---|\n"+strings.Join(rows, "\n")+"\n")
	}
	return 0
}

func (s *step) reviewPending(ctx context.Context, reportFile string) int {
	if s.in.bool("skip-code-review") {
		s.row("Code Review", "➖ Skipped")
		return 0
	}
	r := s.pgfleet(ctx, "check", "-code", "-check.scope=pending", "-reportFilename="+reportFile,
		"-check.failOnError="+strconv.FormatBool(s.in.bool("fail-on-code-review")))
	rep := r.checkReport()
	cr, _ := section(rep, report.OpCode).(*report.CodeReview)
	if cr == nil {
		s.row("Code Review", "❌ Failed")
		s.fail("The code review of the pending migrations failed: %s", or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return r.code
	}
	s.sarifPath = rep.SarifReport
	n, codes := violations(cr)
	s.setOutput("code-violation-count", strconv.Itoa(n))
	s.setOutput("code-violation-codes", codes)
	s.annotateViolations(cr)
	if r.code == exitcode.CodeReview {
		s.row("Code Review", fmt.Sprintf("❌ Failed - %d violations", n))
		s.fail("Code review failed with %d violation(s) (%s).", n, codes)
		return r.code
	}
	s.row("Code Review", fmt.Sprintf("✅ Passed - %d violations", n))
	return 0
}

// dryRunPending runs the pending migrations the target would get in a
// transaction that is rolled back, annotating each failing statement on
// its migration.
func (s *step) dryRunPending(ctx context.Context, reportFile string) int {
	r := s.pgfleet(ctx, "check", "-dryrun", "-check.scope=pending", "-reportFilename="+reportFile)
	d, _ := section(r.checkReport(), report.OpDryRun).(*report.DryRun)
	if d == nil {
		s.row("Dry Run", "❌ Failed")
		s.fail("The dry run of the pending migrations failed: %s", or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return r.code
	}
	if !s.reportDryRun(d, r.code, "the pending migrations", func(st report.DryRunStatement) string { return st.File }) {
		return r.code
	}
	return 0
}

// runMigrationsDeploy applies the pending migrations; migrate honours
// Deploy Rules.
func runMigrationsDeploy(ctx context.Context, s *step) int {
	args := append([]string{"migrate", "-baselineOnMigrate=" + strconv.FormatBool(s.in.bool("baseline-on-migrate"))}, s.migrationArgs()...)
	r := s.pgfleet(ctx, args...)
	var res struct {
		TargetSchemaVersion string
		MigrationsExecuted  int
		Migrations          []struct {
			Category, Version, Description, Type, Filepath string
			ExecutionTime                                  int
		}
	}
	ok := r.decodeResult(&res) && r.code == 0
	s.setOutput("migrations-applied", strconv.Itoa(res.MigrationsExecuted))
	s.setOutput("schema-version", res.TargetSchemaVersion)
	if !ok {
		s.row("Migrate", "❌ Failed")
		s.fail("Migrating %s failed: %s", s.environment(), or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return max(r.code, 1)
	}
	s.row("Migrate", fmt.Sprintf("✅ %d migrations applied, schema version %s", res.MigrationsExecuted, or(res.TargetSchemaVersion, "(empty)")))
	var rows []string
	for _, m := range res.Migrations {
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %d ms | %s | `%s` |", m.Category, or(m.Version, "—"), m.Description,
			m.ExecutionTime, m.Type, s.relPath(m.Filepath)))
	}
	if len(rows) > 0 {
		s.notes = append(s.notes, "### Applied migrations\n\n| Category | Version | Description | Execution Time | Type | Filepath |\n"+
			"|---|---|---|---|---|---|\n"+strings.Join(rows, "\n")+"\n")
	}
	return 0
}
