// Package report renders the results of pgfleet's check operations (drift,
// changes, code, dryrun) the way Flyway does: one report per run with a
// section per operation, accumulated across invocations into the same files
// (running an operation again replaces only its own section).
//
// A report is written as report.json in Flyway's shape
// ({htmlReport, jsonReport, individualResults: [{operation, ...}]}), as a
// self-contained report.html (html/template, no external assets), and, when
// it holds a code review, as SARIF 2.1.0 next to them (same base name,
// .sarif) for code scanning. Markdown renders a summary for GitHub step
// summaries, kept under a byte limit.
package report
