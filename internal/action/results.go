package action

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/report"
)

// decodeResult decodes the command's JSON result (its stdout; a failed
// command's result also holds an "error" member) into v. It returns false
// when there is none: the command failed before producing one and printed
// only its error object.
func (r *cliRun) decodeResult(v any) bool {
	dec := json.NewDecoder(bytes.NewReader(r.stdout))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return false
	}
	var probe map[string]json.RawMessage
	if json.Unmarshal(raw, &probe) == nil {
		if _, isErr := probe["error"]; isErr && len(probe) == 1 {
			return false
		}
	}
	return json.Unmarshal(raw, v) == nil
}

// errorMessage returns the message of the "error" member of the command's
// JSON output.
func (r *cliRun) errorMessage() string {
	dec := json.NewDecoder(bytes.NewReader(r.stdout))
	for {
		var v struct {
			Error *struct{ Message string } `json:"error"`
		}
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) || err != nil {
			return ""
		}
		if v.Error != nil {
			return v.Error.Message
		}
	}
}

// checkReport decodes a check command's result.
func (r *cliRun) checkReport() *report.Report {
	rep := &report.Report{}
	if !r.decodeResult(rep) {
		return nil
	}
	return rep
}

// section returns the report's section of op, or nil.
func section(rep *report.Report, op report.Operation) report.Section {
	if rep == nil {
		return nil
	}
	return rep.Section(op)
}

// comparison returns the report's comparison section of op, or nil.
func comparison(rep *report.Report, op report.Operation) *report.Comparison {
	c, _ := section(rep, op).(*report.Comparison)
	return c
}

func changedObjects(c *report.Comparison) []report.Difference {
	var all []report.Difference
	for _, l := range [][]report.Difference{c.OnlyInSource, c.OnlyInTarget, c.Differences} {
		all = append(all, l...)
	}
	return all
}

// violations counts a code review's unsuppressed violations and lists
// their codes, de-duplicated and sorted.
func violations(cr *report.CodeReview) (int, string) {
	n := 0
	seen := map[string]bool{}
	for _, f := range cr.Results {
		for _, v := range f.Violations {
			n++
			seen[v.Code] = true
		}
	}
	codes := make([]string, 0, len(seen))
	for c := range seen {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return n, strings.Join(codes, ",")
}
