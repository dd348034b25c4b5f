package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// SnapshotFormat is the format tag of snapshot files this package writes.
const SnapshotFormat = "pgfleet-snapshot/1"

// Snapshot is a catalog saved with its fingerprint and metadata. Only the
// catalog is covered by the fingerprint; Created and ServerVersion are not.
type Snapshot struct {
	Format      string `json:"format"`
	Fingerprint string `json:"fingerprint"`
	// ServerVersion is the server_version_num the catalog was read from.
	ServerVersion int             `json:"serverVersion,omitempty"`
	Created       SnapshotCreated `json:"created"`
	// Kinds are the kinds the writer read (see Kinds); empty in snapshots
	// written before the list was recorded.
	Kinds   []Kind   `json:"kinds,omitempty"`
	Catalog *Catalog `json:"catalog"`
}

// SnapshotCreated says when, by what and from what a snapshot was taken.
type SnapshotCreated struct {
	At time.Time `json:"at"`
	// By names the tool, e.g. "pgfleet 0.3.0".
	By string `json:"by,omitempty"`
	// Source names what was snapshotted, e.g. "environment production" or
	// "schemaModel". It must not contain credentials.
	Source string `json:"source,omitempty"`
}

// NewSnapshot wraps a catalog with its fingerprint and metadata.
func NewSnapshot(c *Catalog, created SnapshotCreated) *Snapshot {
	return &Snapshot{
		Format:        SnapshotFormat,
		Fingerprint:   c.Fingerprint(),
		ServerVersion: c.ServerVersion,
		Created:       created,
		Kinds:         Kinds,
		Catalog:       c,
	}
}

// MarshalSnapshot encodes a snapshot as indented JSON.
func MarshalSnapshot(s *Snapshot) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encoding snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteSnapshot writes a catalog as a snapshot to w.
func WriteSnapshot(w io.Writer, c *Catalog, created SnapshotCreated) error {
	b, err := MarshalSnapshot(NewSnapshot(c, created))
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("writing snapshot: %w", err)
	}
	return nil
}

// WriteSnapshotFile writes a catalog as a snapshot file, replacing the file
// atomically (through a temporary file in the same directory).
func WriteSnapshotFile(path string, c *Catalog, created SnapshotCreated) error {
	b, err := MarshalSnapshot(NewSnapshot(c, created))
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("writing snapshot %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing snapshot %s: %w", path, err)
	}
	return nil
}

// ErrNotSnapshot reports data that is not a pgfleet snapshot.
var ErrNotSnapshot = errors.New("not a pgfleet snapshot")

// ErrFingerprintMismatch reports a snapshot whose catalog does not hash to
// its recorded fingerprint: the file is corrupt or was edited.
var ErrFingerprintMismatch = errors.New("snapshot fingerprint mismatch")

// UnmarshalSnapshot decodes a snapshot and verifies its format and
// fingerprint. A well-formed snapshot is decoded in one pass; the slower
// diagnosis of what is wrong runs only when that fails.
func UnmarshalSnapshot(b []byte) (*Snapshot, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Snapshot
	err := dec.Decode(&s)
	if err == nil && s.Format == SnapshotFormat {
		if _, trailing := dec.Token(); trailing != io.EOF {
			err = errors.New("data after the snapshot object")
		}
	}
	if err != nil || s.Format != SnapshotFormat {
		return nil, diagnoseSnapshot(b, err)
	}
	if s.Catalog == nil {
		return nil, fmt.Errorf("%w: no \"catalog\"", ErrNotSnapshot)
	}
	s.Catalog.ServerVersion = s.ServerVersion
	if got := s.Catalog.Fingerprint(); got != s.Fingerprint {
		return nil, fmt.Errorf("%w: recorded %q, content hashes to %q; the file is corrupt or was edited, take a new snapshot",
			ErrFingerprintMismatch, s.Fingerprint, got)
	}
	return &s, nil
}

// diagnoseSnapshot explains why b did not decode as a snapshot: not JSON,
// not a snapshot, another format version, or a corrupt catalog (decodeErr).
func diagnoseSnapshot(b []byte, decodeErr error) error {
	if !json.Valid(b) {
		return fmt.Errorf("%w: not valid JSON, the file is truncated or corrupt; take a new snapshot with `pgfleet snapshot`",
			ErrNotSnapshot)
	}
	var head struct {
		Format *string `json:"format"`
	}
	if err := json.Unmarshal(b, &head); err != nil || head.Format == nil {
		return fmt.Errorf("%w: expected a JSON object with \"format\": %q; take a new snapshot with `pgfleet snapshot`",
			ErrNotSnapshot, SnapshotFormat)
	}
	if *head.Format != SnapshotFormat {
		return fmt.Errorf("%w: format %q is not supported (this pgfleet reads %q); use the pgfleet version that wrote it or take a new snapshot",
			ErrNotSnapshot, *head.Format, SnapshotFormat)
	}
	return fmt.Errorf("decoding snapshot: %w; the file is corrupt or was edited, take a new snapshot", decodeErr)
}

// ReadSnapshot reads and verifies a snapshot from r.
func ReadSnapshot(r io.Reader) (*Snapshot, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading snapshot: %w", err)
	}
	return UnmarshalSnapshot(b)
}

// ReadSnapshotFile reads and verifies a snapshot file; errors name the file.
func ReadSnapshotFile(path string) (*Snapshot, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading snapshot: %w", err)
	}
	s, err := UnmarshalSnapshot(b)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", path, err)
	}
	return s, nil
}
