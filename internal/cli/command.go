package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// Command is one pgfleet command. Each lives in its own file (cmd_NAME.go)
// and registers itself in init.
type Command struct {
	// Name is what the user types: "config", "check".
	Name string
	// Summary is a one-line description for the command list.
	Summary string
	// Description is the longer text of COMMAND -help.
	Description string
	// Args describes positional arguments, "" when there are none.
	Args string
	// Flags are the command's operation flags (check's -drift, ...),
	// which are not configuration keys.
	Flags []Flag
	// Namespaces are the configuration namespaces the command reads
	// ("check", "prepare"); short keys resolve there first.
	Namespaces []string
	// Run does the work. It honours ctx and reports results through inv.
	Run func(ctx context.Context, inv *Invocation) error
}

// Flag is an operation flag of a command.
type Flag struct {
	Name string
	Help string
	// Bool says the flag is a switch: bare -name means true.
	Bool bool
}

var commands = map[string]*Command{}

// register adds a command to the registry; called from init functions.
func register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// commandNames returns the registered command names, sorted.
func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Invocation is one run of a command: its parsed arguments, configuration
// sources and output streams.
type Invocation struct {
	Command *Command
	// Args are positional arguments after the command.
	Args []string
	// Flags holds the command's operation flags that were given, by name.
	Flags map[string]string
	// Options are the configuration sources (files, working directory,
	// command-line keys, environment lookup).
	Options config.Options
	// JSON is set by -outputType=json: the result goes to stdout as JSON
	// and human text to stderr.
	JSON bool

	stdout, stderr io.Writer
	cfg            *config.Config
	// pending is the JSON result, written when the command ends so that
	// an error joins it in one document.
	pending any
}

// Flag reports whether the boolean operation flag name was given as true.
func (inv *Invocation) Flag(name string) bool {
	return strings.EqualFold(inv.Flags[name], "true")
}

// Config loads the configuration once; later calls return the same one.
// Once loaded, every output is redacted with its secrets.
func (inv *Invocation) Config() (*config.Config, error) {
	if inv.cfg != nil {
		return inv.cfg, nil
	}
	cfg, err := config.Load(inv.Options)
	if err != nil {
		return nil, err
	}
	inv.cfg = cfg
	return cfg, nil
}

// Environment loads the configuration and resolves the selected
// environment (-environment, default "default").
func (inv *Invocation) Environment() (config.Environment, error) {
	cfg, err := inv.Config()
	if err != nil {
		return config.Environment{}, err
	}
	return cfg.Resolve("")
}

// Result reports a command's result: as indented JSON on stdout with
// -outputType=json (human text then goes to stderr), otherwise human text
// on stdout. The JSON is written when the command ends, as one document
// that also holds Flyway's "error" object when the command fails. A nil
// result means the command has only text (help): it goes to stdout in both
// modes. Everything is redacted.
func (inv *Invocation) Result(result any, human string) error {
	if inv.JSON && result != nil {
		if err := inv.flush(nil); err != nil {
			return err
		}
		inv.pending = result
		inv.print(inv.stderr, human)
		return nil
	}
	inv.print(inv.stdout, human)
	return nil
}

// flush writes the pending JSON result, with errObj as its "error" member
// when not nil.
func (inv *Invocation) flush(errObj map[string]any) error {
	result := inv.pending
	inv.pending = nil
	switch {
	case result == nil && errObj == nil:
		return nil
	case result == nil:
		return inv.writeJSON(inv.stdout, map[string]any{"error": errObj})
	case errObj == nil:
		return inv.writeJSON(inv.stdout, result)
	}
	merged, err := withError(result, errObj)
	if err != nil {
		return err
	}
	return inv.writeJSON(inv.stdout, merged)
}

// withError is result's JSON object with an "error" member added after its
// own members, in their order. A result that is not an object is wrapped:
// {"result": ..., "error": ...}.
func withError(result any, errObj map[string]any) (json.RawMessage, error) {
	body, err := marshalNoEscape(result)
	if err != nil {
		return nil, err
	}
	errJSON, err := marshalNoEscape(errObj)
	if err != nil {
		return nil, err
	}
	body, errJSON = bytes.TrimSpace(body), bytes.TrimSpace(errJSON)
	if len(body) < 2 || body[0] != '{' {
		return json.RawMessage(`{"result":` + string(body) + `,"error":` + string(errJSON) + `}`), nil
	}
	sep := ","
	if string(body) == "{}" {
		sep = ""
	}
	return json.RawMessage(string(body[:len(body)-1]) + sep + `"error":` + string(errJSON) + `}`), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding result: %w", err)
	}
	return b.Bytes(), nil
}

// Logf writes a progress message on stderr, redacted.
func (inv *Invocation) Logf(format string, args ...any) {
	inv.print(inv.stderr, fmt.Sprintf(format, args...))
}

func (inv *Invocation) print(w io.Writer, s string) {
	if s == "" {
		return
	}
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	_, _ = io.WriteString(w, inv.cfg.Redact(s))
}

// writeJSON encodes v indented, without HTML escaping, redacted.
func (inv *Invocation) writeJSON(w io.Writer, v any) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding result: %w", err)
	}
	_, err := io.WriteString(w, inv.cfg.Redact(b.String()))
	return err
}

// reportError prints err as one line on stderr (and, with JSON output, as
// Flyway's error object on stdout) and returns the exit code.
func (inv *Invocation) reportError(err error) int {
	code := exitcode.Of(err)
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	if inv.JSON {
		_ = inv.flush(map[string]any{"errorCode": exitcode.Name(code), "message": msg, "exitCode": code})
	}
	inv.print(inv.stderr, "ERROR: "+msg)
	return code
}
