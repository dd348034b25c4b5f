package cli

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/codereview"
	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/migrate"
	"github.com/pgfleet/pgfleet/internal/report"
)

// checkCode reviews SQL: the prepared script (-scope=script) or the
// migrations under locations (every one, or only the pending ones).
func checkCode(ctx context.Context, inv *Invocation) (report.Section, error) {
	cfg, err := inv.Config()
	if err != nil {
		return nil, err
	}
	env, err := inv.Environment()
	if err != nil {
		return nil, err
	}
	reviewer, err := newReviewer(cfg, env)
	if err != nil {
		return nil, err
	}
	files, rules, err := codeScope(ctx, cfg, env)
	if err != nil {
		return nil, err
	}
	results, err := reviewer.CheckFiles(ctx, files)
	if err != nil {
		return nil, err
	}
	results = append(results, codereview.ReviewDeployRules(rules, cfg.Environments())...)
	cr := report.NewCodeReview(results, reviewer.Rules())
	cr.Header = sectionHeader(report.OpCode, env)
	cr.Warnings = append(cr.Warnings, reviewer.Warnings()...)
	if c := cr.Counts(); c.Errors > 0 && env.Flyway.Check.FailOnError {
		return cr, exitcode.Newf(exitcode.CodeReview, "code review found %d error-severity violations (%s)", c.Errors, violationCodes(cr))
	}
	return cr, nil
}

// newReviewer builds the rules: the built-in ones and those of
// rulesLocation, which may be absent unless it was set explicitly.
func newReviewer(cfg *config.Config, env config.Environment) (*codereview.Reviewer, error) {
	opts := codereview.Options{Dialect: env.Flyway.Check.RulesDialect, NoBuiltins: !env.Flyway.Check.RegexEnabled}
	loc := env.Flyway.Check.RulesLocation
	if _, err := os.Stat(loc); err == nil {
		opts.RulesLocation = loc
	} else if cfg.IsSet(env.Name, "flyway.check.rulesLocation") {
		return nil, exitcode.Newf(exitcode.Usage, "rulesLocation %s: %v; create the folder or remove the setting", loc, unwrapPathError(err))
	}
	r, err := codereview.New(opts)
	if err != nil {
		return nil, exitcode.New(exitcode.Usage, err)
	}
	return r, nil
}

// codeScope lists the files to review and the Deploy Rules to lint.
func codeScope(ctx context.Context, cfg *config.Config, env config.Environment) ([]string, []codereview.DeployRule, error) {
	scope := strings.ToUpper(env.Flyway.Check.Scope)
	if scope == "SCRIPT" {
		path := env.Flyway.CheckScriptFilename()
		if _, err := os.Stat(path); err != nil {
			return nil, nil, exitcode.Newf(exitcode.Usage, "code review: script %s: %v; prepare it first or set -scriptFilename", path, unwrapPathError(err))
		}
		return []string{path}, nil, nil
	}
	opts, err := migrateOptions(env, cfg.WorkingDirectory)
	if err != nil {
		return nil, nil, err
	}
	disc, err := migrate.Discover(opts)
	if err != nil {
		return nil, nil, exitcode.New(exitcode.Usage, err)
	}
	pending := map[string]bool{}
	if scope == "PENDING" {
		if pending, err = pendingFiles(ctx, env, opts); err != nil {
			return nil, nil, err
		}
	}
	var files []string
	var rules []codereview.DeployRule
	for _, m := range append(append([]*migrate.Migration{}, disc.Migrations...), disc.Undos...) {
		if scope == "PENDING" && !pending[m.Path] {
			continue
		}
		files = append(files, m.Path)
		if m.Rule != nil {
			rules = append(rules, codereview.DeployRule{Rule: m.Rule, Line: m.Config.ShouldExecuteLine, Placeholders: placeholderNames(env)})
		}
	}
	sort.Strings(files)
	return files, rules, nil
}

// pendingFiles asks the target which migrations are pending.
func pendingFiles(ctx context.Context, env config.Environment, opts migrate.Options) (map[string]bool, error) {
	conn, err := connect(ctx, env)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	info, err := migrate.Info(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, m := range info.Migrations {
		if m.State == migrate.StatePending || m.State == migrate.StateOutdated {
			out[m.Filepath] = true
		}
	}
	return out, nil
}

func placeholderNames(env config.Environment) []string {
	var out []string
	for k := range env.Flyway.Placeholders {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func violationCodes(cr *report.CodeReview) string {
	seen := map[string]bool{}
	var codes []string
	for _, f := range cr.Results {
		for _, v := range f.Violations {
			if !v.Warning && !seen[v.Code] {
				seen[v.Code] = true
				codes = append(codes, v.Code)
			}
		}
	}
	sort.Strings(codes)
	return strings.Join(codes, ", ")
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
