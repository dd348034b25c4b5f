package fleet

import (
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// MaxJobs is GitHub Actions' limit of jobs per matrix. Waves larger than
// this are split into shards: several targets per job.
const MaxJobs = 256

// Rollout is the order a deployment reaches the fleet: the canary alone,
// then the waves. It is JSON for a workflow's fromJSON: each wave carries a
// ready matrix, and Matrix covers every target (for prepare and drift
// jobs).
type Rollout struct {
	// Targets counts the fleet's targets.
	Targets int `json:"targets"`
	// Canary is the target deployed first, alone ("" when none).
	Canary string `json:"canary,omitempty"`
	// Parallelism is [fleet] parallelism.
	Parallelism int `json:"parallelism"`
	// Waves are in deployment order, the canary's first.
	Waves []Wave `json:"waves"`
	// Matrix has every target, sharded to fit MaxJobs.
	Matrix Matrix `json:"matrix"`
}

// Wave is one step of a rollout.
type Wave struct {
	// Name is "canary" or "wave-N".
	Name string `json:"name"`
	// Targets are the wave's environments, sorted.
	Targets []string `json:"targets"`
	// Matrix is the wave as a GitHub Actions matrix.
	Matrix Matrix `json:"matrix"`
}

// Matrix is a GitHub Actions matrix: strategy.matrix: ${{ fromJSON(...) }}.
type Matrix struct {
	Include []Job `json:"include"`
}

// Job is one matrix job: one shard of targets.
type Job struct {
	// Shard names the job: "wave-1", or "wave-1-3" when the wave is split.
	Shard string `json:"shard"`
	// Targets is the shard's comma list, for -environment=.
	Targets string `json:"targets"`
	// Environment is the target when the shard holds one, so the job can
	// attach to the GitHub environment of the same name.
	Environment string `json:"environment,omitempty"`
}

// PlanOptions tunes Plan.
type PlanOptions struct {
	// MaxJobs caps the jobs of a matrix; 0 means MaxJobs.
	MaxJobs int
}

// Plan orders targets (sorted environment names) into a rollout: the
// canary, then each wave. Percent waves are cumulative shares of the
// targets after the canary, in name order; name waves take the targets
// their globs match that no earlier wave took. Targets no wave covers form
// a last wave. The result depends only on its inputs.
func Plan(targets []string, f config.Fleet, opts PlanOptions) (*Rollout, error) {
	max := opts.MaxJobs
	if max <= 0 {
		max = MaxJobs
	}
	r := &Rollout{Targets: len(targets), Canary: f.Canary, Parallelism: f.Parallelism, Waves: []Wave{}}
	rest := targets
	if f.Canary != "" {
		i := indexOf(targets, f.Canary)
		if i < 0 {
			return nil, exitcode.Newf(exitcode.Usage, "[fleet] canary %q is not a fleet target (targets: %s): fix canary or [fleet] include/exclude",
				f.Canary, describe(targets))
		}
		rest = append(append([]string{}, targets[:i]...), targets[i+1:]...)
		r.Waves = append(r.Waves, newWave("canary", []string{f.Canary}, max))
	}
	groups, err := waveGroups(rest, f.Waves)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		r.Waves = append(r.Waves, newWave(fmt.Sprintf("wave-%d", len(r.Waves)+boolInt(f.Canary == "")), g, max))
	}
	r.Matrix = shard("all", targets, max)
	return r, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// waveGroups splits targets into the waves' groups, dropping empty ones.
func waveGroups(targets []string, waves []config.Wave) ([][]string, error) {
	taken := map[string]bool{}
	var groups [][]string
	prev := 0
	for i, w := range waves {
		var g []string
		if w.Percent > 0 {
			end := (w.Percent*len(targets) + 99) / 100
			g = targets[prev:end]
			prev = end
		} else {
			picked := map[string]bool{}
			for _, p := range w.Names {
				n, err := match(targets, p, picked)
				if err != nil {
					return nil, err
				}
				if n == 0 {
					return nil, exitcode.Newf(exitcode.Usage, "[fleet] waves: wave %d names %q, which matches no target (targets: %s)", i+1, p, describe(targets))
				}
			}
			for _, t := range sortedSet(picked) {
				if !taken[t] {
					g = append(g, t)
				}
			}
		}
		for _, t := range g {
			taken[t] = true
		}
		if len(g) > 0 {
			groups = append(groups, g)
		}
	}
	var left []string
	for _, t := range targets {
		if !taken[t] {
			left = append(left, t)
		}
	}
	if len(left) > 0 {
		groups = append(groups, left)
	}
	return groups, nil
}

func newWave(name string, targets []string, max int) Wave {
	return Wave{Name: name, Targets: targets, Matrix: shard(name, targets, max)}
}

// shard splits targets into at most max jobs of consecutive targets, as
// even as possible.
func shard(name string, targets []string, max int) Matrix {
	m := Matrix{Include: []Job{}}
	jobs := min(len(targets), max)
	if jobs == 0 {
		return m
	}
	start := 0
	for j := 0; j < jobs; j++ {
		end := start + len(targets)/jobs
		if j < len(targets)%jobs {
			end++
		}
		part := targets[start:end]
		job := Job{Shard: name, Targets: strings.Join(part, ",")}
		if jobs > 1 {
			job.Shard = fmt.Sprintf("%s-%d", name, j+1)
		}
		if len(part) == 1 {
			job.Environment = part[0]
		}
		m.Include = append(m.Include, job)
		start = end
	}
	return m
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
