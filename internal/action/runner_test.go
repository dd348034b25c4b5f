package action

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// Secrets the runner-like tests pass as inputs; they must never be
// printed except to register them with ::add-mask::.
const (
	testPassword = "s3cr3t-Pw!d"
	testToken    = "ghs_notARealToken1234567890"
)

// stepResult is what a step left behind.
type stepResult struct {
	code    int
	stdout  string
	outputs map[string]string
	summary string
}

// runStep runs the built binary as the runner runs a container action:
// `pgfleet action MODE` in the workspace, INPUT_* variables (hyphens kept)
// holding action.yml's defaults overridden by with, and fresh
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH files.
func runStep(t *testing.T, workspace, folder string, with map[string]string, extraEnv ...string) stepResult {
	t.Helper()
	mode := actionFolders[folder]
	meta := readActionYAML(t, filepath.Join(repoRoot(t), folder, "action.yml"))
	files := t.TempDir()
	event := filepath.Join(files, "event.json")
	os.WriteFile(event, []byte(`{"ref":"refs/heads/main","repository":{"full_name":"acme/shop"}}`), 0o644)
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + files, "GITHUB_ACTIONS=true", "CI=true",
		"GITHUB_OUTPUT=" + filepath.Join(files, "set_output"), "GITHUB_STEP_SUMMARY=" + filepath.Join(files, "step_summary"),
		"GITHUB_EVENT_PATH=" + event, "GITHUB_EVENT_NAME=push", "GITHUB_WORKSPACE=" + workspace,
		"GITHUB_REPOSITORY=acme/shop", "GITHUB_SHA=0123456789abcdef0123456789abcdef01234567"}
	for _, in := range meta.inputs {
		v, ok := with[in.name]
		if !ok {
			v = strings.ReplaceAll(in.def, "${{ github.token }}", testToken) // the runner evaluates the expression
		}
		env = append(env, "INPUT_"+strings.ToUpper(in.name)+"="+v)
	}
	env = append(env, extraEnv...)
	cmd := exec.Command(binary(t), "action", mode)
	cmd.Dir, cmd.Env = workspace, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	res := stepResult{code: code, stdout: out.String(), outputs: readOutputs(t, filepath.Join(files, "set_output"))}
	summary, _ := os.ReadFile(filepath.Join(files, "step_summary"))
	res.summary = string(summary)
	noSecretsIn(t, res, workspace)
	if res.outputs["exit-code"] != strconv.Itoa(code) {
		t.Errorf("exit-code output %q, process exit %d", res.outputs["exit-code"], code)
	}
	return res
}

// readOutputs parses GITHUB_OUTPUT as the runner does, insisting on
// heredocs with random delimiters.
func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	data, _ := os.ReadFile(path)
	out := map[string]string{}
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] == "" {
			continue
		}
		name, delim, ok := strings.Cut(lines[i], "<<")
		if !ok || !strings.HasPrefix(delim, "ghadelimiter_") || len(delim) < 40 {
			t.Fatalf("GITHUB_OUTPUT line %q is not a heredoc with a random delimiter", lines[i])
		}
		var val []string
		for i++; i < len(lines) && lines[i] != delim; i++ {
			val = append(val, lines[i])
		}
		if i == len(lines) {
			t.Fatalf("GITHUB_OUTPUT: matching delimiter not found for %s", name)
		}
		out[name] = strings.Join(val, "\n")
	}
	return out
}

// noSecretsIn fails when a secret appears anywhere but in an ::add-mask::
// command: the log, outputs, summary, or any file left in the workspace.
func noSecretsIn(t *testing.T, r stepResult, workspace string) {
	t.Helper()
	for _, sec := range []string{testPassword, testToken} {
		for _, line := range strings.Split(r.stdout, "\n") {
			if strings.Contains(line, sec) && line != "::add-mask::"+sec {
				t.Errorf("the log prints a secret: %q", line)
			}
		}
		if strings.Contains(r.summary, sec) || strings.Contains(strings.Join(mapValues(r.outputs), "\n"), sec) {
			t.Errorf("the summary or the outputs contain a secret")
		}
		filepath.Walk(workspace, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.Mode().IsRegular() {
				if data, _ := os.ReadFile(p); bytes.Contains(data, []byte(sec)) {
					t.Errorf("%s contains a secret", p)
				}
			}
			return nil
		})
	}
	if strings.Contains(r.stdout, "::add-mask::") && !strings.HasPrefix(r.stdout, "::add-mask::") {
		t.Errorf("the first thing printed must be ::add-mask::, got %.80q", r.stdout)
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// fleetWorkspace writes a project whose environment prod is a fresh
// database: its url in flyway.toml, its credentials given as inputs.
func fleetWorkspace(t *testing.T) (dir, url string) {
	t.Helper()
	dir, url = t.TempDir(), pgtest.NewDB(t)
	write(t, dir, "flyway.toml", "[flyway]\nlocations = [\"filesystem:migrations\"]\n\n[environments.prod]\nurl = \""+
		strings.Replace(url, "postgres@", "", 1)+"\"\nschemas = [\"app\"]\n")
	write(t, dir, "schema-model/Schemas/app.sql", "CREATE SCHEMA app;\n")
	write(t, dir, "schema-model/app/Tables/orders.sql", `CREATE TABLE app.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer text NOT NULL,
    note text
);
`)
	return dir, url
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func target(extra map[string]string) map[string]string {
	with := map[string]string{"target-environment": "prod", "target-user": "postgres", "target-password": testPassword}
	for k, v := range extra {
		with[k] = v
	}
	return with
}

func expectStep(t *testing.T, r stepResult, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit %d, want %d\nlog:\n%s\noutputs: %v\nsummary:\n%s", what, r.code, code, r.stdout, r.outputs, r.summary)
	}
}
