// Package fleet turns a project's environments into a fleet: which of them
// are targets (selectors, [fleet] include/exclude), in what order a rollout
// reaches them (canary, waves, shards for CI matrices), and how work runs
// across them (bounded parallelism, per-target timeouts, stop at the first
// failure). It also renders the fleet drift report. It knows nothing of
// databases: callers pass the per-target work as functions.
package fleet

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// IsSelector reports whether an -environment value selects several
// environments: a glob ("*", "eu-*") or a comma list.
func IsSelector(s string) bool {
	return strings.ContainsAny(s, "*?[,")
}

// Select returns the environments, among names, that selector picks: a
// comma list of names and globs. A plain name that is not configured, or a
// glob that matches nothing, is a usage error.
func Select(names []string, selector string) ([]string, error) {
	picked := map[string]bool{}
	for _, part := range strings.Split(selector, ",") {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		n, err := match(names, p, picked)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, exitcode.Newf(exitcode.Usage, "-environment=%s: %q matches no fleet target (targets: %s)",
				selector, p, strings.Join(names, ", "))
		}
	}
	return sortedSet(picked), nil
}

// match adds the names matching the glob p to picked and counts them.
func match(names []string, p string, picked map[string]bool) (int, error) {
	n := 0
	for _, name := range names {
		ok, err := path.Match(p, name)
		if err != nil {
			return 0, exitcode.Newf(exitcode.Usage, "malformed environment glob %q: %v", p, err)
		}
		if ok {
			picked[name] = true
			n++
		}
	}
	return n, nil
}

// Targets returns the fleet's targets among names: those [fleet] include
// matches and exclude does not, minus never (the build environment),
// sorted.
func Targets(names []string, f config.Fleet, never ...string) ([]string, error) {
	include := f.Include
	if len(include) == 0 {
		include = []string{"*"}
	}
	picked := map[string]bool{}
	for _, p := range include {
		if _, err := match(names, p, picked); err != nil {
			return nil, err
		}
	}
	drop := map[string]bool{}
	for _, p := range f.Exclude {
		if _, err := match(names, p, drop); err != nil {
			return nil, err
		}
	}
	for _, n := range never {
		drop[n] = true
	}
	for n := range drop {
		delete(picked, n)
	}
	if len(picked) == 0 {
		return nil, exitcode.Newf(exitcode.Usage, "the fleet has no targets: [fleet] include=%v exclude=%v leave none of the environments %s",
			include, f.Exclude, strings.Join(names, ", "))
	}
	return sortedSet(picked), nil
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// describe lists names for messages, abbreviated past a few.
func describe(names []string) string {
	if len(names) <= 5 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:5], ", "), len(names)-5)
}
