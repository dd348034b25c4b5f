// Package script renders a deployment plan as the reviewable SQL file that
// prepare writes and deploy runs, and reads such a file back.
//
// A script starts with a header of "-- pgfleet:KEY VALUE" comment lines
// that deploy verifies (the target's fingerprint when the script was
// generated, the fingerprint the target must have afterwards). Each step is
// preceded by a comment naming its change and hazards. Steps that must run
// outside a transaction follow a "-- pgfleet:non-transactional" marker at
// the end; everything before it runs in one transaction, except steps after
// a "-- pgfleet:before-transaction" marker at the start (enum values the
// transaction uses, which must be committed first), which run one by one
// before the "-- pgfleet:transaction" marker.
package script

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Format identifies the script format written in headers.
const Format = "pgfleet-script/1"

const (
	prefix            = "-- pgfleet:"
	nonTransactional  = "-- pgfleet:non-transactional"
	beforeTransaction = "-- pgfleet:before-transaction"
	transactionStart  = "-- pgfleet:transaction"
	stepCommentPrefix = "-- step "
)

// Header is what a script states about itself.
type Header struct {
	Format string
	// Target is the environment the script was generated for.
	Target string
	// Source is what the desired state came from: "schemaModel",
	// "env:NAME" or "snapshot:FILE".
	Source string
	// TargetFingerprint is the target's fingerprint when the script was
	// generated; deploy refuses a target whose fingerprint differs.
	TargetFingerprint string
	// ExpectedFingerprint is the fingerprint of the desired state: what the
	// target must read back as after the deploy.
	ExpectedFingerprint string
	// ModelHash identifies the model content the script was generated from.
	ModelHash   string
	GeneratedBy string
	GeneratedAt time.Time
	// Counts of steps and of changes by kind ("add", "change", "drop").
	Steps            int
	NonTransactional int
	Changes          map[string]int
}

// Step is one statement of a script.
type Step struct {
	// Title names the change, e.g. "add column app.users.email".
	Title   string
	Hazards []string
	SQL     string // one statement, without the terminating semicolon
	// Transactional is false for statements PostgreSQL refuses to run in a
	// transaction block (CREATE INDEX CONCURRENTLY ...).
	Transactional bool
	// BeforeTransaction marks a non-transactional step that must commit
	// before the transaction starts (ALTER TYPE ... ADD VALUE whose value
	// the transaction uses); it must be safe to run again.
	BeforeTransaction bool
}

// Render writes the script text: header, transactional steps, then the
// non-transactional ones after their marker. h.Steps and
// h.NonTransactional are filled from steps.
func Render(h Header, steps []Step) []byte {
	var before, tx, nontx []Step
	for _, s := range steps {
		switch {
		case s.BeforeTransaction:
			before = append(before, s)
		case s.Transactional:
			tx = append(tx, s)
		default:
			nontx = append(nontx, s)
		}
	}
	h.Steps, h.NonTransactional = len(steps), len(before)+len(nontx)
	var b strings.Builder
	writeHeader(&b, h)
	n := 0
	section := func(marker, note string, steps []Step) {
		if marker != "" {
			b.WriteString("\n" + marker + "\n" + note)
		}
		for _, s := range steps {
			n++
			writeStep(&b, n, s)
		}
	}
	if len(before) > 0 {
		section(beforeTransaction, "-- The steps below run one by one and commit before the transaction:\n"+
			"-- the transaction uses what they add. Each is safe to run again.\n", before)
		section(transactionStart, "-- The steps below run in one transaction.\n", tx)
	} else {
		section("", "", tx)
	}
	if len(nontx) > 0 {
		section(nonTransactional, "-- The steps below cannot run inside a transaction. Each runs on its own\n"+
			"-- and is safe to run again after a failure.\n", nontx)
	}
	return []byte(b.String())
}

func writeHeader(b *strings.Builder, h Header) {
	if h.Format == "" {
		h.Format = Format
	}
	b.WriteString("-- pgfleet deployment script. Generated: review it, do not edit it;\n")
	b.WriteString("-- change the schema model or the target and prepare again instead.\n")
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(b, "%s%s %s\n", prefix, k, oneLine(v))
		}
	}
	field("format", h.Format)
	field("target", h.Target)
	field("source", h.Source)
	field("target-fingerprint", h.TargetFingerprint)
	field("expected-fingerprint", h.ExpectedFingerprint)
	field("model-hash", h.ModelHash)
	field("generated-by", h.GeneratedBy)
	if !h.GeneratedAt.IsZero() {
		field("generated-at", h.GeneratedAt.UTC().Format(time.RFC3339))
	}
	field("steps", fmt.Sprintf("%d (%d outside the transaction)", h.Steps, h.NonTransactional))
	field("changes", formatCounts(h.Changes))
}

func writeStep(b *strings.Builder, n int, s Step) {
	fmt.Fprintf(b, "\n%s%d: %s\n", stepCommentPrefix, n, oneLine(s.Title))
	if len(s.Hazards) > 0 {
		fmt.Fprintf(b, "-- hazards: %s\n", oneLine(strings.Join(s.Hazards, ", ")))
	}
	b.WriteString(strings.TrimRight(s.SQL, "; \t\n"))
	b.WriteString(";\n")
}

func formatCounts(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}

// oneLine keeps header values and titles on one comment line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
