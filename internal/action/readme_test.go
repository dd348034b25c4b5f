package action

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the action inputs section of README.md")

const (
	inputsBegin = "<!-- action-inputs:begin (generated: go test ./internal/action -run TestREADMEActionInputs -update-readme) -->"
	inputsEnd   = "<!-- action-inputs:end -->"
)

// actionOrder is the order the README lists the actions in.
var actionOrder = []string{"setup", "state/prepare", "state/deploy", "prepare", "deploy", "."}

// TestREADMEActionInputs keeps README.md's list of every input of every
// action equal to the action.yml files; run with -update-readme after
// changing an input.
func TestREADMEActionInputs(t *testing.T) {
	root := repoRoot(t)
	if len(actionOrder) != len(actionFolders) {
		t.Fatalf("actionOrder lists %d actions, actionFolders %d", len(actionOrder), len(actionFolders))
	}
	var b strings.Builder
	b.WriteString(inputsBegin + "\n")
	for _, folder := range actionOrder {
		m := readActionYAML(t, filepath.Join(root, folder, "action.yml"))
		name := "pgfleet/pgfleet/" + folder + "@v1"
		if folder == "." {
			name = "pgfleet/pgfleet@v1"
		}
		b.WriteString("\n`" + name + "`\n\n| input | default | meaning |\n|---|---|---|\n")
		for _, in := range m.inputs {
			def := ""
			if in.hasDef {
				def = "`" + in.def + "`"
			}
			if in.required {
				def = "required"
			}
			b.WriteString("| `" + in.name + "` | " + def + " | " + strings.ReplaceAll(in.description, "|", "\\|") + " |\n")
		}
	}
	b.WriteString("\n" + inputsEnd)
	path := filepath.Join(root, "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i, j := strings.Index(text, inputsBegin), strings.Index(text, inputsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q and %q", inputsBegin, inputsEnd)
	}
	updated := text[:i] + b.String() + text[j+len(inputsEnd):]
	if updated == text {
		return
	}
	if *updateREADME {
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md's action inputs are out of date: run go test ./internal/action -run TestREADMEActionInputs -update-readme")
}
