package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
)

// Report is one run's report: a section per operation.
type Report struct {
	HTMLReport  string    // path of report.html, as written into report.json
	JSONReport  string    // path of report.json
	SarifReport string    // path of the .sarif file, when there is a code review
	Sections    []Section // at most one per operation, in operationOrder
}

// jsonReport is Report's JSON shape: Flyway's envelope.
type jsonReport struct {
	HTMLReport        string            `json:"htmlReport"`
	JSONReport        string            `json:"jsonReport"`
	SarifReport       string            `json:"sarifReport,omitempty"`
	IndividualResults []json.RawMessage `json:"individualResults"`
}

// Put adds s, replacing the section of the same operation if there is one.
func (r *Report) Put(s Section) {
	op := s.Head().Operation
	for i, old := range r.Sections {
		if old.Head().Operation == op {
			r.Sections[i] = s
			return
		}
	}
	r.Sections = append(r.Sections, s)
	slices.SortStableFunc(r.Sections, func(a, b Section) int {
		return rank(a.Head().Operation) - rank(b.Head().Operation)
	})
}

// Section returns the section of op, or nil.
func (r *Report) Section(op Operation) Section {
	for _, s := range r.Sections {
		if s.Head().Operation == op {
			return s
		}
	}
	return nil
}

// rank orders operations; unknown ones go last.
func rank(op Operation) int {
	if i := slices.Index(operationOrder, op); i >= 0 {
		return i
	}
	return len(operationOrder)
}

// MarshalJSON encodes the report in Flyway's shape.
func (r *Report) MarshalJSON() ([]byte, error) {
	out := jsonReport{HTMLReport: r.HTMLReport, JSONReport: r.JSONReport, SarifReport: r.SarifReport,
		IndividualResults: []json.RawMessage{}}
	for _, s := range r.Sections {
		normalize(s)
		b, err := json.Marshal(s)
		if err != nil {
			return nil, fmt.Errorf("encoding %s section: %w", s.Head().Operation, err)
		}
		out.IndividualResults = append(out.IndividualResults, b)
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes a report in Flyway's shape; sections of unknown
// operations are kept as RawSection.
func (r *Report) UnmarshalJSON(data []byte) error {
	var in jsonReport
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*r = Report{HTMLReport: in.HTMLReport, JSONReport: in.JSONReport, SarifReport: in.SarifReport}
	for i, raw := range in.IndividualResults {
		s, err := decodeSection(raw)
		if err != nil {
			return fmt.Errorf("individualResults[%d]: %w", i, err)
		}
		r.Put(s)
	}
	return nil
}

// decodeSection decodes one individualResults entry by its operation.
func decodeSection(raw json.RawMessage) (Section, error) {
	var h Header
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, err
	}
	var s Section
	switch h.Operation {
	case OpDrift, OpChanges:
		s = &Comparison{}
	case OpCode:
		s = &CodeReview{}
	case OpDryRun:
		s = &DryRun{}
	default:
		return &RawSection{Header: h, Raw: slices.Clone(raw)}, nil
	}
	if err := json.Unmarshal(raw, s); err != nil {
		return nil, err
	}
	return s, nil
}

// Load reads the report.json at path. A missing file is an empty report;
// a file that is not a report is an error saying so.
func Load(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Report{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading report: %w", err)
	}
	r := &Report{}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("reading report %s: %w (delete it or choose another reportFilename)", path, err)
	}
	return r, nil
}

// normalize turns nil lists into empty ones, so that the JSON has [] where
// tools written for Flyway's output expect an array (never null).
func normalize(s Section) {
	h := s.Head()
	if h.Warnings == nil {
		h.Warnings = []string{}
	}
	switch x := s.(type) {
	case *Comparison:
		for _, l := range []*[]Difference{&x.OnlyInSource, &x.OnlyInTarget, &x.Differences} {
			if *l == nil {
				*l = []Difference{}
			}
		}
	case *CodeReview:
		if x.Results == nil {
			x.Results = []CodeFile{}
		}
		for i := range x.Results {
			if x.Results[i].Violations == nil {
				x.Results[i].Violations = []CodeViolation{}
			}
		}
	case *DryRun:
		if x.Statements == nil {
			x.Statements = []DryRunStatement{}
		}
	}
}
