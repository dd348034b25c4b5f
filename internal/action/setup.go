package action

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/fleet"
)

func init() {
	modes["setup"] = &mode{title: "pgfleet Setup", run: runSetup, inputs: []Input{
		inWorkingDirectory, textInput("environments"), textInput("exclude-environments"),
	}}
}

// runSetup validates the project's configuration and resolves the fleet:
// the environments output is a JSON array for matrix.target, in the order
// of the environments input (canary first) or the configuration's.
func runSetup(ctx context.Context, s *step) int {
	version := s.version(ctx)
	s.setOutput("version", version)
	s.row("pgfleet", version)
	lookup := func(k string) (string, bool) { v := s.opts.Getenv(k); return v, v != "" }
	cfg, err := config.Load(config.Options{WorkingDirectory: s.in.str("working-directory"), LookupEnv: lookup})
	if err != nil {
		s.fail("The project's configuration is invalid: %s", s.redact(err.Error()))
		s.row("Configuration", "❌ Invalid")
		return 2
	}
	envs, err := s.fleet(cfg.Environments())
	if err != nil {
		s.fail("%s", err)
		s.row("Fleet", "❌ Invalid")
		return 2
	}
	data, _ := json.Marshal(envs)
	s.setOutput("environments", string(data))
	rollout, err := fleet.PlanConfig(cfg, strings.Join(envs, ","), fleet.PlanOptions{})
	if err != nil {
		s.fail("Planning the rollout: %s", s.redact(err.Error()))
		s.row("Rollout", "❌ Invalid")
		return 2
	}
	plan, _ := json.Marshal(rollout)
	s.setOutput("rollout", string(plan))
	s.row("Rollout", fmt.Sprintf("%d waves (canary %q)", len(rollout.Waves), rollout.Canary))
	s.row("Configuration", fmt.Sprintf("✅ %s", strings.Join(cfg.Files, ", ")))
	s.row("Fleet", fmt.Sprintf("%d environments: %s", len(envs), "`"+strings.Join(envs, "`, `")+"`"))
	return 0
}

// fleet selects the environments: those of the environments input, which
// must all exist, else every configured one; minus exclude-environments.
func (s *step) fleet(configured []string) ([]string, error) {
	envs := configured
	if want := splitList(s.in.str("environments")); len(want) > 0 {
		for _, e := range want {
			if !slices.Contains(configured, e) {
				return nil, fmt.Errorf("input environments names %q, which is not an environment of the project (it has %s)", e, strings.Join(configured, ", "))
			}
		}
		envs = want
	}
	exclude := splitList(s.in.str("exclude-environments"))
	var out []string
	for _, e := range envs {
		if !slices.Contains(exclude, e) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the fleet is empty: define [environments.NAME] in flyway.toml, or check the environments inputs")
	}
	return out, nil
}

// version asks the CLI for its version.
func (s *step) version(ctx context.Context) string {
	r := s.pgfleet(ctx, "version")
	var v struct{ Version string }
	if !r.decodeResult(&v) {
		return "unknown"
	}
	return v.Version
}

// splitList splits a comma- or newline-separated list.
func splitList(v string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
