package action

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

func init() {
	modes["run"] = &mode{title: "pgfleet", run: runCommand, inputs: []Input{
		{Name: "args", Required: true}, inWorkingDirectory, inGitHubToken,
	}}
}

// maxOutputBytes bounds the output of the root action's command kept as a
// step output (GitHub allows 1 MB per job).
const maxOutputBytes = 512 << 10

// runCommand runs any pgfleet command line (the root action), e.g. the
// nightly drift sweep; its stdout becomes the output output.
func runCommand(ctx context.Context, s *step) int {
	args, _ := splitArgs(s.in.str("args")) // validated in Run
	if wd := s.in.str("working-directory"); wd != "" {
		args = append([]string{"-workingDirectory=" + wd}, args...)
	}
	s.gha.Group(s.redact("pgfleet " + strings.Join(args, " ")))
	var out, errOut bytes.Buffer
	code := s.opts.CLI(ctx, args, &out, &errOut)
	for _, line := range strings.Split(strings.TrimRight(out.String()+errOut.String(), "\n"), "\n") {
		if msg, ok := strings.CutPrefix(line, "ERROR: "); ok {
			s.fail("%s", s.redact(msg))
		} else if line != "" {
			s.gha.Infof("%s", s.redact(line))
		}
	}
	s.gha.EndGroup()
	text := s.redact(out.String())
	s.setOutput("output", truncate(text, maxOutputBytes))
	result := "✅ exit code 0"
	if code != 0 {
		result = fmt.Sprintf("❌ exit code %d", code)
	}
	s.row("`pgfleet "+s.redact(s.in.str("args"))+"`", result)
	if strings.TrimSpace(text) != "" {
		s.notes = append(s.notes, "```\n"+truncate(strings.ReplaceAll(text, "```", "'''"), 256<<10)+"\n```\n")
	}
	return code
}
