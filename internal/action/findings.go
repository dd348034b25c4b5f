package action

import (
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/report"
)

// annotateHazards puts a warning on the schema-model line that defines
// each changed object with a hazard, and lists them for the summary.
func (s *step) annotateHazards(diffs []report.Difference) {
	var rows []string
	for _, d := range diffs {
		if len(d.Hazards) == 0 {
			continue
		}
		name := qualified(d.Schema, d.Name)
		hz := strings.Join(d.Hazards, ", ")
		file := s.relPath(d.SourceFile)
		s.ann.add(annotation{Level: levelWarning, File: file, Line: d.SourceLine, Title: "Hazard: " + hz,
			Message: fmt.Sprintf("Deploying this model to %s will %s %s %s, which has hazards: %s. Review the deployment script.",
				s.environment(), verb(d.DifferenceType), strings.ToLower(d.ObjectType), name, hz)})
		loc := "—"
		if file != "" {
			loc = fmt.Sprintf("`%s:%d`", file, d.SourceLine)
		}
		rows = append(rows, fmt.Sprintf("| %s `%s` | %s | %s |", d.ObjectType, name, hz, loc))
	}
	if len(rows) > 0 {
		s.notes = append(s.notes, "### Hazards\n\n| Object | Hazards | Defined at |\n|---|---|---|\n"+strings.Join(rows, "\n")+"\n")
	}
}

func verb(differenceType string) string {
	switch strings.ToLower(differenceType) {
	case "add":
		return "create"
	case "delete", "drop":
		return "drop"
	}
	return "change"
}

func qualified(schema, name string) string {
	if schema == "" {
		return name
	}
	return schema + "." + name
}

// annotateViolations annotates each code review violation at its
// position: errors for error severity, warnings otherwise.
func (s *step) annotateViolations(cr *report.CodeReview) {
	for _, f := range cr.Results {
		for _, v := range f.Violations {
			level := levelError
			if v.Warning {
				level = levelWarning
			}
			s.ann.add(annotation{Level: level, File: s.relPath(f.Filepath), Line: v.LineNo, EndLine: v.LineNoEnd,
				Col: v.LinePos, EndCol: v.LinePosEnd, Title: v.Code, Message: v.Description})
		}
	}
}

// loadReport reads the report the commands accumulated, for the summary
// and the artifacts.
func (s *step) loadReport(htmlPath string) {
	cfgPath := htmlPath
	if wd := s.in.str("working-directory"); wd != "" && !strings.HasPrefix(htmlPath, "/") {
		cfgPath = wd + "/" + htmlPath
	}
	rep, err := report.Load(report.PathsFor(cfgPath).JSON)
	if err != nil || len(rep.Sections) == 0 {
		return
	}
	s.report = rep
}

// reportHTML is the HTML report's path, "" when there is none.
func (s *step) reportHTML() string {
	if s.report == nil {
		return ""
	}
	return s.report.HTMLReport
}

// reportFiles are the report's files: HTML, JSON and SARIF.
func (s *step) reportFiles() []string {
	if s.report == nil {
		return nil
	}
	return []string{s.report.HTMLReport, s.report.JSONReport, s.report.SarifReport}
}
