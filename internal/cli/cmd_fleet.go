package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/pgfleet/pgfleet/internal/fleet"
)

func init() {
	register(&Command{
		Name:    "fleet",
		Summary: "Roll out across the fleet: plan (canary, waves, CI matrix), prepare and deploy every target",
		Args:    "plan|prepare|deploy",
		Description: `
Works on the fleet: the environments [fleet] include and exclude keep (never
the build environment), narrowed by -environment when it is a glob or a comma
list (-environment='eu-*,us-east-1').
  plan     prints the rollout as one line of JSON on stdout: the canary
           ([fleet] canary) alone, then the waves ([fleet] waves: cumulative
           percentages such as ["10%", "50%", "100%"], or lists of names),
           each with a GitHub Actions matrix ({"include": [{"shard",
           "targets", "environment"}]}) for fromJSON; waves beyond 256 jobs
           are split into shards of several targets. "matrix" covers every
           target, for prepare and drift jobs. Deterministic.
  prepare  runs the seed's sequence on every target, [fleet] parallelism at
           a time: check -drift -changes, prepare into
           [fleet] scriptFolder/TARGET/D__deployment.sql, check -code
           -scope=script and -dryrun of that script. Each target's report
           is TARGET/report.html. Drift makes a different script, not a
           failure, unless failOnDrift.
  deploy   deploys the prepared scripts wave by wave: the canary, then each
           wave; a failed target stops its wave ([fleet] stopOnFailure) and
           the rollout. When a wave took longer than [fleet] recheckAfter,
           the next wave's targets are re-checked and re-prepared first.
Every target gets [fleet] timeout per step and at least [fleet]
connectRetries connection retries.`,
		Namespaces: []string{"check", "prepare", "deploy"},
		Run:        runFleet,
	})
}

func runFleet(ctx context.Context, inv *Invocation) error {
	if len(inv.Args) != 1 {
		return usagef("fleet needs one of plan, prepare, deploy: pgfleet fleet plan")
	}
	fl, err := loadFleet(inv)
	if err != nil {
		return err
	}
	switch inv.Args[0] {
	case "plan":
		return fleetPlan(inv, fl)
	case "prepare":
		return fleetPrepare(ctx, inv, fl)
	case "deploy":
		return fleetDeploy(ctx, inv, fl)
	}
	return usagef("unknown fleet operation %q: use plan, prepare or deploy", inv.Args[0])
}

// fleetPlan prints the rollout as one line of JSON, for $GITHUB_OUTPUT.
func fleetPlan(inv *Invocation, fl *fleet.Fleet) error {
	r, err := fleet.Plan(fl.Targets, fl.Settings, fleet.PlanOptions{})
	if err != nil {
		return err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encoding the rollout: %w", err)
	}
	inv.print(inv.stdout, string(b))
	var human []string
	for _, w := range r.Waves {
		human = append(human, fmt.Sprintf("%s: %d targets in %d jobs", w.Name, len(w.Targets), len(w.Matrix.Include)))
	}
	inv.Logf("Rollout of %d targets: %s", r.Targets, strings.Join(human, "; "))
	return nil
}

// fleetPrepareResult is fleet prepare's JSON output.
type fleetPrepareResult struct {
	Targets []fleetTargetResult `json:"targets"`
}

type fleetTargetResult struct {
	fleet.Outcome
	ScriptFilename string `json:"scriptFilename,omitempty"`
}

func fleetPrepare(ctx context.Context, inv *Invocation, fl *fleet.Fleet) error {
	inv.Logf("Preparing %d targets, %d at a time, into %s", len(fl.Targets), fl.Settings.Parallelism, fl.Settings.ScriptFolder)
	outs := fleet.Run(ctx, fl.Targets, func(ctx context.Context, name string) error {
		out, err := prepareTarget(ctx, inv, fl, name)
		inv.Logf("%s", indent(name, out))
		return err
	}, fleet.RunOptions{Parallelism: fl.Settings.Parallelism, Timeout: fl.Settings.Timeout})
	res := fleetPrepareResult{}
	var lines []string
	for _, o := range outs {
		r := fleetTargetResult{Outcome: o}
		status := "no changes"
		if fileExists(targetScript(fl, o.Target)) {
			r.ScriptFilename = targetScript(fl, o.Target)
			status = "script " + r.ScriptFilename
		}
		if o.Err != nil {
			status = "FAILED: " + o.Error
		}
		res.Targets = append(res.Targets, r)
		lines = append(lines, fmt.Sprintf("  %s: %s", o.Target, status))
	}
	if err := inv.Result(res, "Prepared the fleet:\n"+strings.Join(lines, "\n")); err != nil {
		return err
	}
	return outcomeErrors("prepare", outs)
}

func fleetDeploy(ctx context.Context, inv *Invocation, fl *fleet.Fleet) error {
	r, err := fleet.Plan(fl.Targets, fl.Settings, fleet.PlanOptions{})
	if err != nil {
		return err
	}
	run := fleet.RunOptions{Parallelism: fl.Settings.Parallelism, Timeout: fl.Settings.Timeout, StopOnFailure: fl.Settings.StopOnFailure}
	d := fleet.Deployer{
		Deploy: func(ctx context.Context, name string) error {
			out, err := deployTarget(ctx, inv, fl, name)
			inv.Logf("%s", indent(name, out))
			return err
		},
		Refresh: func(ctx context.Context, targets []string) error {
			outs := fleet.Run(ctx, targets, func(ctx context.Context, name string) error {
				out, err := prepareTarget(ctx, inv, fl, name)
				inv.Logf("%s", indent(name, out))
				return err
			}, fleet.RunOptions{Parallelism: run.Parallelism, Timeout: run.Timeout})
			return outcomeErrors("re-prepare", outs)
		},
	}
	res, err := fleet.Execute(ctx, r, d, fleet.RolloutOptions{RunOptions: run, RecheckAfter: fl.Settings.RecheckAfter, Logf: inv.Logf})
	var lines []string
	for _, w := range res.Waves {
		ok := len(w.Outcomes) - len(fleet.Failed(w.Outcomes))
		lines = append(lines, fmt.Sprintf("  %s: %d of %d targets deployed in %d ms", w.Name, ok, len(w.Outcomes), w.DurationMS))
	}
	human := "Rollout complete:\n" + strings.Join(lines, "\n")
	if !res.Completed {
		human = "Rollout stopped:\n" + strings.Join(lines, "\n")
	}
	if rerr := inv.Result(res, human); rerr != nil {
		return rerr
	}
	return err
}

// outcomeErrors joins the failed targets' errors, keeping their exit codes.
func outcomeErrors(op string, outs []fleet.Outcome) error {
	var errs []error
	for _, o := range fleet.Failed(outs) {
		errs = append(errs, fmt.Errorf("%s of %s: %w", op, o.Target, o.Err))
	}
	return errors.Join(errs...)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
