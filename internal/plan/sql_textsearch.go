package plan

import (
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// createTextSearchConfig creates a configuration with its parser and no
// mappings, then adds each token type's mapping: the result holds exactly
// the catalog's mappings, whatever the parser's defaults.
func createTextSearchConfig(k catalog.Key, c *catalog.TextSearchConfig) []stmt {
	out := []stmt{{sql: "CREATE TEXT SEARCH CONFIGURATION " + qname(k.Schema, k.Name) + " (PARSER = " + c.Parser + ")",
		desc: "create " + k.String()}}
	return append(out, alterTextSearchMappings(k, nil, c.Mappings)...)
}

// createTextSearchDict creates a dictionary from its template and options.
func createTextSearchDict(k catalog.Key, d *catalog.TextSearchDict) []stmt {
	opts := "TEMPLATE = " + d.Template
	if d.Options != "" {
		opts += ", " + d.Options
	}
	return []stmt{{sql: "CREATE TEXT SEARCH DICTIONARY " + qname(k.Schema, k.Name) + " (" + opts + ")",
		desc: "create " + k.String()}}
}

// alterTextSearchMappings turns mappings a into b, one token type per
// statement: dropped, changed, then added.
func alterTextSearchMappings(k catalog.Key, a, b []*catalog.TextSearchMapping) []stmt {
	alter := "ALTER TEXT SEARCH CONFIGURATION " + qname(k.Schema, k.Name)
	before, after := mappingsByToken(a), mappingsByToken(b)
	var out []stmt
	for _, m := range a {
		if after[m.TokenType] == nil {
			out = append(out, stmt{sql: alter + " DROP MAPPING FOR " + ident(m.TokenType),
				desc: "stop indexing " + m.TokenType + " tokens in " + k.String()})
		}
	}
	for _, m := range b {
		old := before[m.TokenType]
		switch {
		case old == nil:
			out = append(out, stmt{sql: alter + " ADD MAPPING FOR " + ident(m.TokenType) + " WITH " + strings.Join(m.Dictionaries, ", "),
				desc: "map " + m.TokenType + " tokens in " + k.String()})
		case !slices.Equal(old.Dictionaries, m.Dictionaries):
			out = append(out, stmt{sql: alter + " ALTER MAPPING FOR " + ident(m.TokenType) + " WITH " + strings.Join(m.Dictionaries, ", "),
				desc: "remap " + m.TokenType + " tokens in " + k.String()})
		}
	}
	return out
}

func mappingsByToken(ms []*catalog.TextSearchMapping) map[string]*catalog.TextSearchMapping {
	out := make(map[string]*catalog.TextSearchMapping, len(ms))
	for _, m := range ms {
		out[m.TokenType] = m
	}
	return out
}
