package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// sourceFile is one .sql file of the model.
type sourceFile struct {
	rel  string // slash-separated path relative to the model folder
	name string // path shown to users: the folder joined with rel
	data []byte
}

// readFiles reads every .sql file under dir, in sorted path order.
func readFiles(dir string) ([]sourceFile, error) {
	info, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading schema model: folder %s does not exist; create it or set schemaModelLocation", dir)
		}
		return nil, fmt.Errorf("reading schema model: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("reading schema model: %s is not a folder; set schemaModelLocation to the schema-model folder", dir)
	}
	fsys := os.DirFS(dir)
	var files []sourceFile
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(p), ".sql") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, sourceFile{rel: p, name: filepath.Join(dir, filepath.FromSlash(p)), data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading schema model %s: %w", dir, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, nil
}

// splitFiles parses every file, reporting the syntax errors of all files
// at once.
func splitFiles(files []sourceFile) ([]*sqlsplit.File, error) {
	out := make([]*sqlsplit.File, 0, len(files))
	var problems []Problem
	for _, f := range files {
		sf, err := sqlsplit.Split(f.name, string(f.data))
		var errs sqlsplit.Errors
		switch {
		case errors.As(err, &errs):
			for _, e := range errs {
				problems = append(problems, Problem{File: e.File, Line: e.Line, Column: e.Column, Message: e.Message})
			}
		case err != nil:
			return nil, fmt.Errorf("parsing %s: %w", f.name, err)
		default:
			out = append(out, sf)
		}
	}
	if len(problems) > 0 {
		return nil, &LoadError{Stage: "parsing", Problems: problems}
	}
	return out, nil
}
