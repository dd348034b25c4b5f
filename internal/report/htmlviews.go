package report

import "fmt"

// comparisonView is a drift or changes panel.
type comparisonView struct {
	C             *Comparison
	Groups        []diffGroup
	Before, After string
	Open          bool
}

// diffGroup is a list of differences under one title.
type diffGroup struct {
	Title string
	Items []diffItem
}

// diffItem is one difference with its side-by-side rows.
type diffItem struct {
	D           Difference
	Kind, Badge string
	Rows        []diffRow
}

// newComparisonView prepares a drift or changes panel.
func newComparisonView(c *Comparison) *comparisonView {
	v := &comparisonView{C: c, Before: "Target (live)", After: "Model"}
	if c.Operation == OpDrift {
		v.Before, v.After = "Deployed snapshot", "Target (live)"
	}
	groups := []struct {
		title, kind string
		items       []Difference
	}{
		{"Changed", "Modify", c.Differences},
		{"Only in " + v.After, "Add", c.OnlyInSource},
		{"Only in " + v.Before, "Delete", c.OnlyInTarget},
	}
	if c.Operation == OpDrift { // source is the snapshot: objects only there were dropped
		groups[1].title, groups[1].kind = "Only in "+v.Before, "Delete"
		groups[2].title, groups[2].kind = "Only in "+v.After, "Add"
	}
	total := 0
	for _, g := range groups {
		if len(g.items) == 0 {
			continue
		}
		dg := diffGroup{Title: g.title}
		for _, d := range g.items {
			kind := or(d.DifferenceType, g.kind)
			dg.Items = append(dg.Items, diffItem{D: d, Kind: kind, Badge: badgeFor(kind), Rows: sideBySide(d.DefinitionBefore, d.DefinitionAfter)})
		}
		total += len(dg.Items)
		v.Groups = append(v.Groups, dg)
	}
	v.Open = total <= 20
	return v
}

func badgeFor(kind string) string {
	switch kind {
	case "Add", "Delete", "Modify":
		return kind
	}
	return "other"
}

// comparisonCard summarises a drift or changes section.
func comparisonCard(c *Comparison) card {
	n := len(c.Differences) + len(c.OnlyInSource) + len(c.OnlyInTarget)
	switch {
	case c.DriftCheckSkipped:
		return card{Status: "skip", Big: "skipped", Detail: "no snapshot to compare with yet"}
	case n == 0 && c.Operation == OpDrift:
		return card{Status: "ok", Big: "no drift", Detail: "the target matches its deployed snapshot"}
	case n == 0:
		return card{Status: "ok", Big: "0", Detail: "no pending changes"}
	}
	status, what, added, removed := "warn", "pending", len(c.OnlyInSource), len(c.OnlyInTarget)
	if c.Operation == OpDrift { // source is the snapshot: only in the target means added on the live side
		status, what, added, removed = "fail", "drifted", removed, added
	}
	detail := fmt.Sprintf("%s %s: %d changed, %d added, %d removed", plural(n, "object"), what,
		len(c.Differences), added, removed)
	return card{Status: status, Big: fmt.Sprint(n), Detail: detail}
}

// codeView is the code review panel.
type codeView struct {
	Counts Counts
	Files  []CodeFile // files with at least one violation, suppressed or not
}

func newCodeView(c *CodeReview) *codeView {
	v := &codeView{Counts: c.Counts()}
	for _, f := range c.Results {
		if len(f.Violations)+len(f.Suppressed) > 0 {
			v.Files = append(v.Files, f)
		}
	}
	return v
}

// codeCard summarises the code review with a bar of errors, warnings and
// suppressed violations.
func codeCard(c *CodeReview) card {
	n := c.Counts()
	total := n.Errors + n.Warnings + n.Suppressed
	cd := card{Status: "ok", Big: fmt.Sprint(n.Errors + n.Warnings),
		Detail: fmt.Sprintf("%s, %s, %d suppressed in %s", plural(n.Errors, "error"), plural(n.Warnings, "warning"), n.Suppressed, plural(n.Files, "file"))}
	switch {
	case n.Errors > 0:
		cd.Status = "fail"
	case n.Warnings > 0:
		cd.Status = "warn"
	}
	if total == 0 {
		cd.Bar = []barPart{{Class: "o", Pct: 100, Title: "no violations"}}
		return cd
	}
	pct := func(k int) float64 { return float64(k) * 100 / float64(total) }
	cd.Bar = []barPart{{"e", plural(n.Errors, "error"), pct(n.Errors)},
		{"w", plural(n.Warnings, "warning"), pct(n.Warnings)}, {"s", fmt.Sprintf("%d suppressed", n.Suppressed), pct(n.Suppressed)}}
	return cd
}

// dryRunView is the dry-run panel.
type dryRunView struct {
	D *DryRun
}

// dryRunCard summarises a dry run.
func dryRunCard(d *DryRun) card {
	var failed, skipped int
	for _, s := range d.Statements {
		switch s.Outcome {
		case OutcomeError:
			failed++
		case OutcomeSkipped:
			skipped++
		}
	}
	cd := card{Status: "ok", Big: "passed", Detail: fmt.Sprintf("%s ran, %d checked without running", plural(len(d.Statements)-skipped, "statement"), skipped)}
	if failed > 0 {
		cd.Status, cd.Big = "fail", "failed"
		cd.Detail = fmt.Sprintf("%s of %d failed", plural(failed, "statement"), len(d.Statements))
	}
	return cd
}
