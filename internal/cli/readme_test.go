package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/config"
)

// setupCommands returns the commands of README.md's first code block.
func setupCommands(t *testing.T) (readme string, cmds []string) {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme = string(b)
	_, rest, ok := strings.Cut(readme, "```sh\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no sh code block")
	}
	return readme, strings.Split(strings.TrimSpace(block), "\n")
}

func TestREADMESetupCommands(t *testing.T) {
	_, cmds := setupCommands(t)
	if len(cmds) != 2 {
		t.Fatalf("README must start with exactly two set-up commands, found %d: %q", len(cmds), cmds)
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(ci)), "\n")
	if last := lines[len(lines)-1]; last != cmds[1] {
		t.Errorf(".ci/run runs %q, README's test command is %q", last, cmds[1])
	}
	// The first command works: run it in-process.
	vars := map[string]string{}
	var args []string
	fields := strings.Fields(cmds[0])
	for len(fields) > 0 && strings.Contains(fields[0], "=") && !strings.HasPrefix(fields[0], "-") {
		k, v, _ := strings.Cut(fields[0], "=")
		vars[k] = v
		fields = fields[1:]
	}
	if strings.Join(fields[:3], " ") != "go run ." {
		t.Fatalf("first command must be 'go run . ...': %q", cmds[0])
	}
	for _, a := range fields[3:] {
		if dir, ok := strings.CutPrefix(a, "-workingDirectory="); ok {
			a = "-workingDirectory=../../" + dir
		}
		args = append(args, a)
	}
	r := runCLI(t, vars, args...)
	if r.code != 0 || !strings.Contains(r.stdout, `"password": "***"`) {
		t.Fatalf("first set-up command: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	for k, v := range vars {
		if strings.Contains(k, "PASSWORD") && (strings.Contains(r.stdout, v) || strings.Contains(r.stderr, v)) {
			t.Errorf("the password of %s was printed", k)
		}
	}
}

var updateREADME = flag.Bool("update-readme", false, "rewrite the keys table of README.md")

const (
	keysBegin = "<!-- keys:begin (generated: go test ./internal/cli -run TestREADMEKeys -update-readme) -->"
	keysEnd   = "<!-- keys:end -->"
)

// keysMarkdown renders the key table as README.md shows it.
func keysMarkdown() string {
	var b strings.Builder
	ns := "-"
	for _, k := range config.Keys() {
		if k.Namespace == "" {
			continue // root keys are documented in prose
		}
		if k.Namespace != ns {
			if ns != "-" {
				b.WriteString("\n")
			}
			ns = k.Namespace
			fmt.Fprintf(&b, "**`[%s]`**\n\n| command line | type | default | meaning |\n|---|---|---|---|\n", ns)
		}
		def := ""
		if k.Default != "" {
			def = "`" + k.Default + "`"
		}
		fmt.Fprintf(&b, "| `-%s` | %s | %s | %s |\n", k.CLI, k.Type, def, strings.ReplaceAll(k.Help, "|", "\\|"))
	}
	return b.String()
}

// TestREADMEKeys keeps README.md's key table equal to the key table; run
// with -update-readme after adding a key.
func TestREADMEKeys(t *testing.T) {
	readme, _ := setupCommands(t)
	before, rest, ok1 := strings.Cut(readme, keysBegin+"\n")
	_, after, ok2 := strings.Cut(rest, keysEnd)
	if !ok1 || !ok2 {
		t.Fatalf("README.md lacks the %s ... %s markers", keysBegin, keysEnd)
	}
	want := keysMarkdown()
	if strings.TrimSpace(rest[:len(rest)-len(after)-len(keysEnd)]) == strings.TrimSpace(want) {
		return
	}
	if !*updateREADME {
		t.Fatal("README.md's key table is out of date: run go test ./internal/cli -run TestREADMEKeys -update-readme")
	}
	out := before + keysBegin + "\n" + want + keysEnd + after
	if err := os.WriteFile("../../README.md", []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestREADMEDocumentsCommandsAndKeys(t *testing.T) {
	readme, _ := setupCommands(t)
	for _, name := range commandNames() {
		if name == "probe" {
			continue // test-only command
		}
		if !strings.Contains(readme, "| `"+name) {
			t.Errorf("README.md does not document command %s", name)
		}
	}
	for _, e := range exitCodes {
		if !strings.Contains(readme, "| "+string(rune('0'+e.code))+" |") {
			t.Errorf("README.md does not document exit code %d", e.code)
		}
	}
}
