// Package action is pgfleet's GitHub Actions adapter. `pgfleet action MODE`
// reads the step's inputs (INPUT_* variables), masks every secret, runs the
// same pgfleet command lines a user would run (through an injected CLI
// function, never its own deployment logic) and turns their results into
// step outputs, a step summary, annotations, a pull-request comment, a
// check run, a SARIF upload and artifacts.
package action

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// CLIFunc runs one pgfleet command line and returns its exit code, as
// cli.Main does.
type CLIFunc func(ctx context.Context, args []string, stdout, stderr io.Writer) int

// Options are what an action run needs from its process.
type Options struct {
	// Getenv reads the step's environment; nil means os.Getenv.
	Getenv func(string) string
	// Stdout receives the log and the workflow commands; nil means
	// os.Stdout.
	Stdout io.Writer
	// CLI runs pgfleet command lines (cli.Main).
	CLI CLIFunc
	// HTTPClient is used for the GitHub API and the artifact service; nil
	// means a client with a 60 s timeout.
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// mode is one action: its inputs and what it does.
type mode struct {
	// title heads the step summary.
	title  string
	inputs []Input
	run    func(ctx context.Context, s *step) int
}

var modes = map[string]*mode{}

// Modes returns the names of the modes `pgfleet action` accepts, sorted.
func Modes() []string {
	out := make([]string, 0, len(modes))
	for m := range modes {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// InputsOf returns the inputs of mode, in declaration order, for tests and
// documentation; nil for an unknown mode.
func InputsOf(name string) []Input {
	m, ok := modes[name]
	if !ok {
		return nil
	}
	return append([]Input(nil), m.inputs...)
}

// Run runs the action mode name and returns the process exit code: 0, or
// the exit code of the first pgfleet command that failed the step (2 for
// invalid inputs).
func Run(ctx context.Context, name string, opts Options) int {
	opts = withDefaults(opts)
	m, ok := modes[name]
	if !ok {
		fmt.Fprintf(opts.Stdout, "::error::unknown action mode %q: use one of %s (see action.yml)\n", name, strings.Join(Modes(), ", "))
		return exitcode.Usage
	}
	s := newStep(name, m, opts)
	in, err := readInputs(m.inputs, opts.Getenv)
	for _, name := range []string{"extra-args", "args"} {
		if _, splitErr := splitArgs(in[name]); splitErr != nil && err == nil {
			err = fmt.Errorf("input %s: %w; close the quote or escape it with a backslash", name, splitErr)
		}
	}
	s.in = in
	s.maskInputs() // before anything else is printed, even on error
	if err != nil {
		s.fail("%s", err)
		s.finish(ctx, exitcode.Usage)
		return exitcode.Usage
	}
	code := m.run(ctx, s)
	s.finish(ctx, code)
	return code
}

func withDefaults(o Options) Options {
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Stdout == nil {
		o.Stdout = os.Stdout
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// newGHA returns a go-githubactions client over opts.
func newGHA(opts Options) *githubactions.Action {
	return githubactions.New(githubactions.WithWriter(opts.Stdout), githubactions.WithGetenv(opts.Getenv),
		githubactions.WithHTTPClient(opts.HTTPClient))
}
