package cli

import (
	"context"
	"os"
	"strings"

	"github.com/pgfleet/pgfleet/internal/action"
	"github.com/pgfleet/pgfleet/internal/exitcode"
)

func init() {
	register(&Command{
		Name:    "action",
		Summary: "Run as a GitHub Action step (what the action.yml files call)",
		Args:    "MODE",
		Description: `
Runs one of pgfleet's GitHub Actions: MODE is setup, state-prepare,
state-deploy, prepare, deploy or run (the root action). Inputs come from the
INPUT_<NAME> variables the runner sets (hyphens kept); every secret is
masked with ::add-mask:: before anything is printed. The mode runs the same
pgfleet command lines a user would (check -drift, check -changes, prepare,
check -code, check -dryrun, deploy, info, migrate) and reports their results
as step outputs (GITHUB_OUTPUT), a step summary, annotations, a sticky pull
request comment and a check run (with a token on pull_request events), SARIF
for code scanning and artifacts (artifact v4 protocol). The exit code is the
first failing command's.`,
		Run: runAction,
	})
}

func runAction(ctx context.Context, inv *Invocation) error {
	if len(inv.Args) != 1 {
		return usagef("action needs exactly one MODE: %s", strings.Join(action.Modes(), ", "))
	}
	code := action.Run(ctx, inv.Args[0], action.Options{Getenv: os.Getenv, Stdout: inv.stdout, CLI: Main})
	if code != exitcode.OK {
		return exitcode.Newf(code, "action %s failed with exit code %d: see the annotations and the step summary", inv.Args[0], code)
	}
	return nil
}
