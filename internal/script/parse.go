package script

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// Script is a deployment script read back from its file.
type Script struct {
	Name string
	Text string
	// Header is nil when the file has no pgfleet header (a hand-written
	// script); deploy then runs it with a warning and without verification.
	Header *Header
	// BeforeTransaction statements run one by one and commit first;
	// Transactional statements run in one transaction; NonTransactional
	// ones run one by one after it.
	BeforeTransaction []Statement
	Transactional     []Statement
	NonTransactional  []Statement
}

// Statement is one statement of a script with its place in the file.
type Statement struct {
	SQL  string
	Line int // 1-based line of the statement's first token
}

// Parse reads a script: its header, if any, and its statements split by
// PostgreSQL's parser, on each side of the non-transactional marker.
func Parse(name, text string) (*Script, error) {
	s := &Script{Name: name, Text: text}
	h, err := parseHeader(name, text)
	if err != nil {
		return nil, err
	}
	s.Header = h
	f, err := sqlsplit.Split(name, text)
	if err != nil {
		return nil, fmt.Errorf("reading script: %w", err)
	}
	before, start, after := markerOffset(text, beforeTransaction), markerOffset(text, transactionStart), markerOffset(text, nonTransactional)
	for _, st := range f.Statements {
		if st.Meta != "" {
			return nil, fmt.Errorf("%s:%d: psql meta-command \\%s is not SQL; remove it from the script", name, st.Line, st.Meta)
		}
		stmt := Statement{SQL: st.Text, Line: st.Line}
		switch {
		case after >= 0 && st.Offset > after:
			s.NonTransactional = append(s.NonTransactional, stmt)
		case before >= 0 && st.Offset > before && (start < 0 || st.Offset < start):
			s.BeforeTransaction = append(s.BeforeTransaction, stmt)
		default:
			s.Transactional = append(s.Transactional, stmt)
		}
	}
	return s, nil
}

// markerOffset returns the byte offset of the marker line, or -1.
func markerOffset(text, marker string) int {
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		if strings.TrimSpace(line) == marker {
			return off
		}
		off += len(line)
	}
	return -1
}

// parseHeader reads the "-- pgfleet:KEY VALUE" lines of the leading comment
// block. A file without them has no header.
func parseHeader(name, text string) (*Header, error) {
	h := &Header{}
	found := false
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, "--") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			break
		}
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		key, value, _ := strings.Cut(strings.TrimPrefix(line, prefix), " ")
		if key == "non-transactional" || key == "before-transaction" || key == "transaction" {
			break
		}
		if err := h.set(key, strings.TrimSpace(value)); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
		found = true
	}
	if !found {
		return nil, nil
	}
	if h.Format != Format {
		return nil, fmt.Errorf("%s: script format %q is not %q: prepare the script again with this pgfleet", name, h.Format, Format)
	}
	return h, nil
}

func (h *Header) set(key, value string) error {
	switch key {
	case "format":
		h.Format = value
	case "target":
		h.Target = value
	case "source":
		h.Source = value
	case "target-fingerprint":
		h.TargetFingerprint = value
	case "expected-fingerprint":
		h.ExpectedFingerprint = value
	case "model-hash":
		h.ModelHash = value
	case "generated-by":
		h.GeneratedBy = value
	case "generated-at":
		t, err := time.Parse(time.RFC3339, value)
		if err != nil {
			return fmt.Errorf("reading generated-at: %w", err)
		}
		h.GeneratedAt = t
	case "steps":
		return h.setSteps(value)
	case "changes":
		return h.setChanges(value)
	default:
		return fmt.Errorf("unknown header field pgfleet:%s", key)
	}
	return nil
}

func (h *Header) setSteps(value string) error {
	var total, outside int
	if _, err := fmt.Sscanf(value, "%d (%d outside the transaction)", &total, &outside); err != nil {
		return fmt.Errorf("reading steps %q: %w", value, err)
	}
	h.Steps, h.NonTransactional = total, outside
	return nil
}

func (h *Header) setChanges(value string) error {
	h.Changes = map[string]int{}
	for _, f := range strings.Fields(value) {
		k, v, ok := strings.Cut(f, "=")
		n, err := strconv.Atoi(v)
		if !ok || err != nil {
			return fmt.Errorf("reading changes %q: want kind=count", f)
		}
		h.Changes[k] = n
	}
	return nil
}
