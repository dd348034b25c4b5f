package migrate

import (
	"reflect"
	"testing"
)

func TestRuleWarnings(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"V1__a.sql":      "",
		"V1__a.sql.conf": "shouldExecute=${flyway:environment}==dev||${flyway:environment}==test&&${featureA}==true",
		"V2__b.sql":      "",
		"V2__b.sql.conf": "shouldExecute=(${flyway:environment==dev}||${flyway:environment}==Prod-ClientA)",
		"V3__c.sql":      "",
		"V3__c.sql.conf": "\n\nshouldExecute=${flyway:environment}==dev&&featureA==true",
		"V4__d.sql":      "",
		"V4__d.sql.conf": "shouldExecute=(${flyway:environment}==dev||${flyway:environment}==test)&&${featureA}==true",
	})
	opts := options(dir)
	opts.Placeholders = map[string]string{"featureA": "false"}
	got, err := RuleWarnings(opts, []string{"dev", "test", "prod-clientA"})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, w := range got {
		codes = append(codes, w.File[len(dir)+1:]+":"+itoa(w.Line)+" "+w.Code)
	}
	want := []string{
		"V1__a.sql.conf:1 MIXED_AND_OR",
		"V2__b.sql.conf:1 UNDEFINED_ENVIRONMENT",
		"V2__b.sql.conf:1 TOLERATED_TYPO",
		"V3__c.sql.conf:3 BARE_WORD_PLACEHOLDER",
	}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("warnings %q\nwant %q\n%+v", codes, want, got)
	}
}
