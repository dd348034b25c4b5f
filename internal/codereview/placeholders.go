package codereview

import (
	"regexp"
	"strings"

	"github.com/pgfleet/pgfleet/internal/placeholder"
)

// placeholderPattern matches the placeholders of syntax: prefix, a name
// (letters, digits, _ : . -), suffix.
func placeholderPattern(syn placeholder.Syntax) *regexp.Regexp {
	syn = syn.WithDefaults()
	return regexp.MustCompile(regexp.QuoteMeta(syn.Prefix) + `[\p{L}\p{N}_:.\-]+` + regexp.QuoteMeta(syn.Suffix))
}

// neutralize replaces every placeholder in text by an identifier of the
// same byte length, so that PostgreSQL's scanner and parser read a script
// written with placeholders (${flyway:defaultSchema}.accounts) and every
// offset still points into the original text. Regex rules still see the
// placeholders as written: the masked text is built from the original.
func neutralize(text string, re *regexp.Regexp) string {
	if re == nil {
		return text
	}
	return re.ReplaceAllStringFunc(text, func(m string) string {
		return "_" + strings.Repeat("p", len(m)-1)
	})
}
