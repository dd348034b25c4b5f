package migrate

// States of a migration, as Flyway's info displays them.
const (
	StatePending       = "Pending"
	StateSuccess       = "Success"
	StateIgnored       = "Ignored"
	StateFuture        = "Future"
	StateMissing       = "Missing"
	StateFailed        = "Failed"
	StateFailedMissing = "Failed (Missing)"
	StateFailedFuture  = "Failed (Future)"
	StateOutdated      = "Outdated"
	StateSuperseded    = "Superseded"
	StateOutOfOrder    = "Out of Order"
	StateBaseline      = "Baseline"
	StateBelowBaseline = "Below Baseline"
	StateAboveTarget   = "Above Target"
	StateUndone        = "Undone"
	StateDeleted       = "Deleted"
	StateAvailable     = "Available"
)

// MigrationInfo is one migration as info shows it, in Flyway's JSON shape,
// with pgfleet's additions (shouldExecute, reason, checksums).
type MigrationInfo struct {
	Category       string `json:"category"`
	Version        string `json:"version"`
	Description    string `json:"description"`
	Type           string `json:"type"`
	InstalledOnUTC string `json:"installedOnUTC"`
	State          string `json:"state"`
	Undoable       string `json:"undoable"`
	Filepath       string `json:"filepath"`
	UndoFilepath   string `json:"undoFilepath"`
	InstalledBy    string `json:"installedBy"`
	ExecutionTime  int    `json:"executionTime"`
	InstalledRank  int    `json:"installedRank,omitempty"`
	// ShouldExecuteExpression is the Deploy Rule as written.
	ShouldExecuteExpression string `json:"shouldExecuteExpression"`
	// ShouldExecute is what the rule evaluated to in this environment; nil
	// when there is no rule.
	ShouldExecute *bool `json:"shouldExecute,omitempty"`
	// Reason explains Ignored, Below Baseline, Above Target and Out of Order.
	Reason string `json:"reason,omitempty"`
	// Checksum is the local checksum, AppliedChecksum the recorded one.
	Checksum        *int32 `json:"checksum,omitempty"`
	AppliedChecksum *int32 `json:"appliedChecksum,omitempty"`
}

// InfoResult is the result of Info, in Flyway's JSON shape.
type InfoResult struct {
	SchemaVersion   string          `json:"schemaVersion"`
	SchemaName      string          `json:"schemaName"`
	Migrations      []MigrationInfo `json:"migrations"`
	AllSchemasEmpty bool            `json:"allSchemasEmpty"`
	Database        string          `json:"database"`
	Warnings        []string        `json:"warnings"`
	Operation       string          `json:"operation"`
}

// MigrateOutput is one applied migration in MigrateResult.
type MigrateOutput struct {
	Category      string `json:"category"`
	Version       string `json:"version"`
	Description   string `json:"description"`
	Type          string `json:"type"`
	Filepath      string `json:"filepath"`
	ExecutionTime int    `json:"executionTime"`
}

// MigrateResult is the result of Migrate, in Flyway's JSON shape.
type MigrateResult struct {
	InitialSchemaVersion string          `json:"initialSchemaVersion"`
	TargetSchemaVersion  string          `json:"targetSchemaVersion"`
	SchemaName           string          `json:"schemaName"`
	Migrations           []MigrateOutput `json:"migrations"`
	MigrationsExecuted   int             `json:"migrationsExecuted"`
	Success              bool            `json:"success"`
	Database             string          `json:"database"`
	Warnings             []string        `json:"warnings"`
	Operation            string          `json:"operation"`
}
