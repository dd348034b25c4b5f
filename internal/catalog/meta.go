package catalog

// Meta holds what every object kind has in common. It is embedded in each
// object type, so its fields appear at the top level of their JSON.
type Meta struct {
	// Owner is the owning role; empty for sub-objects owned through their
	// relation (columns, constraints, indexes, triggers, policies).
	Owner string `json:"owner,omitempty"`
	// Comment is the COMMENT ON text; empty when there is none.
	Comment string `json:"comment,omitempty"`
	// ACL is the effective access control list as sorted aclitem texts,
	// e.g. "app_reader=r/app_owner". PostgreSQL's built-in default
	// (acldefault) is expanded, so an explicit GRANT equal to the default
	// compares equal to none at all; an empty list means no privileges.
	// Column ACLs hold only column-level grants.
	ACL []string `json:"acl,omitempty"`
	// DependsOn lists, sorted, the objects in the catalog this one depends
	// on according to pg_depend (normal and automatic dependencies).
	// Structural edges of a sub-object to its own relation are left out.
	DependsOn []Key `json:"dependsOn,omitempty"`
}

// ObjectMeta returns the object's common fields.
func (m *Meta) ObjectMeta() *Meta { return m }
