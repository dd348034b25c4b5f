package action

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// actionMeta is what the tests read from an action.yml.
type actionMeta struct {
	inputs   []metaInput
	outputs  []string
	using    string
	image    string
	args     []string
	hasEntry bool
}

type metaInput struct {
	name, def, description string
	required               bool
	hasDef                 bool
}

// readActionYAML reads the subset of YAML our action.yml files use: two
// levels of mappings, single-quoted scalars and a list under runs.args.
func readActionYAML(t *testing.T, path string) actionMeta {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m actionMeta
	var section string
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		key, val, _ := strings.Cut(trimmed, ":")
		val = unquote(strings.TrimSpace(val))
		switch {
		case indent == 0:
			section = key
		case section == "inputs" && indent == 2:
			m.inputs = append(m.inputs, metaInput{name: key})
		case section == "inputs" && indent == 4 && key == "default":
			m.inputs[len(m.inputs)-1].def, m.inputs[len(m.inputs)-1].hasDef = val, true
		case section == "inputs" && indent == 4 && key == "description":
			m.inputs[len(m.inputs)-1].description = val
		case section == "inputs" && indent == 4 && key == "required":
			m.inputs[len(m.inputs)-1].required = val == "true"
		case section == "outputs" && indent == 2:
			m.outputs = append(m.outputs, key)
		case section == "runs" && strings.HasPrefix(trimmed, "- "):
			m.args = append(m.args, unquote(strings.TrimPrefix(trimmed, "- ")))
		case section == "runs" && key == "using":
			m.using = val
		case section == "runs" && key == "image":
			m.image = val
		case section == "runs" && strings.Contains(key, "entrypoint"):
			m.hasEntry = true
		}
	}
	return m
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

// actionFolders maps each action folder to its mode.
var actionFolders = map[string]string{
	".": "run", "setup": "setup", "state/prepare": "state-prepare", "state/deploy": "state-deploy",
	"prepare": "prepare", "deploy": "deploy",
}

// TestActionMetadata keeps every action.yml equal to the Go declarations
// of its mode (names, defaults, required), runs it as a Docker action on
// the root Dockerfile in its mode, and documents it in a README.
func TestActionMetadata(t *testing.T) {
	root := repoRoot(t)
	for folder, modeName := range actionFolders {
		t.Run(folder, func(t *testing.T) {
			m := readActionYAML(t, filepath.Join(root, folder, "action.yml"))
			if m.using != "docker" || !slices.Equal(m.args, []string{"action", modeName}) || m.hasEntry {
				t.Errorf("runs: using %q, args %q, entrypoint set %v; want docker, [action %s], the Dockerfile's ENTRYPOINT", m.using, m.args, m.hasEntry, modeName)
			}
			if filepath.Base(m.image) != "Dockerfile" || filepath.Clean(filepath.Join(root, folder, m.image)) != filepath.Join(root, "Dockerfile") {
				t.Errorf("image %q does not name the root Dockerfile", m.image)
			}
			compareInputs(t, m.inputs, InputsOf(modeName))
			if !slices.Contains(m.outputs, "exit-code") {
				t.Errorf("outputs lack exit-code: %v", m.outputs)
			}
			if folder != "." {
				if _, err := os.Stat(filepath.Join(root, folder, "README.md")); err != nil {
					t.Errorf("no README.md: %v", err)
				}
			}
		})
	}
}

func compareInputs(t *testing.T, yml []metaInput, goSpecs []Input) {
	t.Helper()
	if len(yml) != len(goSpecs) {
		t.Errorf("action.yml has %d inputs, Go declares %d", len(yml), len(goSpecs))
	}
	for i := 0; i < min(len(yml), len(goSpecs)); i++ {
		y, g := yml[i], goSpecs[i]
		if y.name != g.Name || y.def != g.Default || y.required != g.Required || (g.Default != "") != y.hasDef {
			t.Errorf("input %d: action.yml %+v, Go %+v", i, y, g)
		}
	}
}

// TestDockerfileFollowsGitHubRules checks the rules GitHub sets for
// container actions.
func TestDockerfileFollowsGitHubRules(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, forbidden := range []string{"USER", "WORKDIR"} {
		if regexp.MustCompile(`(?m)^\s*` + forbidden + `\s`).MatchString(text) {
			t.Errorf("the Dockerfile uses %s, which GitHub forbids for container actions", forbidden)
		}
	}
	if !regexp.MustCompile(`(?m)^ENTRYPOINT \["/[^"]+"\]\s*$`).MatchString(text) {
		t.Error(`the Dockerfile needs an absolute exec-form ENTRYPOINT ["/path"]`)
	}
	if strings.Count(text, "\nFROM ") < 1 || !strings.Contains(text, " AS build") {
		t.Error("the Dockerfile should be multi-stage (a builder stage AS build)")
	}
}
