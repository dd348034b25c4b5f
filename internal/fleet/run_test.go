package fleet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/config"
)

func TestRun(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name      string
		opts      RunOptions
		fail      string // target whose work fails
		slow      string // target whose work outlives the timeout
		wantErr   map[string]string
		wantSkips int
	}{
		{name: "all succeed", opts: RunOptions{Parallelism: 3}},
		{name: "failure is an outcome", opts: RunOptions{Parallelism: 2}, fail: "db-0003",
			wantErr: map[string]string{"db-0003": "boom"}},
		{name: "stop on failure skips the rest", opts: RunOptions{Parallelism: 1, StopOnFailure: true}, fail: "db-0001",
			wantErr: map[string]string{"db-0001": "boom"}, wantSkips: 8},
		{name: "timeout", opts: RunOptions{Parallelism: 4, Timeout: 50 * time.Millisecond}, slow: "db-0005",
			wantErr: map[string]string{"db-0005": "timed out after 50ms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var running, peak atomic.Int32
			outs := Run(context.Background(), names(10), func(ctx context.Context, target string) error {
				n := running.Add(1)
				defer running.Add(-1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(5 * time.Millisecond)
				switch target {
				case tt.fail:
					return boom
				case tt.slow:
					<-ctx.Done()
					return ctx.Err()
				}
				return nil
			}, tt.opts)
			if int(peak.Load()) > tt.opts.Parallelism {
				t.Errorf("%d targets ran at once, parallelism %d", peak.Load(), tt.opts.Parallelism)
			}
			skips := 0
			for i, o := range outs {
				if o.Target != names(10)[i] {
					t.Fatalf("outcome %d is %s", i, o.Target)
				}
				if o.Skipped {
					skips++
					continue
				}
				want := tt.wantErr[o.Target]
				if (o.Err != nil) != (want != "") || want != "" && !strings.Contains(o.Error, want) {
					t.Errorf("%s: error %v, want %q", o.Target, o.Err, want)
				}
			}
			if skips != tt.wantSkips {
				t.Errorf("%d skipped, want %d", skips, tt.wantSkips)
			}
		})
	}
}

func TestExecute(t *testing.T) {
	r, err := Plan(names(10), config.Fleet{Canary: "db-0000", Waves: []config.Wave{{Percent: 30}, {Percent: 100}}, Parallelism: 2}, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		fail         string
		slowWave     string // the wave holding this target takes "long"
		recheckAfter time.Duration
		wantWaves    int
		wantRecheck  []string
		wantErr      string
	}{
		{name: "all waves", wantWaves: 3},
		{name: "canary failure stops the rollout", fail: "db-0000", wantWaves: 1, wantErr: "canary failed on 1 of 1"},
		{name: "wave failure stops later waves", fail: "db-0002", wantWaves: 2, wantErr: "stopped before 1 later waves"},
		{name: "slow wave re-checks the next", slowWave: "db-0001", recheckAfter: time.Minute, wantWaves: 3,
			wantRecheck: []string{"db-0004,db-0005,db-0006,db-0007,db-0008,db-0009"}},
		{name: "no window, no re-check", slowWave: "db-0001", wantWaves: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := time.Unix(0, 0)
			var refreshed []string
			d := Deployer{
				Deploy: func(ctx context.Context, target string) error {
					if target == tt.slowWave {
						clock = clock.Add(time.Hour)
					}
					if target == tt.fail {
						return fmt.Errorf("deploying %s: boom", target)
					}
					return nil
				},
				Refresh: func(ctx context.Context, targets []string) error {
					refreshed = append(refreshed, strings.Join(targets, ","))
					return nil
				},
			}
			var log bytes.Buffer
			res, err := Execute(context.Background(), r, d, RolloutOptions{RunOptions: RunOptions{Parallelism: 1, StopOnFailure: true},
				RecheckAfter: tt.recheckAfter, Now: func() time.Time { return clock }, Logf: func(f string, a ...any) { fmt.Fprintf(&log, f+"\n", a...) }})
			if (err != nil) != (tt.wantErr != "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if len(res.Waves) != tt.wantWaves || res.Completed != (tt.wantErr == "") {
				t.Errorf("%d waves ran (completed %v), want %d", len(res.Waves), res.Completed, tt.wantWaves)
			}
			if strings.Join(refreshed, ";") != strings.Join(tt.wantRecheck, ";") {
				t.Errorf("refreshed %q, want %q\n%s", refreshed, tt.wantRecheck, log.String())
			}
		})
	}
}

func TestSweepReport(t *testing.T) {
	targets := []string{"ap-southeast-2", "eu-west-1", "us-east-1", "sa-east-1"}
	check := func(ctx context.Context, target string) (TargetResult, error) {
		switch target {
		case "eu-west-1":
			return TargetResult{Status: StatusDrifted, Objects: []Object{{"table", "app.orders", "changed"}, {"index", "app.orders_ix", "added"}}}, nil
		case "sa-east-1":
			return TargetResult{}, errors.New("connecting to environment sa-east-1: connection refused")
		case "us-east-1":
			return TargetResult{Status: StatusSkipped}, nil
		}
		return TargetResult{Status: StatusClean}, nil
	}
	var progress bytes.Buffer
	rep := Sweep(context.Background(), targets, check, RunOptions{Parallelism: 2}, NewProgress(&progress, len(targets), false))
	if rep.Summary != (Summary{Targets: 4, Clean: 1, Drifted: 1, Skipped: 1, Failed: 1}) {
		t.Errorf("summary %+v", rep.Summary)
	}
	if rep.Targets[0].Target != "sa-east-1" || rep.Targets[1].Target != "eu-west-1" {
		t.Errorf("failed then drifted targets come first: %v", rep.Targets)
	}
	if strings.Join(rep.Kinds, ",") != "index,table" {
		t.Errorf("kinds %v", rep.Kinds)
	}
	if n := strings.Count(progress.String(), "\n"); n != 4 || !strings.Contains(progress.String(), "eu-west-1: drifted (2 objects)") {
		t.Errorf("progress lines:\n%s", progress.String())
	}
	md := rep.Markdown()
	for _, want := range []string{"4 targets, 1 drifted, 1 failed", "| `eu-west-1` | 🟠 drifted | table `app.orders` changed<br>index", "connection refused"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	var html bytes.Buffer
	if err := rep.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<th class="k">index</th>`, `title="eu-west-1: 1 table"`, "connection refused", "<!DOCTYPE html>"} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(html.String(), "<script") || strings.Contains(html.String(), "http") {
		t.Error("the HTML report must be self-contained")
	}
}
