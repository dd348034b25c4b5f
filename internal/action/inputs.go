package action

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Kind is how an input's value is read.
type Kind int

// Input kinds: free text, true/false, a whole number, or a secret (text
// that is masked before anything is printed).
const (
	Text Kind = iota
	Bool
	Int
	Secret
)

// Input is one input of an action, as declared in its action.yml.
type Input struct {
	Name string
	// Default is the action.yml default; a test keeps both equal.
	Default  string
	Kind     Kind
	Required bool
	// Min and Max bound an Int input.
	Min, Max int
}

// inputs are the values of a step's inputs, defaults applied.
type inputs map[string]string

// readInputs reads every input from INPUT_<NAME> (upper-cased, spaces to
// underscores, hyphens kept, as the runner sets them), applies defaults
// (the runner merges action.yml defaults, but a caller outside Actions may
// not) and validates them, since the runner never enforces required. All
// problems are reported together.
func readInputs(specs []Input, getenv func(string) string) (inputs, error) {
	in := inputs{}
	var errs []error
	for _, sp := range specs {
		v := strings.TrimSpace(getenv(envName(sp.Name)))
		if v == "" && !strings.HasPrefix(sp.Default, "${{") { // expressions only the runner evaluates
			v = sp.Default
		}
		in[sp.Name] = v
		if err := sp.validate(v); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return in, fmt.Errorf("invalid inputs: %w", errors.Join(errs...))
	}
	return in, nil
}

// envName is the variable the runner sets for input name.
func envName(name string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
}

func (sp Input) validate(v string) error {
	switch {
	case v == "" && sp.Required:
		return fmt.Errorf("input %s is required: set it under with: in the workflow step", sp.Name)
	case v == "":
		return nil
	case sp.Kind == Bool:
		if _, err := parseBool(v); err != nil {
			return fmt.Errorf("input %s: %q is not a boolean; use true or false", sp.Name, v)
		}
	case sp.Kind == Int:
		n, err := strconv.Atoi(v)
		if err != nil || (sp.Max > 0 && (n < sp.Min || n > sp.Max)) {
			return fmt.Errorf("input %s: %q is not a whole number from %d to %d", sp.Name, v, sp.Min, sp.Max)
		}
	}
	return nil
}

// parseBool accepts what the YAML 1.2 core schema and the toolkit's
// getBooleanInput accept: true/True/TRUE and false/False/FALSE.
func parseBool(v string) (bool, error) {
	switch v {
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: %q", v)
}

// str returns input name.
func (in inputs) str(name string) string { return in[name] }

// bool returns boolean input name; validated inputs never fail to parse.
func (in inputs) bool(name string) bool {
	b, _ := parseBool(in[name])
	return b
}

// int returns integer input name, 0 when empty.
func (in inputs) int(name string) int {
	n, _ := strconv.Atoi(in[name])
	return n
}

// The inputs shared by the actions, with red-gate/flyway-actions' names.
var (
	inTargetEnvironment = Input{Name: "target-environment", Default: "default"}
	inTargetURL         = Input{Name: "target-url"}
	inTargetUser        = Input{Name: "target-user"}
	inTargetPassword    = Input{Name: "target-password", Kind: Secret}
	inTargetSchemas     = Input{Name: "target-schemas"}
	inWorkingDirectory  = Input{Name: "working-directory"}
	inExtraArgs         = Input{Name: "extra-args"}
	inGitHubToken       = Input{Name: "github-token", Default: "${{ github.token }}", Kind: Secret}
)

// targetInputs are the inputs that select and reach the target.
func targetInputs() []Input {
	return []Input{inTargetEnvironment, inTargetURL, inTargetUser, inTargetPassword, inTargetSchemas,
		inWorkingDirectory, inExtraArgs, inGitHubToken}
}

// boolInput, intInput and textInput declare inputs tersely.
func boolInput(name string, def bool) Input {
	return Input{Name: name, Default: strconv.FormatBool(def), Kind: Bool}
}

func retentionInput(name string) Input {
	return Input{Name: name, Default: "7", Kind: Int, Min: 1, Max: 90}
}

func textInput(name string) Input { return Input{Name: name} }
