package action

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pgfleet/pgfleet/internal/deploy"
)

func init() {
	modes["state-deploy"] = &mode{title: "pgfleet State Deploy", run: runStateDeploy, inputs: append(targetInputs(),
		textInput("script-path"),
		boolInput("skip-drift-check", false), boolInput("skip-snapshot", false),
		boolInput("skip-deployment-report-upload", false), textInput("deployment-report-name"),
		retentionInput("deployment-report-retention-days"),
		boolInput("skip-drift-resolution-scripts-upload", false), textInput("drift-resolution-scripts-name"),
		retentionInput("drift-resolution-scripts-retention-days"),
		boolInput("skip-pr-comment", false),
	)}
}

// runStateDeploy checks the target for drift (drift always stops a
// deployment), then deploys the prepared script, which verifies the
// target's fingerprint, and saves the snapshot.
func runStateDeploy(ctx context.Context, s *step) int {
	reportFile := filepath.Join("reports", s.named("deployment-report-name", "flyway-%s-deployment-report")+".html")
	code := s.deployDriftGate(ctx, reportFile)
	if code == 0 {
		code = s.deployScript(ctx)
	}
	s.loadReport(reportFile)
	s.queueUpload("skip-deployment-report-upload", s.named("deployment-report-name", "flyway-%s-deployment-report"),
		"deployment-report-retention-days", s.reportFiles()...)
	return code
}

func (s *step) deployDriftGate(ctx context.Context, reportFile string) int {
	if s.in.bool("skip-drift-check") {
		s.row("Drift", "➖ Skipped")
		s.setOutput("drift-detected", "false")
		return 0
	}
	r := s.pgfleet(ctx, "check", "-drift", "-check.failOnDrift=true", "-reportFilename="+reportFile,
		"-check.driftResolutionFolder="+filepath.Join("drift-resolution", "deploy-"+s.environment()))
	drifted, ok := s.driftResult(r, "drift-resolution-scripts-name", "flyway-deploy-%s-drift-resolution-scripts")
	s.setOutput("drift-detected", strconv.FormatBool(drifted))
	if ok && drifted {
		s.fail("Drift detected on %s. Aborting deployment: resolve the drift, prepare the script again and redeploy.", s.environment())
	}
	return r.code
}

func (s *step) deployScript(ctx context.Context) int {
	path := s.named("script-path", filepath.Join("deployments", "D__%s_deployment.sql"))
	if wd := s.in.str("working-directory"); wd != "" && !filepath.IsAbs(path) {
		if _, err := os.Stat(path); err == nil { // a workspace path, e.g. from an artifact download
			path, _ = filepath.Abs(path)
		}
	}
	snapshot := strconv.FormatBool(!s.in.bool("skip-snapshot"))
	r := s.pgfleet(ctx, "deploy", "-deploy.scriptFilename="+path, "-deploy.saveSnapshot="+snapshot)
	var res deploy.Summary
	if !r.decodeResult(&res) || r.code != 0 {
		s.row("Deployment", "❌ Failed")
		s.fail("Deploying %s to %s failed: %s", path, s.environment(), or(r.errorMessage(), fmt.Sprintf("exit code %d", r.code)))
		return r.code
	}
	for _, w := range res.Warnings {
		s.ann.add(annotation{Level: levelWarning, Title: "deploy", Message: w})
	}
	if res.AlreadyDeployed {
		s.row("Deployment", "✅ Already deployed: "+s.environment()+" is in the state `"+s.relPath(res.ScriptFilename)+"` leads to; nothing applied")
		return 0
	}
	if !res.Deployed {
		s.row("Deployment", "➖ Nothing to deploy: "+path+" does not exist")
		return 0
	}
	result := fmt.Sprintf("✅ `%s`: %d statements in one transaction, %d outside it, %d ms", s.relPath(res.ScriptFilename),
		res.Transactional, res.NonTransactional, res.DurationMS)
	if res.Verified {
		result += "; verified"
	}
	s.row("Deployment", result)
	s.row("Snapshot", map[bool]string{true: "✅ Saved for the next drift check", false: "➖ Skipped"}[res.SnapshotSaved])
	return 0
}
