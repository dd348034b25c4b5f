package plan

// Hazard names a risk a step carries, for reports and review.
type Hazard string

// Hazards a step may carry.
const (
	// DeletesData: the step removes stored data (a table, a column, a
	// sequence's position).
	DeletesData Hazard = "deletes data"
	// RewritesTable: the step rewrites every row of a table.
	RewritesTable Hazard = "rewrites table"
	// AccessExclusiveLock: the step locks an existing table against reads
	// and writes while it runs.
	AccessExclusiveLock Hazard = "access exclusive lock"
	// BuildsIndex: the step builds an index over existing rows.
	BuildsIndex Hazard = "builds index"
	// ValidatesConstraint: the step scans existing rows to validate a
	// constraint and fails when one violates it.
	ValidatesConstraint Hazard = "validates constraint"
	// ChangesPrivileges: the step changes who may do what (GRANT, REVOKE,
	// OWNER TO, default privileges, row-level security).
	ChangesPrivileges Hazard = "changes privileges"
	// StopsReplication: the step drops or replaces a publication, or
	// removes tables from one: its subscribers stop receiving changes.
	StopsReplication Hazard = "stops replication"
	// Irreversible: the step cannot be undone by planning back (dropped
	// data, an enum value added, a sequence position).
	Irreversible Hazard = "irreversible"
)
