// Package modelfiles writes a catalog as a schema-model folder of readable
// SQL: one file per object under <schema>/<Kind>/<name>.sql, a table's
// constraints, indexes, triggers, policies, grants and comments in the
// table's file, schemas and extensions in their own files. Writing is
// idempotent: unchanged objects keep byte-identical files and files of
// objects that no longer exist are removed.
package modelfiles

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/plan"
)

// Result lists what Write did, as paths relative to the folder.
type Result struct {
	Written   []string `json:"written"`
	Unchanged []string `json:"unchanged"`
	Removed   []string `json:"removed"`
}

// Write renders c into dir.
func Write(dir string, c *catalog.Catalog) (*Result, error) {
	files := Render(c)
	res := &Result{}
	for _, rel := range sortedKeys(files) {
		changed, err := writeIfChanged(filepath.Join(dir, rel), files[rel])
		if err != nil {
			return res, err
		}
		if changed {
			res.Written = append(res.Written, rel)
		} else {
			res.Unchanged = append(res.Unchanged, rel)
		}
	}
	removed, err := removeStale(dir, files)
	res.Removed = removed
	return res, err
}

// Render returns the content of every model file by relative path.
func Render(c *catalog.Catalog) map[string][]byte {
	relFolder := relationFolders(c)
	bufs := map[string]*bytes.Buffer{}
	for _, o := range c.Objects() {
		if o.Key.Kind == catalog.KindColumn {
			continue // rendered with its table or view
		}
		rel := fileOf(o.Key, relFolder)
		for _, stmt := range modelSQL(o) {
			b := bufs[rel]
			if b == nil {
				b = &bytes.Buffer{}
				bufs[rel] = b
			}
			b.WriteString(strings.TrimRight(stmt, "; \n") + ";\n\n")
		}
	}
	out := make(map[string][]byte, len(bufs))
	for rel, b := range bufs {
		out[rel] = bytes.TrimRight(b.Bytes(), "\n")
		out[rel] = append(out[rel], '\n')
	}
	return out
}

// modelSQL renders an object's statements. Every database starts with a
// public schema, so the model creates it only if it is missing.
func modelSQL(o catalog.Object) []string {
	stmts := plan.CreateSQL(o)
	if o.Key.Kind == catalog.KindSchema && o.Key.Name == "public" && len(stmts) > 0 {
		stmts[0] = strings.Replace(stmts[0], "CREATE SCHEMA ", "CREATE SCHEMA IF NOT EXISTS ", 1)
	}
	return stmts
}

// relationFolders maps "schema\x00name" of every relation to its kind's
// folder, so that sub-objects land in their relation's file.
func relationFolders(c *catalog.Catalog) map[string]string {
	m := map[string]string{}
	for _, t := range c.Tables {
		m[t.Schema+"\x00"+t.Name] = folderOf(catalog.KindTable)
	}
	for _, v := range c.Views {
		m[v.Schema+"\x00"+v.Name] = folderOf(catalog.KindView)
	}
	for _, v := range c.MaterializedViews {
		m[v.Schema+"\x00"+v.Name] = folderOf(catalog.KindMaterializedView)
	}
	return m
}

// fileOf places an object: database-wide kinds in a top-level folder,
// sub-objects in their relation's file, the rest under their schema.
func fileOf(k catalog.Key, relFolder map[string]string) string {
	switch k.Kind {
	case catalog.KindSchema, catalog.KindExtension, catalog.KindEventTrigger, catalog.KindPublication:
		return filepath.Join(folderOf(k.Kind), fileName(k.Name))
	case catalog.KindDefaultPrivileges:
		name := strings.ReplaceAll(k.Name, " ", "_")
		if k.Schema != "" {
			name = k.Schema + "_" + name
		}
		return filepath.Join(folderOf(k.Kind), fileName(name))
	}
	if k.Table != "" {
		return filepath.Join(safeName(k.Schema), relFolder[k.Schema+"\x00"+k.Table], fileName(k.Table))
	}
	return filepath.Join(safeName(k.Schema), folderOf(k.Kind), fileName(k.Name))
}

func folderOf(k catalog.Kind) string {
	switch k {
	case catalog.KindSchema:
		return "Schemas"
	case catalog.KindExtension:
		return "Extensions"
	case catalog.KindEventTrigger:
		return "Event Triggers"
	case catalog.KindDefaultPrivileges:
		return "Default Privileges"
	case catalog.KindEnum, catalog.KindDomain, catalog.KindCompositeType, catalog.KindRangeType:
		return "Types"
	case catalog.KindMaterializedView:
		return "Materialized Views"
	case catalog.KindStatistics:
		return "Statistics"
	case catalog.KindTextSearchDict:
		return "Text Search Dictionaries"
	case catalog.KindTextSearchConfig:
		return "Text Search Configurations"
	}
	w := string(k)
	return strings.ToUpper(w[:1]) + w[1:] + "s"
}

// safeName makes an object name safe as a file or folder name on every
// platform.
func safeName(name string) string {
	r := strings.NewReplacer("/", "_", "\\", "_", ":", "_", "*", "_", "?", "_", "\"", "", "<", "_", ">", "_", "|", "_", ", ", ",")
	return r.Replace(name)
}

func fileName(name string) string { return safeName(name) + ".sql" }

func writeIfChanged(path string, content []byte) (bool, error) {
	old, err := os.ReadFile(path)
	if err == nil && bytes.Equal(old, content) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, fmt.Errorf("creating model folder: %w", err)
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		return false, fmt.Errorf("writing model file: %w", err)
	}
	return true, nil
}

// removeStale deletes .sql files under dir that were not rendered, and
// folders left empty.
func removeStale(dir string, keep map[string][]byte) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sql") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if _, ok := keep[rel]; ok {
			return nil
		}
		removed = append(removed, rel)
		return os.Remove(path)
	})
	if err != nil {
		return removed, fmt.Errorf("removing files of dropped objects: %w", err)
	}
	removeEmptyDirs(dir)
	return removed, nil
}

func removeEmptyDirs(dir string) {
	var dirs []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != dir {
			dirs = append(dirs, path)
		}
		return nil
	})
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		os.Remove(d) // fails, harmlessly, when not empty
	}
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
