package action

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/sethvargo/go-githubactions"
)

func TestSplitArgs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{"", nil, false},
		{"  -a=1   -b=2 ", []string{"-a=1", "-b=2"}, false},
		{`-placeholders.x="two words" -y='it''s'`, []string{"-placeholders.x=two words", "-y=its"}, false},
		{`-x=a\ b -z=""`, []string{"-x=a b", "-z="}, false},
		{"-a\n-b", []string{"-a", "-b"}, false},
		{`-x="open`, nil, true},
		{`-x=\`, nil, true},
	}
	for _, tc := range tests {
		got, err := splitArgs(tc.in)
		if (err != nil) != tc.err || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("splitArgs(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestHeredocUsesAFreshDelimiter(t *testing.T) {
	value := "line 1\n_GitHubActionsFileCommandDelimeter_\nEOF"
	a, b := heredoc("script", value), heredoc("script", value)
	if a == b {
		t.Error("two heredocs share a delimiter")
	}
	head, rest, _ := strings.Cut(a, "\n")
	delim := strings.TrimPrefix(head, "script<<")
	if !strings.HasPrefix(delim, "ghadelimiter_") || rest != value+"\n"+delim+"\n" {
		t.Errorf("heredoc %q", a)
	}
}

func TestAnnotationsCappedPerType(t *testing.T) {
	var out bytes.Buffer
	a := newAnnotator(githubactions.New(githubactions.WithWriter(&out), githubactions.WithGetenv(func(string) string { return "" })))
	for i := 1; i <= 13; i++ {
		a.add(annotation{Level: levelError, File: "d.sql", Line: i, Message: fmt.Sprint("e", i)})
	}
	for i := 1; i <= 3; i++ {
		a.add(annotation{Level: levelWarning, Message: "w"})
	}
	log := out.String()
	if n := strings.Count(log, "::error "); n != 10 {
		t.Errorf("%d ::error annotations issued, want 10:\n%s", n, log)
	}
	if n := strings.Count(log, "::warning"); n != 3 {
		t.Errorf("%d warnings, want 3", n)
	}
	if note := a.summarise(); !strings.Contains(note, "3 more annotations (3 errors, 0 warnings") || len(a.all) != 16 {
		t.Errorf("summary note %q, kept %d", note, len(a.all))
	}
}

func TestSummaryFitsTheLimit(t *testing.T) {
	s := &step{mode: &mode{title: "pgfleet State Prepare"}, in: inputs{"target-environment": "eu-west-1"}}
	for i := 0; i < 5000; i++ {
		s.row(fmt.Sprint("check ", i), strings.Repeat("é", 30))
	}
	for _, limit := range []int{300, 4096, 100000} {
		md := s.summary(limit, nil, "")
		if len(md) > limit || !strings.HasPrefix(md, "## pgfleet State Prepare: `eu-west-1`") || !strings.HasSuffix(md, "\n") {
			t.Errorf("limit %d: %d bytes, starts %.40q", limit, len(md), md)
		}
	}
}
