package artifact

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startPeer runs nektos/act's artifact server from the test-only module
// test/peers (kept out of the main go.mod) and returns its URL and a
// runtime token for it.
func startPeer(t *testing.T) (url, token string) {
	t.Helper()
	cmd := exec.Command("go", "run", "./cmd/artifactpeer", "-dir", t.TempDir())
	cmd.Dir = filepath.Join("..", "..", "test", "peers")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // go run's child is killed with it
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close() // the peer exits when its stdin closes
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	})
	sc := bufio.NewScanner(stdout)
	for (url == "" || token == "") && sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "url="); ok {
			url = v
		} else if v, ok := strings.CutPrefix(sc.Text(), "token="); ok {
			token = v
		}
	}
	if url == "" || token == "" {
		cmd.Wait()
		t.Fatalf("the artifact peer (go run ./cmd/artifactpeer in test/peers) did not start:\n%s", stderr.String())
	}
	return url, token
}

// TestUploadToActArtifactServer uploads artifacts to act's v4 server in
// several blocks, then lists and downloads them and compares bytes.
func TestUploadToActArtifactServer(t *testing.T) {
	url, token := startPeer(t)
	c, err := New(url, token, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.BlockSize = 1000 // several Put Block calls
	dir := t.TempDir()
	contents := map[string]string{
		"D__eu-west-1_deployment.sql": strings.Repeat("ALTER TABLE app.orders ADD COLUMN note text;\n", 200),
		"report.json":                 `{"individualResults": []}`,
	}
	var files []File
	for name, text := range contents {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		files = append(files, File{Name: name, Path: p})
	}
	ctx := context.Background()
	tests := []struct {
		name  string
		files []File
	}{
		{"flyway-eu-west-1-pre-deployment-report", files},
		{"D__eu-west-1_deployment", files[:1]},
	}
	for _, tc := range tests {
		up, err := c.Upload(ctx, tc.name, tc.files, 7)
		if err != nil {
			t.Fatalf("upload %s: %v", tc.name, err)
		}
		if up.ID == 0 || up.Size == 0 || !strings.HasPrefix(up.Digest, "sha256:") {
			t.Errorf("upload %s: %+v", tc.name, up)
		}
		zipped, err := c.Download(ctx, tc.name)
		if err != nil {
			t.Fatalf("download %s: %v", tc.name, err)
		}
		sum := sha256.Sum256(zipped)
		if int64(len(zipped)) != up.Size || "sha256:"+hex.EncodeToString(sum[:]) != up.Digest {
			t.Errorf("download %s: %d bytes, want %d with digest %s", tc.name, len(zipped), up.Size, up.Digest)
		}
		checkZip(t, zipped, tc.files, contents)
	}
	list, err := c.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, a := range list {
		names[a.Name] = true
	}
	for _, tc := range tests {
		if !names[tc.name] {
			t.Errorf("ListArtifacts lacks %s: %+v", tc.name, list)
		}
	}
}

func checkZip(t *testing.T, data []byte, files []File, contents map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the downloaded artifact is not a zip: %v", err)
	}
	if len(zr.File) != len(files) {
		t.Errorf("zip has %d entries, want %d", len(zr.File), len(files))
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if string(got) != contents[f.Name] {
			t.Errorf("entry %s differs after the round trip", f.Name)
		}
	}
}

func TestBackendIDsFromToken(t *testing.T) {
	enc := func(payload string) string {
		return "e30." + strings.TrimRight(b64(payload), "=") + ".sig"
	}
	tests := []struct {
		name, token, run, job string
		ok                    bool
	}{
		{"github", enc(`{"scp":"Actions.GenericRead:x Actions.Results:ce7f54c7-61c7:ca395085-040a Actions.UploadArtifacts:y"}`), "ce7f54c7-61c7", "ca395085-040a", true},
		{"act", enc(`{"scp":"Actions.Results:41:42"}`), "41", "42", true},
		{"no results scope", enc(`{"scp":"Actions.GenericRead:x"}`), "", "", false},
		{"bad part count", enc(`{"scp":"Actions.Results:1:2:3"}`), "", "", false},
		{"not a jwt", "abc", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids, err := backendIDsFromToken(tc.token)
			if (err == nil) != tc.ok || ids.run != tc.run || ids.job != tc.job {
				t.Errorf("got %+v, %v", ids, err)
			}
		})
	}
}
