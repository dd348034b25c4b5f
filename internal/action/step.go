package action

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/report"
)

// step is one run of an action: its inputs and everything it reports.
type step struct {
	name string
	mode *mode
	opts Options
	gha  *githubactions.Action
	in   inputs

	secrets []string
	ann     *annotator
	// rows are the summary table's Check | Result rows.
	rows [][2]string
	// notes are Markdown blocks shown under the table (hazards, applied
	// migrations, errors).
	notes []string
	// report is the pre-deployment or deployment report, when one was
	// written; its details follow the notes.
	report *report.Report
	// uploads are the artifacts to upload, in order.
	uploads []upload
	// sarifPath is the code review's SARIF file, when there is one.
	sarifPath string
	// failure is the message that failed the step, "" when it passed.
	failure string
}

func newStep(name string, m *mode, opts Options) *step {
	gha := newGHA(opts)
	return &step{name: name, mode: m, opts: opts, gha: gha, ann: newAnnotator(gha)}
}

// maskInputs registers every secret with ::add-mask:: before anything else
// is printed: secret inputs, the secrets of the project's configuration,
// secret-looking keys of extra-args, and the runtime token.
func (s *step) maskInputs() {
	for _, sp := range s.mode.inputs {
		if sp.Kind == Secret {
			s.mask(s.in[sp.Name])
		}
	}
	s.mask(s.opts.Getenv("ACTIONS_RUNTIME_TOKEN"))
	extra, _ := splitArgs(s.in.str("extra-args"))
	cmdline, _ := splitArgs(s.in.str("args"))
	for _, a := range append(extra, cmdline...) {
		if k, v, ok := strings.Cut(strings.TrimLeft(a, "-"), "="); ok && config.IsSecretName(lastSegment(k)) {
			s.mask(v)
		}
	}
	lookup := func(k string) (string, bool) { v := s.opts.Getenv(k); return v, v != "" }
	cfg, err := config.Load(config.Options{WorkingDirectory: s.workingDirectory(), LookupEnv: lookup})
	if err == nil {
		for _, sec := range cfg.Secrets() {
			s.mask(sec)
		}
	}
}

func (s *step) mask(v string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	s.secrets = append(s.secrets, v)
	s.gha.AddMask(v)
}

func lastSegment(key string) string {
	if i := strings.LastIndex(key, "."); i >= 0 {
		return key[i+1:]
	}
	return key
}

// redact replaces the step's secrets in text.
func (s *step) redact(text string) string { return config.Redact(text, s.secrets) }

// workingDirectory is the working-directory input, or the process's.
func (s *step) workingDirectory() string {
	if wd := s.in.str("working-directory"); wd != "" {
		return wd
	}
	wd, _ := os.Getwd()
	return wd
}

// environment is the target environment's name.
func (s *step) environment() string { return s.in.str("target-environment") }

// targetArgs are the arguments that select the target and reach it.
func (s *step) targetArgs() []string {
	var args []string
	if wd := s.in.str("working-directory"); wd != "" {
		args = append(args, "-workingDirectory="+wd)
	}
	env := s.environment()
	if env == "" {
		return args // setup and the root action select no target
	}
	args = append(args, "-environment="+env)
	for _, k := range []struct{ input, key string }{{"target-url", "url"}, {"target-user", "user"},
		{"target-password", "password"}, {"target-schemas", "schemas"}} {
		if v := s.in.str(k.input); v != "" {
			args = append(args, "-environments."+env+"."+k.key+"="+v)
		}
	}
	return args
}

// cliRun is the outcome of one pgfleet command line.
type cliRun struct {
	code   int
	stdout []byte
}

// pgfleet runs one pgfleet command for the target, with -outputType=json
// and extra-args, in a log group; its human output and errors go to the
// log, errors as ::error annotations.
func (s *step) pgfleet(ctx context.Context, args ...string) *cliRun {
	extra, _ := splitArgs(s.in.str("extra-args"))
	full := append(append(append(s.targetArgs(), args...), "-outputType=json"), extra...)
	s.gha.Group(s.redact("pgfleet " + strings.Join(args, " ")))
	defer s.gha.EndGroup()
	var out, errOut bytes.Buffer
	code := s.opts.CLI(ctx, full, &out, &errOut)
	for _, line := range strings.Split(strings.TrimRight(errOut.String(), "\n"), "\n") {
		if msg, ok := strings.CutPrefix(line, "ERROR: "); ok {
			s.ann.add(annotation{Level: levelError, Title: "pgfleet " + args[0], Message: s.redact(msg)})
		} else if line != "" {
			s.gha.Infof("%s", s.redact(line))
		}
	}
	s.gha.Infof("exit code %d", code)
	return &cliRun{code: code, stdout: out.Bytes()}
}

// relPath makes p relative to the workspace when it lies inside it, so
// that annotations and outputs work both inside the container
// (/github/workspace) and in later steps on the runner.
func (s *step) relPath(p string) string {
	if p == "" {
		return ""
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	ws := s.opts.Getenv("GITHUB_WORKSPACE")
	if ws == "" {
		ws, _ = os.Getwd()
	}
	if rel, err := filepath.Rel(ws, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}

// fail records the message that fails the step, keeping the first.
func (s *step) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if s.failure == "" {
		s.failure = msg
	}
	s.ann.add(annotation{Level: levelError, Message: msg})
}

// row adds a line to the summary table.
func (s *step) row(check, result string) { s.rows = append(s.rows, [2]string{check, result}) }
