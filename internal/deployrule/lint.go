package deployrule

import (
	"slices"
	"strings"
)

// MixesAndOr reports whether the rule combines && and || at one level
// without parentheses, as in a||b&&c. pgfleet reads that as a||(b&&c);
// Flyway's open-source evaluator (up to 11.1.0) read it as (a||b)&&c, so
// such a rule deserves a warning.
func (r *Rule) MixesAndOr() bool { return mixes(r.root) }

func mixes(n *node) bool {
	if n.kind == nodeOr {
		for _, c := range n.children {
			if c.kind == nodeAnd && !c.paren {
				return true
			}
		}
	}
	for _, c := range n.children {
		if mixes(c) {
			return true
		}
	}
	return false
}

// Environments returns the environment names the rule compares
// ${flyway:environment} with, in order of appearance, without duplicates.
func (r *Rule) Environments() []string {
	env := strings.ToLower(r.syntax.Prefix + "flyway" + r.syntax.Separator + "environment" + r.syntax.Suffix)
	var names []string
	r.walkCmp(r.root, func(a, b operand) {
		if strings.ToLower(a.raw) == env && !strings.Contains(b.raw, r.syntax.Prefix) && !slices.Contains(names, b.raw) {
			names = append(names, b.raw)
		}
	})
	return names
}

// UndefinedEnvironments returns the environments the rule names that are not
// in defined (compared case-sensitively, as the rule compares them): the
// documented pitfall where a script silently never runs, or runs where it
// should not.
func (r *Rule) UndefinedEnvironments(defined []string) []string {
	var out []string
	for _, name := range r.Environments() {
		if !slices.Contains(defined, name) {
			out = append(out, name)
		}
	}
	return out
}

// BareWordsNamingPlaceholders returns the bare-word operands that equal
// (case-insensitively) one of the placeholder names, as in featureA==true
// where ${featureA}==true was meant: a bare word is compared as the literal
// text, so such a comparison is constant.
func (r *Rule) BareWordsNamingPlaceholders(names []string) []string {
	var out []string
	for _, o := range r.operands {
		if strings.Contains(o.raw, r.syntax.Prefix) {
			continue
		}
		for _, n := range names {
			if strings.EqualFold(o.raw, n) && !slices.Contains(out, o.raw) {
				out = append(out, o.raw)
			}
		}
	}
	return out
}

func (r *Rule) walkCmp(n *node, fn func(a, b operand)) {
	if n.kind == nodeCmp {
		fn(r.operands[n.l], r.operands[n.r])
		fn(r.operands[n.r], r.operands[n.l])
	}
	for _, c := range n.children {
		r.walkCmp(c, fn)
	}
}
