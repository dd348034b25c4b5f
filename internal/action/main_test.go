package action

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

// TestMain starts pgtest's throwaway PostgreSQL lazily and removes the
// built binary and the cluster at exit.
func TestMain(m *testing.M) {
	code := pgtest.Run(m)
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// repoRoot is the module root, two levels up.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// dockerBuildArgs returns the go build arguments of the Dockerfile's
// builder stage, the single source of the release build command.
func dockerBuildArgs(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		_, cmd, ok := strings.Cut(line, "&& go build ")
		if !strings.HasPrefix(line, "RUN ") || !ok {
			continue
		}
		args, err := splitArgs(cmd)
		if err != nil {
			t.Fatalf("Dockerfile build line: %v", err)
		}
		return args
	}
	t.Fatal("Dockerfile has no 'RUN cd /src && go build ...' line")
	return nil
}

// binary builds pgfleet once, with the Dockerfile's exact command (output
// path aside), and returns its path.
func binary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "pgfleet-action-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "pgfleet")
		args := dockerBuildArgs(t)
		for i := range args {
			if args[i] == "-o" && i+1 < len(args) {
				args[i+1] = binPath
			}
		}
		cmd := exec.Command("go", append([]string{"build"}, args...)...)
		cmd.Dir = repoRoot(t)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = &buildError{args: args, out: string(out), err: err}
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

type buildError struct {
	args []string
	out  string
	err  error
}

func (e *buildError) Error() string {
	return "building pgfleet with the Dockerfile's command (go build " + strings.Join(e.args, " ") + "): " + e.err.Error() + "\n" + e.out
}
