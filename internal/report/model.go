package report

import (
	"encoding/json"
	"time"
)

// Operation names a check operation, as Flyway's individualResults do.
type Operation string

// The operations a report has a section for, in the order reports show them.
const (
	OpDrift   Operation = "drift"
	OpChanges Operation = "changes"
	OpCode    Operation = "code"
	OpDryRun  Operation = "dryrun"
)

// operationOrder is the order in which sections are shown and stored.
var operationOrder = []Operation{OpDrift, OpChanges, OpCode, OpDryRun}

// Section is one operation's results: *Comparison, *CodeReview, *DryRun or
// *RawSection.
type Section interface {
	Head() *Header
}

// Header holds what every section has.
type Header struct {
	Operation   Operation `json:"operation"`
	Timestamp   time.Time `json:"timestamp"`
	Database    string    `json:"database,omitempty"` // a URL or name; a password in it is removed on save
	Environment string    `json:"environment,omitempty"`
	Warnings    []string  `json:"warnings"`
}

// Head returns the header.
func (h *Header) Head() *Header { return h }

// Comparison is the result of check -drift (the deployed snapshot against
// the live target) or check -changes (the schema model, or the migrations,
// against the target). Source is the side the deployment wants (the
// snapshot for drift, the model for changes), target the live database.
type Comparison struct {
	Header
	OnlyInSource []Difference `json:"onlyInSource"`
	OnlyInTarget []Difference `json:"onlyInTarget"`
	Differences  []Difference `json:"differences"`
	// DriftCheckSkipped is true when the target had no snapshot to compare
	// with (a first deployment): a warning, not a failure.
	DriftCheckSkipped bool `json:"driftCheckSkipped,omitempty"`
	// DriftResolutionFolderPath is where the drift resolution scripts were
	// written, if they were.
	DriftResolutionFolderPath string `json:"driftResolutionFolderPath,omitempty"`
	// Script is the deployment script generated for the changes, if any.
	Script string `json:"deploymentScript,omitempty"`
}

// Difference is one object that differs between the two sides.
type Difference struct {
	Name             string   `json:"name"`
	Schema           string   `json:"schema,omitempty"`
	ObjectType       string   `json:"objectType"`
	DifferenceType   string   `json:"differenceType,omitempty"` // Add, Delete, Modify, or a finer word
	DefinitionBefore string   `json:"definitionBefore,omitempty"`
	DefinitionAfter  string   `json:"definitionAfter,omitempty"`
	SourceFile       string   `json:"sourceFile,omitempty"` // model file defining the object
	SourceLine       int      `json:"sourceLine,omitempty"`
	Hazards          []string `json:"hazards,omitempty"`
}

// CodeReview is the result of check -code.
type CodeReview struct {
	Header
	Results     []CodeFile `json:"results"`
	Rules       []Rule     `json:"rules,omitempty"`
	SarifReport string     `json:"sarifReport,omitempty"`
}

// CodeFile is the review of one file, in Flyway's shape (filepath,
// violations), plus the violations a pgfleet:allow comment suppressed.
type CodeFile struct {
	Filepath   string          `json:"filepath"`
	Violations []CodeViolation `json:"violations"`
	Suppressed []CodeViolation `json:"suppressed,omitempty"`
}

// CodeViolation is one violation in Flyway's JSON shape; positions are
// 1-based, columns in characters, the end exclusive.
type CodeViolation struct {
	LineNo      int    `json:"line_no"`
	LinePos     int    `json:"line_pos"`
	LineNoEnd   int    `json:"line_no_end"`
	LinePosEnd  int    `json:"line_pos_end"`
	FilePos     int    `json:"file_pos"`
	FilePosEnd  int    `json:"file_pos_end"`
	Description string `json:"description"`
	Code        string `json:"code"`
	Warning     bool   `json:"warning"` // true unless the severity is error
	Severity    string `json:"severity"`
	Engine      string `json:"engine"`
	Help        string `json:"help"`
	Reason      string `json:"reason,omitempty"` // why it was suppressed
}

// Rule is a code review rule's metadata.
type Rule struct {
	Code        string `json:"code"`
	Description string `json:"description"`
	Help        string `json:"help,omitempty"`
	Severity    string `json:"severity"`
	Engine      string `json:"engine"`
}

// DryRun is the result of check -dryrun.
type DryRun struct {
	Header
	SQL        string            `json:"sql"`
	Script     string            `json:"scriptFilename,omitempty"`
	Statements []DryRunStatement `json:"statements"`
	RolledBack bool              `json:"rolledBack"`
}

// DryRunStatement is one statement's outcome in a dry run.
type DryRunStatement struct {
	// File is the migration a statement comes from in a dry run of pending
	// migrations; empty for a deployment script (Script names it).
	File          string  `json:"file,omitempty"`
	Line          int     `json:"line"`
	SQL           string  `json:"sql"`
	Outcome       Outcome `json:"outcome"`
	DurationMS    float64 `json:"durationMs"`
	Error         string  `json:"error,omitempty"`
	Transactional bool    `json:"transactional"`
}

// Outcome is what happened to a dry-run statement.
type Outcome string

// Dry-run outcomes: run without error, failed, or not run because it
// cannot run inside a transaction (checked without running).
const (
	OutcomeOK      Outcome = "ok"
	OutcomeError   Outcome = "error"
	OutcomeSkipped Outcome = "skipped"
)

// RawSection is a section of an operation this version does not know,
// kept as read so that it survives a rewrite of the report.
type RawSection struct {
	Header
	Raw json.RawMessage
}

// MarshalJSON returns the section as read.
func (r *RawSection) MarshalJSON() ([]byte, error) { return r.Raw, nil }
