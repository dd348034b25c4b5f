package codereview

import (
	"testing"

	"github.com/pgfleet/pgfleet/internal/deployrule"
	"github.com/pgfleet/pgfleet/internal/placeholder"
)

// TestReviewDeployRules checks that Deploy Rules lint findings come out as
// warnings with their codes and positions.
func TestReviewDeployRules(t *testing.T) {
	cases := []struct {
		name, src string
		envs      []string
		want      string
	}{
		{"clean", "${flyway:environment}==prod", []string{"prod"}, ""},
		{"mixes && and ||", "${flyway:environment}==prod||${flyway:environment}==test&&${featureA}==true", []string{"prod", "test"}, "DR001@3:1"},
		{"undefined environment", "${flyway:environment}==Prod", []string{"prod"}, "DR002@3:1"},
		{"environments unknown: no DR002", "${flyway:environment}==Prod", nil, ""},
		{"bare word naming a placeholder", "featureA==true", nil, "DR003@3:1"},
		{"tolerated typo", "(${flyway:environment==dev}||${flyway:environment}==prod)", []string{"dev", "prod"}, "DR004@3:1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rule, err := deployrule.Compile("V1__x.sql.conf", c.src, placeholder.DefaultSyntax)
			if err != nil {
				t.Fatal(err)
			}
			res := ReviewDeployRules([]DeployRule{{Rule: rule, Line: 3, Column: 1, Placeholders: []string{"featureA"}}}, c.envs)
			got := ""
			if len(res) == 1 {
				got = codesOf(res[0].Violations)
				for _, v := range res[0].Violations {
					if v.Severity != SeverityWarning || v.File != "V1__x.sql.conf" || v.Help == "" {
						t.Errorf("violation %+v: want a warning on the .conf file with help", v)
					}
				}
			}
			if got != c.want {
				t.Errorf("findings = %q, want %q", got, c.want)
			}
		})
	}
}

// TestShouldExecutePosition locates the key in a .sql.conf file.
func TestShouldExecutePosition(t *testing.T) {
	cases := []struct {
		conf      string
		line, col int
	}{
		{"executeInTransaction=false\n  shouldExecute = ${x}==1\n", 2, 3},
		{"shouldExecute=true", 1, 1},
		{"# shouldExecute=true\n", 0, 0},
	}
	for _, c := range cases {
		if l, col := ShouldExecutePosition(c.conf); l != c.line || col != c.col {
			t.Errorf("ShouldExecutePosition(%q) = %d:%d, want %d:%d", c.conf, l, col, c.line, c.col)
		}
	}
}
