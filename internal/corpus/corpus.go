// Package corpus reads the shared schema-change corpus (../shared/corpus
// beside the project root): cases of two complete schemas, old.sql and
// new.sql, used to measure that pgfleet converges. It also tallies results
// per folder so tests can report pass rates.
package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// EnvDir overrides where the corpus is looked for.
const EnvDir = "PGFLEET_CORPUS_DIR"

// Case is one schema-change case.
type Case struct {
	Folder string   // source folder, e.g. "migra"
	Name   string   // case folder name
	Dir    string   // absolute path of the case folder
	Old    string   // contents of old.sql
	New    string   // contents of new.sql
	Roles  []string // cluster-wide roles the case needs (meta.json)
}

// ID is "folder/name".
func (c Case) ID() string { return c.Folder + "/" + c.Name }

// Dir returns the corpus directory: $PGFLEET_CORPUS_DIR, else the
// shared/corpus folder beside the directory holding go.mod, found by walking
// up from the working directory. ok is false when there is none.
func Dir() (dir string, ok bool) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, true
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(d), "shared", "corpus")
			if st, err := os.Stat(c); err == nil && st.IsDir() {
				return c, true
			}
			return "", false
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// Load reads every case under root, sorted by ID.
func Load(root string) ([]Case, error) {
	var cases []Case
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "old.sql" {
			return err
		}
		c, err := readCase(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		cases = append(cases, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading corpus %s: %w", root, err)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].ID() < cases[j].ID() })
	return cases, nil
}

func readCase(root, dir string) (Case, error) {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return Case{}, err
	}
	folder, name, _ := strings.Cut(filepath.ToSlash(rel), "/")
	c := Case{Folder: folder, Name: name, Dir: dir}
	old, err := os.ReadFile(filepath.Join(dir, "old.sql"))
	if err != nil {
		return Case{}, err
	}
	nw, err := os.ReadFile(filepath.Join(dir, "new.sql"))
	if err != nil {
		return Case{}, err
	}
	c.Old, c.New = string(old), string(nw)
	meta, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return Case{}, err
	}
	var m struct {
		Roles []string `json:"roles"`
	}
	if err := json.Unmarshal(meta, &m); err != nil {
		return Case{}, fmt.Errorf("parsing %s/meta.json: %w", dir, err)
	}
	c.Roles = m.Roles
	return c, nil
}

// Tally counts outcomes per folder; safe for concurrent use.
type Tally struct {
	mu       sync.Mutex
	pass     map[string]int
	total    map[string]int
	failures map[string][]string
}

// Record notes one case's outcome; reason explains a failure.
func (t *Tally) Record(c Case, ok bool, reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.total == nil {
		t.pass, t.total, t.failures = map[string]int{}, map[string]int{}, map[string][]string{}
	}
	t.total[c.Folder]++
	if ok {
		t.pass[c.Folder]++
		return
	}
	first, _, _ := strings.Cut(reason, "\n")
	t.failures[c.Folder] = append(t.failures[c.Folder], c.Name+": "+first)
}

// Rate returns passed and total counts over all folders.
func (t *Tally) Rate() (passed, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for f, n := range t.total {
		total += n
		passed += t.pass[f]
	}
	return passed, total
}

// Report renders per-folder pass rates followed by each failure's first line.
func (t *Tally) Report(title string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	folders := make([]string, 0, len(t.total))
	for f := range t.total {
		folders = append(folders, f)
	}
	sort.Strings(folders)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", title)
	for _, f := range folders {
		fmt.Fprintf(&b, "  %-8s %4d/%-4d %5.1f%%\n", f, t.pass[f], t.total[f], 100*float64(t.pass[f])/float64(t.total[f]))
	}
	for _, f := range folders {
		fails := append([]string(nil), t.failures[f]...)
		sort.Strings(fails)
		for _, s := range fails {
			fmt.Fprintf(&b, "  FAIL %s/%s\n", f, s)
		}
	}
	return b.String()
}
