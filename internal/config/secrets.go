package config

import (
	"encoding/json"
	"net/url"
	"sort"
	"strings"
)

// Secrets returns every secret value the configuration holds: passwords and
// the values of password- or token-like keys and placeholders (literal or
// resolved), and passwords embedded in URLs, across all environments whose
// variables are set. Callers mask them (the GitHub action registers each
// with ::add-mask::); Redact replaces them in text.
func (c *Config) Secrets() []string {
	return append([]string(nil), c.secrets...)
}

func (c *Config) collectSecrets() []string {
	seen := map[string]bool{}
	for l, e := range c.merged {
		k, entryName := c.keyOf(l)
		if k == nil {
			continue
		}
		raw, err := expandValue(e.value, c.lookup)
		if err != nil {
			continue
		}
		switch {
		case k.env && k.internal == "url":
			if s, ok := raw.(string); ok {
				if u, err := ParseURL(s); err == nil && u.password != "" {
					seen[u.password] = true
				}
			}
		case k.Secret || entryName != "" && IsSecretName(entryName):
			for _, s := range stringsOf(raw) {
				seen[s] = true
			}
		}
	}
	delete(seen, "")
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func stringsOf(raw any) []string {
	switch v := raw.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, item := range v {
			out = append(out, stringsOf(item)...)
		}
		return out
	}
	return nil
}

// Redact replaces every secret of the configuration in s with ***.
func (c *Config) Redact(s string) string {
	if c == nil {
		return s
	}
	return Redact(s, c.secrets)
}

// Redact replaces every occurrence of each secret in s (also in its URL-,
// query- and JSON-escaped forms) with ***, longest secrets first.
func Redact(s string, secrets []string) string {
	var forms []string
	for _, sec := range secrets {
		if sec == "" {
			continue
		}
		forms = append(forms, sec, url.PathEscape(sec), url.QueryEscape(sec), url.User(sec).String(), jsonEscape(sec))
	}
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, "***")
	}
	return s
}

// jsonEscape returns s as it appears inside a JSON string.
func jsonEscape(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	out := strings.TrimSuffix(b.String(), "\n")
	return out[1 : len(out)-1]
}
