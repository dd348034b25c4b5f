package migrate

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// decode converts a script from its encoding to UTF-8 and strips a byte
// order mark. Invalid UTF-8 is replaced with U+FFFD, as Java's decoder does.
func decode(raw []byte, encoding, path string) (string, error) {
	text, err := decodeRaw(raw, encoding, path)
	return strings.TrimPrefix(text, "\uFEFF"), err
}

func decodeRaw(raw []byte, encoding, path string) (string, error) {
	switch strings.ToUpper(strings.ReplaceAll(encoding, "_", "-")) {
	case "", "UTF-8", "UTF8":
		if utf8.Valid(raw) {
			return string(raw), nil
		}
		return strings.ToValidUTF8(string(raw), "\uFFFD"), nil
	case "ISO-8859-1", "LATIN1", "ISO8859-1", "US-ASCII":
		runes := make([]rune, len(raw))
		for i, b := range raw {
			runes[i] = rune(b)
		}
		return string(runes), nil
	}
	return "", fmt.Errorf("%s: encoding %q is not supported; use UTF-8 or ISO-8859-1", path, encoding)
}
