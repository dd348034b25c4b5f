package fleet

import (
	"github.com/pgfleet/pgfleet/internal/config"
)

// Fleet is a configuration's fleet: its validated [fleet] table and the
// targets a selector picked.
type Fleet struct {
	Settings config.Fleet
	Targets  []string
}

// FromConfig returns the fleet of cfg: the environments [fleet]
// include/exclude keep (never the build environment), narrowed by
// selector (a comma list of names and globs) unless it is "".
// Environments are not resolved, so no credentials are needed.
func FromConfig(cfg *config.Config, selector string) (*Fleet, error) {
	f, err := cfg.Fleet()
	if err != nil {
		return nil, err
	}
	targets, err := Targets(cfg.Environments(), f, cfg.BuildEnvironmentName())
	if err != nil {
		return nil, err
	}
	if selector != "" {
		if targets, err = Select(targets, selector); err != nil {
			return nil, err
		}
	}
	return &Fleet{Settings: f, Targets: targets}, nil
}

// PlanConfig is Plan over the fleet of cfg: what `pgfleet fleet plan`
// prints and the setup action outputs.
func PlanConfig(cfg *config.Config, selector string, opts PlanOptions) (*Rollout, error) {
	fl, err := FromConfig(cfg, selector)
	if err != nil {
		return nil, err
	}
	return Plan(fl.Targets, fl.Settings, opts)
}
