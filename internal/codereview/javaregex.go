package codereview

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// coreGroup names the capture group that holds what a translated pattern
// really matched, without the text its former lookarounds now consume.
const coreGroup = "pgfleet_core"

// atGroup is the group name a rule pattern can use to point violations at
// one part of its match, such as (?<at>PASSWORD).
const atGroup = "at"

// TranslateJavaRegex translates a Java regular expression, as Flyway's
// regex rules are written, into Go's RE2 syntax.
//
// RE2 has no lookarounds. A positive lookbehind at the very start of the
// pattern and a positive lookahead at its very end, the forms Redgate's
// sample rules use ((?<=^|\s)DROP\s+TABLE(?=$|\s|;)), become non-capturing
// groups that consume the same text, and what lay between them becomes the
// group named pgfleet_core, whose span is what the rule matched. The one
// difference: two matches can no longer share the character between them.
// \Q...\E quoting, \h and \Z are translated too. Other lookarounds, atomic
// groups, possessive quantifiers, backreferences and character-class
// intersections have no RE2 equivalent and are an error.
func TranslateJavaRegex(pattern string) (string, error) {
	p, err := unquoteJava(pattern)
	if err != nil {
		return "", err
	}
	flags, p := splitFlags(p)
	behind, p, err := cutLookbehind(p)
	if err != nil {
		return "", err
	}
	p, ahead, err := cutLookahead(p)
	if err != nil {
		return "", err
	}
	if err := checkUnsupported(p); err != nil {
		return "", err
	}
	if behind == "" && ahead == "" {
		return flags + p, nil
	}
	return flags + behind + "(?P<" + coreGroup + ">" + p + ")" + ahead, nil
}

// unquoteJava rewrites \Q...\E, \h and \Z, which RE2 lacks.
func unquoteJava(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '\\' || i+1 >= len(p) {
			b.WriteByte(p[i])
			continue
		}
		switch p[i+1] {
		case 'Q':
			end := strings.Index(p[i+2:], `\E`)
			if end < 0 {
				end = len(p) - i - 2
			}
			b.WriteString(regexp.QuoteMeta(p[i+2 : i+2+end]))
			i += end + 3
		case 'h':
			b.WriteString(`[\t \x{A0}\x{1680}\x{180e}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}]`)
			i++
		case 'Z':
			b.WriteString(`(?:\n?\z)`)
			i++
		default:
			b.WriteString(p[i : i+2])
			i++
		}
	}
	return b.String(), nil
}

var flagsRE = regexp.MustCompile(`^(?:\(\?[a-zA-Z]+\))+`)

// splitFlags splits leading inline flag groups such as (?i) off p. Java's
// u (Unicode case) and d (Unix lines) flags have no RE2 meaning and are
// dropped.
func splitFlags(p string) (flags, rest string) {
	f := flagsRE.FindString(p)
	if f == "" {
		return "", p
	}
	f = strings.NewReplacer("u", "", "d", "").Replace(f)
	f = strings.ReplaceAll(f, "(?)", "")
	return f, p[len(flagsRE.FindString(p)):]
}

// cutLookbehind turns a leading (?<=X) into (?:X).
func cutLookbehind(p string) (group, rest string, err error) {
	if !strings.HasPrefix(p, "(?<=") {
		return "", p, nil
	}
	end, err := groupEnd(p, 0)
	if err != nil {
		return "", "", err
	}
	return "(?:" + p[4:end-1] + ")", p[end:], nil
}

// cutLookahead turns a trailing (?=X) into (?:X).
func cutLookahead(p string) (rest, group string, err error) {
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '\\':
			i++
		case p[i] == '[':
			i = classEnd(p, i) - 1
		case strings.HasPrefix(p[i:], "(?="):
			end, err := groupEnd(p, i)
			if err != nil {
				return "", "", err
			}
			if end == len(p) {
				return p[:i], "(?:" + p[i+3:end-1] + ")", nil
			}
		}
	}
	return p, "", nil
}

// groupEnd returns the index just after the parenthesis closing the group
// that opens at p[i].
func groupEnd(p string, i int) (int, error) {
	depth := 0
	for ; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '[':
			i = classEnd(p, i) - 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		}
	}
	return 0, errors.New("unbalanced parenthesis")
}

// classEnd returns the index just after the character class opening at p[i].
func classEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && p[j] == '^' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++
	}
	depth := 1
	for ; j < len(p); j++ {
		switch p[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(p)
}

// unsupported lists Java constructs RE2 cannot express, with what to do.
var unsupported = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`\(\?<?[=!]`), "a lookaround that is not a leading (?<=...) or a trailing (?=...)"},
	{regexp.MustCompile(`\(\?>`), "an atomic group (?>...)"},
	{regexp.MustCompile(`[*+?}]\+`), "a possessive quantifier (*+, ++, ?+, {n}+)"},
	{regexp.MustCompile(`\\[1-9]|\\k<`), "a backreference"},
	{regexp.MustCompile(`&&`), "a character-class intersection (&&)"},
	{regexp.MustCompile(`\\G`), `the \G anchor`},
}

// checkUnsupported reports the first construct of p that RE2 lacks,
// ignoring escaped characters (and, but for intersections, the content of
// character classes).
func checkUnsupported(p string) error {
	plain := regexp.MustCompile(`\\[^1-9kG]`).ReplaceAllString(p, "__")
	classless := []byte(plain)
	for i := 0; i < len(classless); i++ {
		if classless[i] == '[' {
			end := classEnd(plain, i)
			for j := i; j < end; j++ {
				classless[j] = '_'
			}
			i = end - 1
		}
	}
	for _, u := range unsupported {
		text := string(classless)
		if strings.Contains(u.what, "intersection") {
			text = plain
		}
		if loc := u.re.FindStringIndex(text); loc != nil {
			return fmt.Errorf("%s at offset %d has no equivalent in Go's RE2 syntax: rewrite the pattern without it", u.what, loc[0])
		}
	}
	return nil
}
