package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pgfleet/pgfleet/internal/demo"
	"github.com/pgfleet/pgfleet/internal/exitcode"
)

func init() {
	register(&Command{
		Name:    "demo",
		Summary: "Run the fleet rollout end to end on a throwaway local PostgreSQL, with narration",
		Description: `
Starts a throwaway PostgreSQL (the server binaries initdb and pg_ctl must be
on PATH or under /usr/lib/postgresql/*/bin), creates the targets eu-west-1,
us-east-1 and ap-southeast-2 and a build database, deploys the embedded
examples/fleet project to all three, drifts us-east-1 by hand and commits a
schema change, then runs the seed's pipeline: the drift sweep finds the
drift, each target's changes, prepare (the drifted target gets a different
script), code review, dry run, the canary deploy and the remaining wave. It
prints where the reports are and stops the server it started (Ctrl-C
included); the project folder with the reports is kept. Works from any
directory.`,
		Run: runDemo,
	})
}

func runDemo(ctx context.Context, inv *Invocation) (err error) {
	start := time.Now()
	out := inv.stdout
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	say("pgfleet demo: one schema model, three regional databases, the seed's state-based rollout end to end.\n")
	say("== 1. A throwaway PostgreSQL with the fleet")
	w, err := demo.Start(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("stopping the demo's PostgreSQL: %w", cerr)
		}
		say("\nCleaned up: the demo's PostgreSQL is stopped and its data removed (%s in all).", time.Since(start).Round(100*time.Millisecond))
		if ctx.Err() != nil {
			say("Interrupted.")
		}
	}()
	d := &demoRun{ctx: ctx, w: w, out: out, lookup: inv.Options.LookupEnv}
	say("   PostgreSQL on 127.0.0.1:%d with databases eu_west_1, us_east_1, ap_southeast_2 and build.", w.Port())
	say("   Project: %s (examples/fleet pointed at them, [fleet] canary = \"eu-west-1\").", w.Dir)
	say("   Each target reads its credentials from its own variables (EU_WEST_1_DB_USER, ...); the password prints as ***:")
	for _, step := range d.steps() {
		if err := step(); err != nil {
			return err
		}
	}
	say("\nReports:")
	say("   fleet drift report  %s", filepath.Join(w.Dir, "generated", "fleet-drift.html"))
	for _, t := range demo.Targets {
		say("   %-15s     %s", t, filepath.Join(w.Dir, "generated", t, "report.html"))
	}
	say("The project folder stays for you to read; remove it with: rm -rf %s", w.Dir)
	return nil
}

// demoRun runs pgfleet commands in-process against the demo's project.
type demoRun struct {
	ctx    context.Context
	w      *demo.World
	out    io.Writer
	lookup func(string) (string, bool)
}

func (d *demoRun) say(format string, args ...any) { fmt.Fprintf(d.out, format+"\n", args...) }

// pgfleet runs one command, shows it and its indented output, and checks
// its exit code.
func (d *demoRun) pgfleet(want int, args ...string) error {
	return d.pgfleetQuiet(false, want, args...)
}

// pgfleetQuiet is pgfleet; quiet leaves out per-object detail lines.
func (d *demoRun) pgfleetQuiet(quiet bool, want int, args ...string) error {
	d.say("\n   $ pgfleet %s", strings.Join(args, " "))
	lookup := func(k string) (string, bool) {
		if v, ok := d.w.Vars[k]; ok {
			return v, true
		}
		if k == "CI" && d.lookup != nil {
			return d.lookup(k)
		}
		return "", false
	}
	iw := &indentWriter{w: d.out, prefix: "     ", quiet: quiet}
	code := run(d.ctx, append([]string{"-workingDirectory=" + d.w.Dir}, args...), lookup, iw, iw)
	iw.flush()
	if err := d.ctx.Err(); err != nil {
		return fmt.Errorf("demo interrupted: %w", err)
	}
	if code != want {
		return exitcode.Newf(exitcode.Failed, "demo: pgfleet %s exited %d, expected %d (see its output above)", strings.Join(args, " "), code, want)
	}
	return nil
}

func (d *demoRun) steps() []func() error {
	return []func() error{
		func() error { return d.pgfleet(0, "-environment=eu-west-1", "config") },
		func() error {
			d.say("\n== 2. First deployment of examples/fleet to all three targets")
			d.say("   (per-object detail left out here; the same commands below show it)")
			if err := d.pgfleetQuiet(true, 0, "fleet", "prepare"); err != nil {
				return err
			}
			return d.pgfleetQuiet(true, 0, "fleet", "deploy")
		},
		func() error {
			d.say("\n== 3. Someone hot-fixes %s by hand: drift", demo.Drifted)
			d.say("%s", indentText("     ", demo.DriftSQL))
			if err := d.w.Drift(d.ctx); err != nil {
				return err
			}
			d.say("\n== 4. A schema change is committed to the model")
			d.say("     %s gains:\n     %s", demo.ModelChangeFile, strings.TrimSpace(demo.ModelChangeLine))
			return d.w.ChangeModel()
		},
		func() error {
			d.say("\n== 5. Drift sweep across the fleet, before any script is generated")
			if err := d.pgfleet(3, "-environment=*", "check", "-drift", "-failOnDrift=true"); err != nil {
				return err
			}
			d.say("   Exit 3: a pipeline stops here for %s until the drift is captured in the model or reverted.", demo.Drifted)
			d.say("   The demo carries on to show what drift does to the generated script.")
			return nil
		},
		func() error {
			d.say("\n== 6. Per target: changes, prepare, code review, dry run")
			if err := d.pgfleet(0, "fleet", "prepare"); err != nil {
				return err
			}
			d.say("\n   Each target got its own script; the drifted one differs, and code review flags its DROP COLUMN")
			d.say("   (with -failOnError=true that stops the pipeline; a reviewer reads these before approving):")
			return d.showScripts()
		},
		func() error {
			d.say("\n== 7. Canary first, then the remaining wave")
			return d.pgfleet(0, "fleet", "deploy")
		},
		func() error {
			d.say("\n== 8. The fleet converged: a last sweep finds no drift")
			return d.pgfleet(0, "-environment=*", "check", "-drift", "-failOnDrift=true")
		},
	}
}

// showScripts lists the steps of each target's generated script.
func (d *demoRun) showScripts() error {
	for _, t := range demo.Targets {
		path := filepath.Join(d.w.Dir, "generated", t, "D__deployment.sql")
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		d.say("     generated/%s/D__deployment.sql", t)
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if l := sc.Text(); strings.HasPrefix(l, "-- step ") {
				d.say("       %s", strings.TrimPrefix(l, "-- "))
			}
		}
	}
	return nil
}

func indentText(prefix, s string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

// indentWriter prefixes every line written through it; quiet drops
// per-object detail lines ("[target]   + ...") and report paths.
type indentWriter struct {
	w       io.Writer
	prefix  string
	quiet   bool
	partial []byte
}

func (iw *indentWriter) Write(p []byte) (int, error) {
	iw.partial = append(iw.partial, p...)
	for {
		i := bytes.IndexByte(iw.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := iw.partial[:i]
		iw.partial = iw.partial[i+1:]
		if iw.quiet && (bytes.Contains(line, []byte("]   ")) || bytes.Contains(line, []byte("] Report: "))) {
			continue
		}
		if _, err := fmt.Fprintf(iw.w, "%s%s\n", iw.prefix, line); err != nil {
			return 0, err
		}
	}
}

func (iw *indentWriter) flush() {
	if len(iw.partial) > 0 {
		fmt.Fprintf(iw.w, "%s%s\n", iw.prefix, iw.partial)
		iw.partial = nil
	}
}
