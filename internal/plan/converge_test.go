package plan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
	"github.com/pgfleet/pgfleet/internal/inspect"
	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// outcome classifies a convergence attempt.
type outcome int

const (
	converged   outcome = iota
	loadFailed          // old or new SQL does not load: the case, not the plan
	unsupported         // Build returned an error: a clear refusal
	broken              // the plan failed to apply, did not converge or re-plans
)

// convergeError is a failed convergence with its class.
type convergeError struct {
	class outcome
	err   error
}

func (e *convergeError) Error() string { return e.err.Error() }

func fail(class outcome, format string, args ...any) error {
	return &convergeError{class: class, err: fmt.Errorf(format, args...)}
}

// classOf returns the outcome of an error from converge.
func classOf(err error) outcome {
	var ce *convergeError
	if errors.As(err, &ce) {
		return ce.class
	}
	if err == nil {
		return converged
	}
	return broken
}

// loadScript runs a schema script with psql, statement by statement as
// its authors ran it (COPY data and CREATE INDEX CONCURRENTLY included),
// stopping at the first error.
func loadScript(ctx context.Context, url, sql string) error {
	cmd := exec.CommandContext(ctx, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", "-")
	cmd.Stdin = strings.NewReader(sql)
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c client_min_messages=error")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// rolesIn guesses the roles a script needs from OWNER TO, GRANT ... TO,
// REVOKE ... FROM, AUTHORIZATION and FOR ROLE clauses, for cases whose
// meta.json does not list them.
func rolesIn(sql string) []string {
	var out []string
	for _, m := range roleRefs.FindAllStringSubmatch(sql, -1) {
		for _, r := range strings.Split(m[1], ",") {
			r = strings.Trim(strings.TrimSpace(r), `"`)
			lr := strings.ToLower(r)
			if r != "" && lr != "public" && lr != "current_user" && lr != "session_user" && lr != "current_role" && !strings.HasPrefix(lr, "pg_") {
				out = append(out, r)
			}
		}
	}
	return out
}

var roleRefs = regexp.MustCompile(`(?i)(?:OWNER TO|AUTHORIZATION|FOR ROLE|FOR USER|\bTO|\bFROM)\s+((?:"[^"]+"|[a-z_][a-z0-9_]*)(?:\s*,\s*(?:"[^"]+"|[a-z_][a-z0-9_]*))*)\s*(?:;|WITH GRANT|GRANTED|CASCADE|RESTRICT|$)`)

func inspectURL(ctx context.Context, url string) (*catalog.Catalog, error) {
	pool, err := inspect.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	return inspect.Inspect(ctx, pool, inspect.Options{})
}

// applyPlan runs the transactional part in one transaction, then each
// non-transactional statement on its own.
func applyPlan(ctx context.Context, url string, p *Plan) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("connecting: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for _, s := range p.BeforeTransaction() {
		if _, err := conn.Exec(ctx, s, pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("applying %q: %w", s, err)
		}
	}
	if script := p.Transactional(); script != "" {
		if _, err := conn.Exec(ctx, "BEGIN;\n"+script+"COMMIT;", pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("applying transactional part: %w", err)
		}
	}
	for _, s := range p.NonTransactional() {
		if _, err := conn.Exec(ctx, s, pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("applying %q: %w", s, err)
		}
	}
	return nil
}

// pair is two databases built from an old and a new schema, inspected.
type pair struct {
	oldURL, newURL string
	oldCat, newCat *catalog.Catalog
}

// loadPair builds and inspects both databases; errors are load failures.
func loadPair(ctx context.Context, t testing.TB, oldSQL, newSQL string) (*pair, error) {
	p := &pair{oldURL: pgtest.NewDB(t), newURL: pgtest.NewDB(t)}
	if err := loadScript(ctx, p.oldURL, oldSQL); err != nil {
		return nil, fail(loadFailed, "loading old.sql: %v", err)
	}
	if err := loadScript(ctx, p.newURL, newSQL); err != nil {
		return nil, fail(loadFailed, "loading new.sql: %v", err)
	}
	var err error
	if p.oldCat, err = inspectURL(ctx, p.oldURL); err != nil {
		return nil, fail(loadFailed, "inspecting old: %v", err)
	}
	if p.newCat, err = inspectURL(ctx, p.newURL); err != nil {
		return nil, fail(loadFailed, "inspecting new: %v", err)
	}
	return p, nil
}

// converge asserts the property on the database at url holding from: plan
// from → to, apply, read back, compare with to, re-plan empty.
func converge(ctx context.Context, url string, from, to *catalog.Catalog, opts Options) error {
	p, err := Build(from, to, opts)
	if err != nil {
		return fail(unsupported, "plan: %v", err)
	}
	if err := applyPlan(ctx, url, p); err != nil {
		return fail(broken, "apply: %v\n%s", err, scriptOf(p))
	}
	got, err := inspectURL(ctx, url)
	if err != nil {
		return fail(broken, "inspect after apply: %v", err)
	}
	if d := catalogDiff(got, to); d != "" {
		return fail(broken, "mismatch after apply:\n%s\nscript:\n%s", d, scriptOf(p))
	}
	again, err := Build(got, to, opts)
	if err != nil || !again.Empty() {
		return fail(broken, "re-plan not empty: %v\n%s", err, scriptOf(again))
	}
	return nil
}

// scriptOf renders a plan for failure messages.
func scriptOf(p *Plan) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	for _, s := range p.BeforeTransaction() {
		b.WriteString("-- before the transaction\n" + s + ";\n")
	}
	b.WriteString(p.Transactional())
	for _, s := range p.NonTransactional() {
		b.WriteString("-- outside transaction\n" + s + ";\n")
	}
	return b.String()
}

// catalogDiff lists the objects whose JSON differs between got and want,
// one line each side, or "" when the canonical JSONs are equal.
func catalogDiff(got, want *catalog.Catalog) string {
	got, want = normalizedCopy(got), normalizedCopy(want)
	g, _ := got.CanonicalJSON()
	w, _ := want.CanonicalJSON()
	if string(g) == string(w) {
		return ""
	}
	gi, wi := got.Index(), want.Index()
	var b strings.Builder
	for _, o := range want.Objects() {
		x, ok := gi[o.Key]
		if !ok {
			fmt.Fprintf(&b, "  missing %s\n", o.Key)
			continue
		}
		if a, z := objJSON(x), objJSON(o); a != z {
			a, z = around(a, z)
			fmt.Fprintf(&b, "  differs %s\n    got:  %s\n    want: %s\n", o.Key, a, z)
		}
	}
	for _, o := range got.Objects() {
		if _, ok := wi[o.Key]; !ok {
			fmt.Fprintf(&b, "  extra   %s\n", o.Key)
		}
	}
	if b.Len() == 0 {
		os.WriteFile(filepath.Join(os.TempDir(), "pgfleet-got.json"), g, 0o644)
		os.WriteFile(filepath.Join(os.TempDir(), "pgfleet-want.json"), w, 0o644)
		return "  canonical JSON differs in object order or nesting (written to pgfleet-got.json and pgfleet-want.json in " + os.TempDir() + ")"
	}
	return b.String()
}

func objJSON(o catalog.Object) string {
	b, _ := json.Marshal(o.Value)
	return string(b)
}

// around cuts two long texts to a window around their first difference.
func around(a, z string) (string, string) {
	i := 0
	for i < len(a) && i < len(z) && a[i] == z[i] {
		i++
	}
	cut := func(s string) string {
		lo, hi := max(0, i-200), min(len(s), i+300)
		out := s[lo:hi]
		if lo > 0 {
			out = "..." + out
		}
		if hi < len(s) {
			out += "..."
		}
		return out
	}
	return cut(a), cut(z)
}

// assertBoth checks the property in both directions for one (old, new)
// pair of schemas.
func assertBoth(t *testing.T, oldSQL, newSQL string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, err := loadPair(ctx, t, oldSQL, newSQL)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Role: "postgres"}
	if err := converge(ctx, p.oldURL, p.oldCat, p.newCat, opts); err != nil {
		t.Errorf("old → new: %v", err)
	}
	if err := converge(ctx, p.newURL, p.newCat, p.oldCat, opts); err != nil {
		t.Errorf("new → old: %v", err)
	}
}

// normalizedCopy returns a copy of c with expression texts in the
// canonical spelling of diff.NormalizeExpr: PostgreSQL does not print
// some expressions the way it reads them back (see NormalizeExpr), and
// the catalog does not normalize them yet.
func normalizedCopy(c *catalog.Catalog) *catalog.Catalog {
	b, _ := json.Marshal(c)
	var out catalog.Catalog
	_ = json.Unmarshal(b, &out)
	for _, v := range append(out.Views, out.MaterializedViews...) {
		v.Definition = diff.NormalizeExpr(v.Definition)
	}
	for _, t := range out.Tables {
		for _, x := range t.Constraints {
			x.Definition = diff.NormalizeExpr(x.Definition)
		}
		for _, x := range t.Indexes {
			x.Definition, x.Predicate = diff.NormalizeExpr(x.Definition), diff.NormalizeExpr(x.Predicate)
		}
		for _, x := range t.Columns {
			x.Default = diff.NormalizeExpr(x.Default)
		}
		for _, x := range t.Policies {
			x.Using, x.WithCheck = diff.NormalizeExpr(x.Using), diff.NormalizeExpr(x.WithCheck)
		}
	}
	return &out
}
