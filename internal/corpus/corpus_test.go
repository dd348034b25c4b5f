package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadReadsCasesAndRoles(t *testing.T) {
	root := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "b", "two", "old.sql"), "create table t();")
	write(filepath.Join(root, "b", "two", "new.sql"), "")
	write(filepath.Join(root, "a", "one", "old.sql"), "")
	write(filepath.Join(root, "a", "one", "new.sql"), "create schema s;")
	write(filepath.Join(root, "a", "one", "meta.json"), `{"roles": ["r1", "r2"]}`)
	cases, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || cases[0].ID() != "a/one" || cases[1].ID() != "b/two" {
		t.Fatalf("cases = %+v", cases)
	}
	if cases[0].New != "create schema s;" || strings.Join(cases[0].Roles, ",") != "r1,r2" {
		t.Fatalf("case a/one read wrongly: %+v", cases[0])
	}
	if cases[1].Old != "create table t();" || cases[1].Roles != nil {
		t.Fatalf("case b/two read wrongly: %+v", cases[1])
	}
}

func TestLoadRejectsBadMeta(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "x", "bad")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "old.sql"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "new.sql"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "meta.json"), []byte("{"), 0o644)
	if _, err := Load(root); err == nil || !strings.Contains(err.Error(), "meta.json") {
		t.Fatalf("err = %v, want a meta.json parse error", err)
	}
}

func TestTallyReport(t *testing.T) {
	var tl Tally
	tl.Record(Case{Folder: "m", Name: "a"}, true, "")
	tl.Record(Case{Folder: "m", Name: "b"}, false, "diverged: column x\nmore")
	tl.Record(Case{Folder: "s", Name: "c"}, true, "")
	if p, n := tl.Rate(); p != 2 || n != 3 {
		t.Fatalf("rate = %d/%d", p, n)
	}
	r := tl.Report("convergence")
	for _, want := range []string{"m           1/2     50.0%", "s           1/1    100.0%", "FAIL m/b: diverged: column x"} {
		if !strings.Contains(r, want) {
			t.Errorf("report lacks %q:\n%s", want, r)
		}
	}
	if strings.Contains(r, "more") {
		t.Errorf("report should keep only a failure's first line:\n%s", r)
	}
}

func TestDirFindsSharedCorpus(t *testing.T) {
	d, ok := Dir()
	if !ok {
		t.Skip("no ../shared/corpus beside the project root")
	}
	if _, err := os.Stat(filepath.Join(d, "README.md")); err != nil {
		t.Fatalf("corpus dir %s has no README.md: %v", d, err)
	}
}

func TestSampleKeepsSmallFoldersAndThinsLargeOnes(t *testing.T) {
	var cases []Case
	for i := 0; i < LargeFolder+1; i++ {
		cases = append(cases, Case{Folder: "big", Name: string(rune('a'+i%26)) + string(rune('a'+i/26))})
	}
	for i := 0; i < 5; i++ {
		cases = append(cases, Case{Folder: "small", Name: string(rune('a' + i))})
	}
	got := map[string]int{}
	for _, c := range Sample(cases) {
		got[c.Folder]++
	}
	if got["small"] != 5 || got["big"] != (LargeFolder+SampleStride)/SampleStride {
		t.Fatalf("sample per folder = %v", got)
	}
	if f := Filter(cases, "small/a|small/c"); len(f) != 2 {
		t.Fatalf("filter kept %d cases", len(f))
	}
}
