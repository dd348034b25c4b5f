package report

import (
	"path/filepath"
	"strings"
)

// DefaultFilename is Flyway's default reportFilename.
const DefaultFilename = "report.html"

// Paths are the files of one report.
type Paths struct {
	HTML  string
	JSON  string
	SARIF string
}

// PathsFor derives the report files from Flyway's reportFilename: the HTML
// report is the name itself (.html added when it has neither .html nor
// .htm); the JSON and SARIF twins replace that extension with .json and
// .sarif. An empty name means DefaultFilename.
func PathsFor(reportFilename string) Paths {
	if reportFilename == "" {
		reportFilename = DefaultFilename
	}
	base := reportFilename
	html := reportFilename
	switch strings.ToLower(filepath.Ext(reportFilename)) {
	case ".html", ".htm":
		base = strings.TrimSuffix(reportFilename, filepath.Ext(reportFilename))
	default:
		html += ".html"
	}
	return Paths{HTML: html, JSON: base + ".json", SARIF: base + ".sarif"}
}
