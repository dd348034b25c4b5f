package fleet

import (
	"context"
	"fmt"
	"time"
)

// Deployer is the per-target work of a rollout.
type Deployer struct {
	// Deploy applies the target's prepared script.
	Deploy Work
	// Refresh re-checks drift on targets and regenerates their scripts:
	// run before a wave when the wave before it took longer than
	// RolloutOptions.RecheckAfter.
	Refresh func(ctx context.Context, targets []string) error
}

// RolloutOptions tunes Execute.
type RolloutOptions struct {
	RunOptions
	// RecheckAfter is the seed's window: a wave that took longer makes
	// the next wave's targets re-checked first. 0 means never.
	RecheckAfter time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logf narrates the rollout; nil means silence.
	Logf func(format string, args ...any)
}

// WaveResult is how a wave went.
type WaveResult struct {
	Name       string    `json:"name"`
	Outcomes   []Outcome `json:"outcomes"`
	DurationMS int64     `json:"durationMs"`
	// Rechecked says the wave's targets were re-checked and re-prepared
	// before it ran.
	Rechecked bool `json:"rechecked,omitempty"`
}

// RolloutResult is how a rollout went; waves that never ran are absent.
type RolloutResult struct {
	Waves []WaveResult `json:"waves"`
	// Completed says every wave ran and every target succeeded.
	Completed bool `json:"completed"`
}

// Execute walks the rollout wave by wave. Within a wave targets run with
// bounded parallelism; a wave with a failed target ends the rollout. When
// a wave took longer than RecheckAfter, the next wave's targets are
// refreshed (drift re-checked, scripts regenerated) before it starts.
func Execute(ctx context.Context, r *Rollout, d Deployer, opts RolloutOptions) (*RolloutResult, error) {
	now, logf := opts.Now, opts.Logf
	if now == nil {
		now = time.Now
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	res := &RolloutResult{Waves: []WaveResult{}}
	var last time.Duration
	for i, w := range r.Waves {
		wr := WaveResult{Name: w.Name}
		if i > 0 && opts.RecheckAfter > 0 && last > opts.RecheckAfter && d.Refresh != nil {
			logf("%s took %s, longer than recheckAfter=%s: re-checking drift and re-preparing %s", r.Waves[i-1].Name,
				last.Round(time.Millisecond), opts.RecheckAfter, describe(w.Targets))
			if err := d.Refresh(ctx, w.Targets); err != nil {
				return res, fmt.Errorf("refreshing %s before it starts: %w", w.Name, err)
			}
			wr.Rechecked = true
		}
		logf("%s: deploying to %s", w.Name, describe(w.Targets))
		start := now()
		wr.Outcomes = Run(ctx, w.Targets, d.Deploy, opts.RunOptions)
		last = now().Sub(start)
		wr.DurationMS = last.Milliseconds()
		res.Waves = append(res.Waves, wr)
		if f := Failed(wr.Outcomes); len(f) > 0 {
			return res, fmt.Errorf("%s failed on %d of %d targets (first: %s); the rollout stopped before %d later waves",
				w.Name, len(f), len(w.Targets), f[0].Error, len(r.Waves)-i-1)
		}
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("rollout interrupted after %s: %w", w.Name, err)
		}
	}
	res.Completed = true
	return res, nil
}
