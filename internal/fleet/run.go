package fleet

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Work is what a fleet run does to one target. It must honour ctx, which
// carries the per-target timeout.
type Work func(ctx context.Context, target string) error

// RunOptions bounds a run across targets.
type RunOptions struct {
	// Parallelism is how many targets are worked on at once (at least 1).
	Parallelism int
	// Timeout bounds each target's work; 0 means none.
	Timeout time.Duration
	// StopOnFailure stops starting targets once one failed; targets
	// already started finish.
	StopOnFailure bool
	// OnDone, when set, is called once per target as it finishes, never
	// concurrently.
	OnDone func(Outcome)
}

// Outcome is how one target's work ended.
type Outcome struct {
	Target   string        `json:"target"`
	Err      error         `json:"-"`
	Error    string        `json:"error,omitempty"`
	Duration time.Duration `json:"-"`
	// Skipped says the work never started: an earlier failure stopped the
	// run, or ctx was cancelled.
	Skipped bool `json:"skipped,omitempty"`
}

// ErrStopped is the error of a target skipped because another failed.
var ErrStopped = errors.New("not started: an earlier target failed and stopOnFailure is set")

// Run does work on every target with bounded parallelism and returns the
// outcomes in targets' order. A failure (or timeout) of one target is its
// outcome, never a panic of the run.
func Run(ctx context.Context, targets []string, work Work, opts RunOptions) []Outcome {
	out := make([]Outcome, len(targets))
	jobs := make(chan int)
	var mu sync.Mutex
	failed := false
	var wg sync.WaitGroup
	for w := 0; w < max(1, min(opts.Parallelism, len(targets))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				mu.Lock()
				stop := failed && opts.StopOnFailure
				mu.Unlock()
				o := runOne(ctx, targets[i], work, opts.Timeout, stop)
				mu.Lock()
				out[i] = o
				failed = failed || o.Err != nil && !o.Skipped
				if opts.OnDone != nil {
					opts.OnDone(o)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range targets {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

func runOne(ctx context.Context, target string, work Work, timeout time.Duration, stop bool) Outcome {
	o := Outcome{Target: target}
	switch {
	case stop:
		o.Err, o.Skipped = ErrStopped, true
	case ctx.Err() != nil:
		o.Err, o.Skipped = fmt.Errorf("not started: %w", ctx.Err()), true
	default:
		tctx, cancel := ctx, context.CancelFunc(func() {})
		if timeout > 0 {
			tctx, cancel = context.WithTimeout(ctx, timeout)
		}
		start := time.Now()
		o.Err = work(tctx, target)
		o.Duration = time.Since(start)
		if o.Err != nil && errors.Is(tctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
			o.Err = fmt.Errorf("%s: timed out after %s ([fleet] timeout): %w", target, timeout, o.Err)
		}
		cancel()
	}
	if o.Err != nil {
		o.Error = o.Err.Error()
	}
	return o
}

// Failed returns the outcomes that failed (skipped ones excluded).
func Failed(outs []Outcome) []Outcome {
	var f []Outcome
	for _, o := range outs {
		if o.Err != nil && !o.Skipped {
			f = append(f, o)
		}
	}
	return f
}
