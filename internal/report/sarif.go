package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIFOptions says how file paths and the tool are described in SARIF.
type SARIFOptions struct {
	// BaseDir is the repository or working directory: artifact URIs are
	// made relative to it (GitHub code scanning needs repository-relative
	// paths). Empty means the paths are left as given.
	BaseDir string
	// Version is pgfleet's version, for tool.driver.version.
	Version string
}

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	Results    []sarifResult `json:"results"`
	ColumnKind string        `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name,omitempty"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      *sarifText        `json:"fullDescription,omitempty"`
	Help                 *sarifText        `json:"help,omitempty"`
	DefaultConfiguration sarifConfig       `json:"defaultConfiguration"`
	Properties           map[string]string `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level   string `json:"level"`
	Enabled bool   `json:"enabled"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

// WriteSARIF writes the code review as a SARIF 2.1.0 log: one run, the
// rules in tool.driver.rules, every violation a result, suppressed ones
// with an inSource suppression carrying the pgfleet:allow reason.
func WriteSARIF(w io.Writer, c *CodeReview, opts SARIFOptions) error {
	rules, index := sarifRules(c)
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "pgfleet", Version: opts.Version,
		InformationURI: "https://github.com/pgfleet/pgfleet", Rules: rules}},
		Results: []sarifResult{}, ColumnKind: "unicodeCodePoints"}
	for _, f := range c.Results {
		uri := artifactURI(f.Filepath, opts.BaseDir)
		for _, v := range f.Violations {
			run.Results = append(run.Results, sarifResultOf(v, uri, index[v.Code], nil))
		}
		for _, v := range f.Suppressed {
			sup := []sarifSuppression{{Kind: "inSource", Status: "accepted", Justification: v.Reason}}
			run.Results = append(run.Results, sarifResultOf(v, uri, index[v.Code], sup))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifRules lists the rules of the review, plus any code a violation uses
// that the rule list lacks, and indexes them by code.
func sarifRules(c *CodeReview) ([]sarifRule, map[string]int) {
	index := map[string]int{}
	rules := []sarifRule{}
	add := func(r Rule) {
		if _, ok := index[r.Code]; ok {
			return
		}
		index[r.Code] = len(rules)
		sr := sarifRule{ID: r.Code, ShortDescription: sarifText{Text: or(r.Description, r.Code)},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity), Enabled: r.Severity != "disabled"},
			Properties:           map[string]string{"engine": r.Engine}}
		if r.Help != "" {
			sr.FullDescription = &sarifText{Text: r.Help}
			sr.Help = &sarifText{Text: r.Help}
		}
		rules = append(rules, sr)
	}
	for _, r := range c.Rules {
		add(r)
	}
	for _, f := range c.Results {
		for _, v := range append(slicesClone(f.Violations), f.Suppressed...) {
			add(Rule{Code: v.Code, Description: v.Code, Help: v.Help, Severity: v.Severity, Engine: v.Engine})
		}
	}
	return rules, index
}

func slicesClone(v []CodeViolation) []CodeViolation { return append([]CodeViolation(nil), v...) }

// sarifResultOf converts one violation.
func sarifResultOf(v CodeViolation, uri string, idx int, sup []sarifSuppression) sarifResult {
	start := sarifRegion{StartLine: max(v.LineNo, 1), StartColumn: max(v.LinePos, 1)}
	start.EndLine = max(v.LineNoEnd, start.StartLine)
	start.EndColumn = max(v.LinePosEnd, 1)
	if start.EndLine == start.StartLine && start.EndColumn < start.StartColumn {
		start.EndColumn = start.StartColumn
	}
	msg := v.Description
	if msg == "" {
		msg = v.Code
	}
	return sarifResult{RuleID: v.Code, RuleIndex: idx, Level: sarifLevel(v.Severity), Message: sarifText{Text: msg},
		Locations:    []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}, Region: start}}},
		Suppressions: sup}
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(sev string) string {
	switch sev {
	case "error":
		return "error"
	case "disabled":
		return "none"
	}
	return "warning"
}

// artifactURI makes path relative to base when it lies under it, with
// forward slashes, escaped as a URI reference.
func artifactURI(path, base string) string {
	p := path
	if base != "" {
		abs, err1 := filepath.Abs(path)
		absBase, err2 := filepath.Abs(base)
		if err1 == nil && err2 == nil {
			if rel, err := filepath.Rel(absBase, abs); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(p)
	u := url.URL{Path: p}
	if filepath.IsAbs(path) && p == filepath.ToSlash(path) {
		u.Scheme = "file"
	}
	return u.String()
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
