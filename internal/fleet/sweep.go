package fleet

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Status is a target's drift status in a sweep.
type Status string

// Drift statuses, in the order reports list them.
const (
	StatusFailed  Status = "failed"  // unreachable, timed out or errored
	StatusDrifted Status = "drifted" // differs from its deployed snapshot
	StatusSkipped Status = "skipped" // no snapshot yet: never deployed
	StatusClean   Status = "clean"
)

// Object is one drifted object of a target.
type Object struct {
	Kind   string `json:"kind"`
	Name   string `json:"name"`
	Change string `json:"change"` // "added", "dropped" or "changed" since the deployment
}

// TargetResult is one target's drift check.
type TargetResult struct {
	Target     string   `json:"target"`
	Status     Status   `json:"status"`
	Error      string   `json:"error,omitempty"`
	DurationMS int64    `json:"durationMs"`
	Objects    []Object `json:"objects"`
	Warnings   []string `json:"warnings,omitempty"`
}

// DriftCheck checks one target. It returns the result's Status, Objects
// and Warnings; an error makes the target failed.
type DriftCheck func(ctx context.Context, target string) (TargetResult, error)

// Sweep checks every target for drift with bounded parallelism and a
// per-target timeout, and gathers one report. progress, when set, sees each
// target as it finishes.
func Sweep(ctx context.Context, targets []string, check DriftCheck, opts RunOptions, progress *Progress) *Report {
	start := time.Now()
	results := make(map[string]TargetResult, len(targets))
	opts.StopOnFailure = false
	done := opts.OnDone
	var mu sync.Mutex
	opts.OnDone = func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		r := results[o.Target]
		r.Target, r.DurationMS = o.Target, o.Duration.Milliseconds()
		if o.Err != nil {
			r.Status, r.Error, r.Objects = StatusFailed, o.Error, nil
		}
		if r.Objects == nil {
			r.Objects = []Object{}
		}
		results[o.Target] = r
		progress.Done(r)
		if done != nil {
			done(o)
		}
	}
	Run(ctx, targets, func(ctx context.Context, target string) error {
		r, err := check(ctx, target)
		mu.Lock()
		results[target] = r
		mu.Unlock()
		return err
	}, opts)
	progress.Finish()
	list := make([]TargetResult, 0, len(targets))
	for _, t := range targets {
		list = append(list, results[t])
	}
	return NewReport(list, opts.Parallelism, time.Since(start))
}

// Summary counts targets by status.
type Summary struct {
	Targets int `json:"targets"`
	Clean   int `json:"clean"`
	Drifted int `json:"drifted"`
	Skipped int `json:"skipped"`
	Failed  int `json:"failed"`
}

// Report is the fleet drift report.
type Report struct {
	GeneratedAt time.Time `json:"generatedAt"`
	DurationMS  int64     `json:"durationMs"`
	Parallelism int       `json:"parallelism"`
	Summary     Summary   `json:"summary"`
	// Kinds are the object kinds that drifted anywhere, sorted: the heat
	// map's columns.
	Kinds   []string       `json:"kinds"`
	Targets []TargetResult `json:"targets"`
}

// NewReport gathers results, listed failed first, then drifted, skipped and
// clean, each by name.
func NewReport(results []TargetResult, parallelism int, took time.Duration) *Report {
	r := &Report{GeneratedAt: time.Now().UTC(), DurationMS: took.Milliseconds(), Parallelism: parallelism,
		Kinds: []string{}, Targets: append([]TargetResult{}, results...)}
	kinds := map[string]bool{}
	for _, t := range results {
		r.Summary.Targets++
		switch t.Status {
		case StatusClean:
			r.Summary.Clean++
		case StatusDrifted:
			r.Summary.Drifted++
		case StatusSkipped:
			r.Summary.Skipped++
		default:
			r.Summary.Failed++
		}
		for _, o := range t.Objects {
			kinds[o.Kind] = true
		}
	}
	r.Kinds = sortedSet(kinds)
	rank := map[Status]int{StatusFailed: 0, StatusDrifted: 1, StatusSkipped: 2, StatusClean: 3}
	sort.SliceStable(r.Targets, func(i, j int) bool {
		a, b := r.Targets[i], r.Targets[j]
		if rank[a.Status] != rank[b.Status] {
			return rank[a.Status] < rank[b.Status]
		}
		return a.Target < b.Target
	})
	return r
}

// Count returns how many of t's drifted objects are of kind.
func (t TargetResult) Count(kind string) int {
	n := 0
	for _, o := range t.Objects {
		if o.Kind == kind {
			n++
		}
	}
	return n
}
