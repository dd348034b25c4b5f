package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Catalog is the canonical model of a set of PostgreSQL schemas. Every
// list is kept in a deterministic order by Normalize; sub-objects of
// relations (columns, constraints, indexes, triggers, policies) are nested
// under their table or view.
type Catalog struct {
	// ServerVersion is the server_version_num the catalog was read from.
	// It is metadata: it is not encoded in the canonical JSON and does not
	// enter the fingerprint.
	ServerVersion int `json:"-"`

	Schemas           []*Schema            `json:"schemas,omitempty"`
	Extensions        []*Extension         `json:"extensions,omitempty"`
	Collations        []*Collation         `json:"collations,omitempty"`
	TextSearchDicts   []*TextSearchDict    `json:"textSearchDictionaries,omitempty"`
	TextSearchConfigs []*TextSearchConfig  `json:"textSearchConfigs,omitempty"`
	Enums             []*Enum              `json:"enums,omitempty"`
	Domains           []*Domain            `json:"domains,omitempty"`
	CompositeTypes    []*CompositeType     `json:"compositeTypes,omitempty"`
	RangeTypes        []*RangeType         `json:"rangeTypes,omitempty"`
	Sequences         []*Sequence          `json:"sequences,omitempty"`
	Tables            []*Table             `json:"tables,omitempty"`
	Views             []*View              `json:"views,omitempty"`
	MaterializedViews []*View              `json:"materializedViews,omitempty"`
	Statistics        []*Statistics        `json:"statistics,omitempty"`
	Functions         []*Function          `json:"functions,omitempty"`
	Aggregates        []*Aggregate         `json:"aggregates,omitempty"`
	EventTriggers     []*EventTrigger      `json:"eventTriggers,omitempty"`
	Publications      []*Publication       `json:"publications,omitempty"`
	DefaultPrivileges []*DefaultPrivileges `json:"defaultPrivileges,omitempty"`
}

// CanonicalJSON normalizes the catalog (see Normalize) and returns its
// compact JSON encoding. Identical schemas give byte-identical output.
func (c *Catalog) CanonicalJSON() ([]byte, error) {
	c.Normalize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("encoding catalog: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Fingerprint returns the hex SHA-256 of the canonical JSON. Encoding a
// catalog can only fail on a NaN or infinite float, which PostgreSQL never
// reports for a function's cost or rows; Fingerprint panics in that case.
func (c *Catalog) Fingerprint() string {
	b, err := c.CanonicalJSON()
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
