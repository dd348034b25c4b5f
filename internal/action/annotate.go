package action

import (
	"fmt"
	"strconv"

	"github.com/sethvargo/go-githubactions"
)

// maxAnnotationsPerType is how many annotations of each level GitHub shows
// per step (the runner's _maxCountPerIssueType); more still reach the log.
const maxAnnotationsPerType = 10

// Annotation levels, as workflow commands name them.
const (
	levelError   = "error"
	levelWarning = "warning"
	levelNotice  = "notice"
)

// annotation is one finding, optionally on a file line.
type annotation struct {
	Level          string
	File           string
	Line, EndLine  int
	Col, EndCol    int
	Title, Message string
}

// annotator issues annotations, at most maxAnnotationsPerType per level;
// the rest are logged as plain lines and counted. Every annotation is kept
// for the check run, which has no such limit.
type annotator struct {
	gha    *githubactions.Action
	issued map[string]int
	over   map[string]int
	all    []annotation
}

func newAnnotator(gha *githubactions.Action) *annotator {
	return &annotator{gha: gha, issued: map[string]int{}, over: map[string]int{}}
}

func (a *annotator) add(x annotation) {
	a.all = append(a.all, x)
	if a.issued[x.Level] >= maxAnnotationsPerType {
		a.over[x.Level]++
		loc := ""
		if x.File != "" {
			loc = fmt.Sprintf("%s:%d: ", x.File, x.Line)
		}
		a.gha.Infof("%s: %s%s", x.Level, loc, x.Message)
		return
	}
	a.issued[x.Level]++
	g := a.gha.WithFieldsMap(x.fields())
	switch x.Level {
	case levelError:
		g.Errorf("%s", x.Message)
	case levelWarning:
		g.Warningf("%s", x.Message)
	default:
		g.Noticef("%s", x.Message)
	}
}

// fields are the workflow command's properties, with the runner's names.
func (x annotation) fields() map[string]string {
	f := map[string]string{}
	put := func(k string, v int) {
		if v > 0 {
			f[k] = strconv.Itoa(v)
		}
	}
	if x.File != "" {
		f["file"] = x.File
		put("line", x.Line)
		put("endLine", x.EndLine)
		if x.EndLine == 0 || x.EndLine == x.Line {
			put("col", x.Col)
			put("endColumn", x.EndCol)
		}
	}
	if x.Title != "" {
		f["title"] = x.Title
	}
	return f
}

// summarise logs how many annotations GitHub will not show and returns a
// Markdown note saying so, "" when none were held back.
func (a *annotator) summarise() string {
	total := 0
	for _, n := range a.over {
		total += n
	}
	if total == 0 {
		return ""
	}
	msg := fmt.Sprintf("%d more annotations (%d errors, %d warnings, %d notices) are in the log only: GitHub shows %d of each type per step. "+
		"The check run and the report list every finding.", total, a.over[levelError], a.over[levelWarning], a.over[levelNotice], maxAnnotationsPerType)
	a.gha.Infof("%s", msg)
	return "> " + msg + "\n"
}
