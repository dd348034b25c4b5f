package migrate

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The vectors in testdata/checksum/vectors.txt were produced by
// testdata/checksum/FlywayChecksum.java, a replica of Flyway's
// ChecksumCalculator loop, run with the machine's JDK:
//
//	javac -d /tmp/fwck FlywayChecksum.java
//	java -cp /tmp/fwck FlywayChecksum *.sql > vectors.txt
func readVectors(t *testing.T, text string) map[string]int32 {
	t.Helper()
	vectors := map[string]int32{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("malformed vector line %q", sc.Text())
		}
		n, err := strconv.ParseInt(value, 10, 32)
		if err != nil {
			t.Fatalf("parsing vector %q: %v", sc.Text(), err)
		}
		vectors[name] = int32(n)
	}
	return vectors
}

func TestChecksumMatchesCommittedFlywayVectors(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/checksum/vectors.txt")
	if err != nil {
		t.Fatal(err)
	}
	vectors := readVectors(t, string(raw))
	if len(vectors) < 8 {
		t.Fatalf("only %d vectors", len(vectors))
	}
	for name, want := range vectors {
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("testdata/checksum", name))
			if err != nil {
				t.Fatal(err)
			}
			if got := Checksum(text); got != want {
				t.Errorf("Checksum(%s) = %d, Flyway's = %d", name, got, want)
			}
		})
	}
}

func TestChecksumMatchesJavaRunNow(t *testing.T) {
	t.Parallel()
	javac, err := exec.LookPath("javac")
	if err != nil {
		t.Skip("javac not on PATH; the committed vectors still apply")
	}
	dir := t.TempDir()
	out, err := exec.Command(javac, "-d", dir, "testdata/checksum/FlywayChecksum.java").CombinedOutput()
	if err != nil {
		t.Fatalf("compiling FlywayChecksum.java: %v\n%s", err, out)
	}
	files, _ := filepath.Glob("testdata/checksum/*.sql")
	args := append([]string{"-cp", dir, "FlywayChecksum"}, files...)
	out, err = exec.Command("java", args...).Output()
	if err != nil {
		t.Fatalf("running FlywayChecksum: %v", err)
	}
	committed, _ := os.ReadFile("testdata/checksum/vectors.txt")
	if string(out) != string(committed) {
		t.Errorf("java output differs from committed vectors:\n%s\nvs\n%s", out, committed)
	}
	for name, want := range readVectors(t, string(out)) {
		text, _ := os.ReadFile(filepath.Join("testdata/checksum", name))
		if got := Checksum(text); got != want {
			t.Errorf("Checksum(%s) = %d, java = %d", name, got, want)
		}
	}
}
