package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// SaveOptions configures Save.
type SaveOptions struct {
	SARIF SARIFOptions
	// Now gives the time stamped on sections that have none and on the
	// HTML page; time.Now when nil.
	Now func() time.Time
}

// Save merges sections into the report at paths, as Flyway accumulates
// check results across invocations: the existing report.json is read, each
// given section replaces the one of the same operation, and report.json,
// report.html and (when the report holds a code review) the .sarif file
// are rewritten. Passwords in database URLs are removed first.
func Save(paths Paths, opts SaveOptions, sections ...Section) (*Report, error) {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	r, err := Load(paths.JSON)
	if err != nil {
		return nil, err
	}
	r.HTMLReport, r.JSONReport = paths.HTML, paths.JSON
	for _, s := range sections {
		h := s.Head()
		if h.Timestamp.IsZero() {
			h.Timestamp = now().UTC()
		}
		if h.Warnings == nil {
			h.Warnings = []string{}
		}
		h.Database = RedactDatabase(h.Database)
		r.Put(s)
	}
	if cr, ok := r.Section(OpCode).(*CodeReview); ok && cr != nil {
		r.SarifReport, cr.SarifReport = paths.SARIF, paths.SARIF
		if err := writeFile(paths.SARIF, func(b *bytes.Buffer) error { return WriteSARIF(b, cr, opts.SARIF) }); err != nil {
			return nil, err
		}
	}
	if err := writeFile(paths.JSON, func(b *bytes.Buffer) error {
		enc := json.NewEncoder(b)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}); err != nil {
		return nil, err
	}
	if err := writeFile(paths.HTML, func(b *bytes.Buffer) error { return WriteHTML(b, r, now()) }); err != nil {
		return nil, err
	}
	return r, nil
}

// writeFile renders into a buffer, then replaces path atomically (a
// temporary file renamed over it), creating its folder if needed.
func writeFile(path string, render func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return fmt.Errorf("rendering %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating report folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("writing report %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing report %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing report %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing report %s: %w", path, err)
	}
	return nil
}
