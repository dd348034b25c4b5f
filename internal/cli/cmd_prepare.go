package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
	"github.com/pgfleet/pgfleet/internal/exitcode"
	"github.com/pgfleet/pgfleet/internal/plan"
	"github.com/pgfleet/pgfleet/internal/script"
)

func init() {
	register(&Command{
		Name:    "prepare",
		Summary: "Generate the target's own deployment script (and undo script) from the schema model",
		Description: `
Compares the desired state (-source=schemaModel, the default; env:NAME for
another environment's live schema; snapshot:FILE) with the live target
(-target, default -environment) and writes the target's own deployment
script to -scriptFilename (default deployments/D__deployment.sql): a header
recording the target's fingerprint (deploy refuses a target that changed
since), then each step with a comment naming its change and hazards; steps
that cannot run in a transaction come last. -types=deploy,undo also writes
the undo script (-undoFilename, default deployments/DU__undo.sql).
-online=true prefers non-blocking DDL. An existing script is kept unless
-force. Nothing to change: no script, exit 0. JSON: Flyway's
{scriptWasGenerated, scriptFilename, undoFilename, differences, warnings}.`,
		Namespaces: []string{"prepare"},
		Run:        runPrepare,
	})
}

// prepareResult is prepare's JSON output, in Flyway's shape.
type prepareResult struct {
	ScriptWasGenerated bool                `json:"scriptWasGenerated"`
	ScriptFilename     string              `json:"scriptFilename,omitempty"`
	UndoFilename       string              `json:"undoFilename,omitempty"`
	Differences        []prepareDifference `json:"differences"`
	Warnings           []prepareWarning    `json:"warnings"`
}

type prepareDifference struct {
	ID             string      `json:"id"`
	DifferenceType string      `json:"differenceType"`
	ObjectType     string      `json:"objectType"`
	From           *objectName `json:"from,omitempty"`
	To             *objectName `json:"to,omitempty"`
}

type objectName struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Schema             string `json:"schema,omitempty"`
	Name               string `json:"name"`
}

type prepareWarning struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

func runPrepare(ctx context.Context, inv *Invocation) error {
	env, err := inv.Environment()
	if err != nil {
		return err
	}
	t, err := openTarget(ctx, inv, env.Flyway.Prepare.Target)
	if err != nil {
		return err
	}
	defer t.close()
	p := env.Flyway.Prepare
	live, err := t.read(ctx)
	if err != nil {
		return err
	}
	want, err := loadDesired(ctx, inv, t, p.Source)
	if err != nil {
		return err
	}
	alignColumns(t.env, live, want)
	res, err := writePrepared(ctx, inv, t, live, want)
	if err != nil {
		return err
	}
	return inv.Result(res, prepareText(res, t.env.Name))
}

// writePrepared plans live → want and writes the scripts the prepare
// settings ask for.
func writePrepared(ctx context.Context, inv *Invocation, t *target, live *catalog.Catalog, want *desired) (*prepareResult, error) {
	p := t.env.Flyway.Prepare
	role, err := currentRole(ctx, t)
	if err != nil {
		return nil, err
	}
	deployPlan, err := plan.Build(live, want.catalog, plan.Options{Online: p.Online, Role: role})
	if err != nil {
		return nil, fmt.Errorf("planning the deployment to %s: %w", t.env.Name, err)
	}
	res := &prepareResult{Differences: differences(diff.Diff(live, want.catalog)), Warnings: []prepareWarning{}}
	if deployPlan.Empty() {
		return res, nil
	}
	scriptPath, undoPath := p.ScriptFilename, p.UndoFilename
	types := lowerAll(p.Types)
	if err := checkOverwrite(p.Force, scriptPath, undoPath, slices.Contains(types, "undo")); err != nil {
		return nil, err
	}
	h := scriptHeader(t, want, live.Fingerprint(), want.catalog.Fingerprint(), res.Differences)
	if err := writeScript(scriptPath, h, deployPlan); err != nil {
		return nil, err
	}
	res.ScriptWasGenerated, res.ScriptFilename = true, scriptPath
	if slices.Contains(types, "undo") {
		if w := writeUndo(t, want, live, role, undoPath, res.Differences); w != "" {
			res.Warnings = append(res.Warnings, prepareWarning{Type: "undo", Message: w})
		} else {
			res.UndoFilename = undoPath
		}
	}
	return res, nil
}

// writeUndo writes the plan from the desired state back to the target's
// current one; a change that cannot be planned back becomes a warning.
func writeUndo(t *target, want *desired, live *catalog.Catalog, role, path string, diffs []prepareDifference) string {
	undo, err := plan.Build(want.catalog, live, plan.Options{Online: t.env.Flyway.Prepare.Online, Role: role})
	if err != nil {
		return fmt.Sprintf("no undo script: %v", err)
	}
	h := scriptHeader(t, want, want.catalog.Fingerprint(), live.Fingerprint(), diffs)
	h.Source = "undo of " + want.label
	if err := writeScript(path, h, undo); err != nil {
		return err.Error()
	}
	return ""
}

func scriptHeader(t *target, want *desired, from, to string, diffs []prepareDifference) script.Header {
	counts := map[string]int{}
	for _, d := range diffs {
		counts[strings.ToLower(d.DifferenceType)]++
	}
	return script.Header{Target: t.env.Name, Source: want.label, TargetFingerprint: from, ExpectedFingerprint: to,
		ModelHash: want.hash, GeneratedBy: "pgfleet " + currentVersion().Version, GeneratedAt: time.Now(), Changes: counts}
}

// scriptSteps turns a plan into script steps, its session settings first.
func scriptSteps(p *plan.Plan) []script.Step {
	var steps []script.Step
	for _, s := range p.Setup {
		steps = append(steps, script.Step{Title: "session setting for this deployment", SQL: s, Transactional: true})
	}
	for _, s := range p.Steps {
		hz := make([]string, len(s.Hazards))
		for i, h := range s.Hazards {
			hz[i] = string(h)
		}
		steps = append(steps, script.Step{Title: s.Description, Hazards: hz, SQL: s.SQL,
			Transactional: s.Transactional, BeforeTransaction: s.BeforeTransaction})
	}
	return steps
}

func writeScript(path string, h script.Header, p *plan.Plan) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating the folder of %s: %w", path, err)
	}
	if err := os.WriteFile(path, script.Render(h, scriptSteps(p)), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func checkOverwrite(force bool, script, undo string, withUndo bool) error {
	if force {
		return nil
	}
	paths := []string{script}
	if withUndo {
		paths = append(paths, undo)
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return exitcode.Newf(exitcode.Usage, "%s already exists: remove it, choose another -scriptFilename, or pass -force to overwrite it", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("checking %s: %w", p, err)
		}
	}
	return nil
}

// currentRole is the role the deployment will run as.
func currentRole(ctx context.Context, t *target) (string, error) {
	var role string
	if err := t.pool.QueryRow(ctx, "SELECT current_user").Scan(&role); err != nil {
		return "", fmt.Errorf("reading the current role of %s: %w", t.env.Name, err)
	}
	return role, nil
}

// differences lists changes in Flyway's prepare shape.
func differences(changes []diff.Change) []prepareDifference {
	out := make([]prepareDifference, 0, len(changes))
	for _, c := range changes {
		from, to := c.Objects()
		d := prepareDifference{ID: c.Key().String(), ObjectType: kindTitle(c.Key().Kind), DifferenceType: "Change"}
		if from.Value == nil {
			d.DifferenceType = "Add"
		} else if to.Value == nil {
			d.DifferenceType = "Drop"
		}
		name := nameOf(c.Key())
		if from.Value != nil {
			d.From = name
		}
		if to.Value != nil {
			d.To = name
		}
		out = append(out, d)
	}
	return out
}

func nameOf(k catalog.Key) *objectName {
	n := k.Name
	if k.Table != "" {
		n = k.Table + "." + k.Name
	}
	fq := n
	if k.Schema != "" {
		fq = k.Schema + "." + n
	}
	return &objectName{FullyQualifiedName: fq, Schema: k.Schema, Name: n}
}

func kindTitle(k catalog.Kind) string {
	words := strings.Fields(string(k))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func lowerAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

func prepareText(res *prepareResult, target string) string {
	var b strings.Builder
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "WARNING: %s\n", w.Message)
	}
	if !res.ScriptWasGenerated {
		fmt.Fprintf(&b, "No differences: %s already matches the desired state; no script was written.", target)
		return b.String()
	}
	fmt.Fprintf(&b, "Wrote %s for %s (%d changed objects)", res.ScriptFilename, target, len(res.Differences))
	if res.UndoFilename != "" {
		fmt.Fprintf(&b, " and its undo script %s", res.UndoFilename)
	}
	b.WriteString(".")
	return b.String()
}
