package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadSARIFSchema reads the SARIF 2.1.0 schema shipped in testdata.
func loadSARIFSchema(t *testing.T) *schemaValidator {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	return &schemaValidator{root: root}
}

func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSARIFValidatesAgainstSchema reviews a real script, writes SARIF and
// validates it against the SARIF 2.1.0 JSON schema; then checks what code
// scanning reads: rules, levels, relative URIs, regions, suppressions.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sv := loadSARIFSchema(t)
	dir := t.TempDir()
	cr := sampleCode(t, dir)
	for i := range cr.Results { // as the CLI passes them: paths under the working directory
		cr.Results[i].Filepath = filepath.Join(dir, cr.Results[i].Filepath)
	}
	var b bytes.Buffer
	if err := WriteSARIF(&b, cr, SARIFOptions{BaseDir: dir, Version: "0.1.0"}); err != nil {
		t.Fatal(err)
	}
	if errs := sv.validate(sv.root, decodeJSON(t, b.Bytes()), "$"); len(errs) > 0 {
		t.Fatalf("SARIF does not validate:\n%s", strings.Join(errs, "\n"))
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	byID := map[string]sarifRule{}
	for _, r := range run.Tool.Driver.Rules {
		byID[r.ID] = r
	}
	if r := byID["PG002"]; r.DefaultConfiguration.Level != "error" || r.Help == nil || !strings.Contains(r.Help.Text, "volatile") {
		t.Errorf("rule PG002 = %+v", r)
	}
	var got []string
	for _, res := range run.Results {
		loc := res.Locations[0].PhysicalLocation
		s := res.RuleID + "@" + loc.ArtifactLocation.URI + ":" + itoa(loc.Region.StartLine) + ":" + itoa(loc.Region.StartColumn) + "-" + itoa(loc.Region.EndColumn) + ":" + res.Level
		if len(res.Suppressions) > 0 {
			s += ":suppressed(" + res.Suppressions[0].Justification + ")"
		}
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		got = append(got, s)
	}
	want := []string{
		"RX013@migrations/V2__accounts.sql:2:14-23:warning",
		"PG002@migrations/V2__accounts.sql:3:52-67:error",
		"PG006@migrations/V2__accounts.sql:6:1-13:warning",
		"RX001@migrations/V2__accounts.sql:8:1-11:error",
		"RX003@migrations/V2__accounts.sql:5:1-9:error:suppressed(staging data is rebuilt nightly)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSchemaValidatorRejects proves the validator is not vacuous: broken
// SARIF documents fail it.
func TestSchemaValidatorRejects(t *testing.T) {
	sv := loadSARIFSchema(t)
	valid := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"warning","locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.sql"},"region":{"startLine":1,"startColumn":1}}}]}]}]}`
	if errs := sv.validate(sv.root, decodeJSON(t, []byte(valid)), "$"); len(errs) > 0 {
		t.Fatalf("valid document rejected: %v", errs)
	}
	cases := map[string]string{
		"wrong version":       strings.Replace(valid, `"2.1.0"`, `"2.0.0"`, 1),
		"no runs":             `{"version":"2.1.0"}`,
		"unknown level":       strings.Replace(valid, `"warning"`, `"severe"`, 1),
		"line 0":              strings.Replace(valid, `"startLine":1`, `"startLine":0`, 1),
		"message not object":  strings.Replace(valid, `{"text":"m"}`, `"m"`, 1),
		"unknown property":    strings.Replace(valid, `"level"`, `"lvl"`, 1),
		"driver without name": strings.Replace(valid, `"driver":{"name":"x"}`, `"driver":{}`, 1),
	}
	for name, doc := range cases {
		if errs := sv.validate(sv.root, decodeJSON(t, []byte(doc)), "$"); len(errs) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
