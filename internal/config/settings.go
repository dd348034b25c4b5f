package config

// Settings holds the [flyway] namespace: the project-wide settings, and the
// effective settings of an environment once [environments.NAME.flyway] has
// been applied over them key by key.
//
// Every field is a known configuration key. Its tags are the single source
// of truth for the key table (Keys), command-line key resolution and help:
// toml is the key's name, default its default value (lists comma-separated),
// help a one-line description, and path says the value is a file path
// ("file") or a list of Flyway locations ("location") resolved against the
// working directory. To add a key, add a field here.
type Settings struct {
	Environment             string            `toml:"environment" json:"environment" default:"default" help:"name of the environment to use"`
	Locations               []string          `toml:"locations" json:"locations" default:"filesystem:sql" path:"location" help:"migration locations (filesystem:DIR)"`
	Schemas                 []string          `toml:"schemas" json:"schemas" help:"schemas pgfleet manages when the environment sets none"`
	DefaultSchema           string            `toml:"defaultSchema" json:"defaultSchema" help:"schema holding the history tables (default: first of schemas)"`
	Table                   string            `toml:"table" json:"table" default:"flyway_schema_history" help:"name of the schema history table"`
	SchemaModelLocation     string            `toml:"schemaModelLocation" json:"schemaModelLocation" default:"schema-model" path:"file" help:"folder of the schema model"`
	SchemaModelSchemas      []string          `toml:"schemaModelSchemas" json:"schemaModelSchemas" help:"schema-model schemas to compare (default: the target's schemas)"`
	ValidateMigrationNaming bool              `toml:"validateMigrationNaming" json:"validateMigrationNaming" default:"false" help:"fail on badly named migration files instead of ignoring them"`
	PlaceholderReplacement  bool              `toml:"placeholderReplacement" json:"placeholderReplacement" default:"true" help:"replace placeholders in migrations"`
	PlaceholderPrefix       string            `toml:"placeholderPrefix" json:"placeholderPrefix" default:"${" help:"prefix of a placeholder"`
	PlaceholderSuffix       string            `toml:"placeholderSuffix" json:"placeholderSuffix" default:"}" help:"suffix of a placeholder"`
	PlaceholderSeparator    string            `toml:"placeholderSeparator" json:"placeholderSeparator" default:":" help:"separator of built-in placeholders (flyway:NAME)"`
	Placeholders            map[string]string `toml:"placeholders" json:"placeholders" help:"placeholder values (-placeholders.NAME=VALUE); environment values merge over root ones"`
	ReportFilename          string            `toml:"reportFilename" json:"reportFilename" default:"report.html" path:"file" help:"report file (a .json twin is written next to it)"`
	Encoding                string            `toml:"encoding" json:"encoding" default:"UTF-8" help:"encoding of SQL files"`
	ExecuteInTransaction    bool              `toml:"executeInTransaction" json:"executeInTransaction" default:"true" help:"run each migration in a transaction"`
	Mixed                   bool              `toml:"mixed" json:"mixed" default:"false" help:"allow transactional and non-transactional statements in one migration"`
	Group                   bool              `toml:"group" json:"group" default:"false" help:"apply all pending migrations in one transaction"`
	OutOfOrder              bool              `toml:"outOfOrder" json:"outOfOrder" default:"false" help:"apply missing lower versions after higher ones"`
	BaselineOnMigrate       bool              `toml:"baselineOnMigrate" json:"baselineOnMigrate" default:"false" help:"baseline a non-empty schema without history on migrate"`
	BaselineVersion         string            `toml:"baselineVersion" json:"baselineVersion" default:"1" help:"version of the baseline"`
	BaselineDescription     string            `toml:"baselineDescription" json:"baselineDescription" default:"<< Flyway Baseline >>" help:"description of the baseline"`
	IgnoreMigrationPatterns []string          `toml:"ignoreMigrationPatterns" json:"ignoreMigrationPatterns" default:"*:future" help:"validate patterns to ignore (type:status)"`
	CleanDisabled           bool              `toml:"cleanDisabled" json:"cleanDisabled" default:"true" help:"forbid clean"`
	InstalledBy             string            `toml:"installedBy" json:"installedBy" help:"user recorded in the history table (default: the database user)"`
	Target                  string            `toml:"target" json:"target" default:"latest" help:"migrate up to this version"`
	CherryPick              []string          `toml:"cherryPick" json:"cherryPick" help:"migrations to apply, and only these"`
	Check                   CheckSettings     `toml:"check" json:"check"`
	Prepare                 PrepareSettings   `toml:"prepare" json:"prepare"`
	Deploy                  DeploySettings    `toml:"deploy" json:"deploy"`
	Snapshot                SnapshotSettings  `toml:"snapshot" json:"snapshot"`
}

// CheckSettings holds [flyway.check], the settings of the check command.
type CheckSettings struct {
	FailOnDrift                    bool     `toml:"failOnDrift" json:"failOnDrift" default:"false" help:"exit 3 when check -drift finds drift"`
	FailOnError                    bool     `toml:"failOnError" json:"failOnError" default:"false" help:"exit 4 when check -code finds an error-severity violation"`
	DeployedSnapshot               string   `toml:"deployedSnapshot" json:"deployedSnapshot" default:"snapshotHistory:current" help:"expected state for -drift: snapshotHistory:NAME or a snapshot file"`
	NextSnapshot                   string   `toml:"nextSnapshot" json:"nextSnapshot" help:"snapshot of the state after deployment for -changes"`
	BuildEnvironment               string   `toml:"buildEnvironment" json:"buildEnvironment" default:"default_build" help:"environment of an empty database used to build states"`
	ChangesSource                  string   `toml:"changesSource" json:"changesSource" default:"migrations" help:"source of -changes: schemaModel or migrations"`
	AppliedMigrations              []string `toml:"appliedMigrations" json:"appliedMigrations" help:"applied migrations to rebuild for -drift with a build environment"`
	FilterFile                     string   `toml:"filterFile" json:"filterFile" path:"file" help:"comparison filter file"`
	GenerateDriftResolutionScripts bool     `toml:"generateDriftResolutionScripts" json:"generateDriftResolutionScripts" default:"true" help:"write revert and incorporate scripts when drift is found"`
	DriftResolutionFolder          string   `toml:"driftResolutionFolder" json:"driftResolutionFolder" default:"drift-resolution" path:"file" help:"folder for drift resolution scripts (wiped on each run)"`
	RulesLocation                  string   `toml:"rulesLocation" json:"rulesLocation" default:"rules" path:"file" help:"folder of code review rules"`
	RulesDialect                   string   `toml:"rulesDialect" json:"rulesDialect" default:"postgres" help:"dialect of code review rules"`
	RegexEnabled                   bool     `toml:"regexEnabled" json:"regexEnabled" default:"true" help:"run regex code review rules"`
	Scope                          string   `toml:"scope" json:"scope" default:"DEFAULT" help:"scripts check -code reviews: DEFAULT, ALL, PENDING or SCRIPT; with PENDING, check -dryrun runs the pending migrations"`
	ScriptFilename                 string   `toml:"scriptFilename" json:"scriptFilename" path:"file" help:"script check -code reviews with scope SCRIPT (default: prepare.scriptFilename)"`
	DryRunOutput                   string   `toml:"dryRunOutput" json:"dryRunOutput" path:"file" help:"file for the check -dryrun script"`
}

// PrepareSettings holds [flyway.prepare], the settings of the prepare command.
type PrepareSettings struct {
	Source                 string   `toml:"source" json:"source" default:"schemaModel" help:"desired state: schemaModel, migrations or an environment"`
	Target                 string   `toml:"target" json:"target" help:"environment to prepare the script for (default: environment)"`
	Types                  []string `toml:"types" json:"types" default:"deploy" help:"scripts to write: deploy, undo"`
	ScriptFilename         string   `toml:"scriptFilename" json:"scriptFilename" default:"deployments/D__deployment.sql" path:"file" help:"deployment script to write"`
	UndoFilename           string   `toml:"undoFilename" json:"undoFilename" default:"deployments/DU__undo.sql" path:"file" help:"undo script to write"`
	Force                  bool     `toml:"force" json:"force" default:"false" help:"overwrite existing scripts"`
	Online                 bool     `toml:"online" json:"online" default:"false" help:"prefer non-blocking DDL (CREATE INDEX CONCURRENTLY, NOT VALID constraints)"`
	IgnoreColumnOrder      bool     `toml:"ignoreColumnOrder" json:"ignoreColumnOrder" default:"false" help:"keep each target's column order and append new columns, instead of refusing a model that orders a table's columns otherwise"`
	AbortOnWarningSeverity string   `toml:"abortOnWarningSeverity" json:"abortOnWarningSeverity" default:"None" help:"fail when a warning reaches this severity: None, Low, Medium, High"`
}

// DeploySettings holds [flyway.deploy], the settings of the deploy command.
type DeploySettings struct {
	ScriptFilename string `toml:"scriptFilename" json:"scriptFilename" path:"file" help:"script to deploy (default: prepare.scriptFilename)"`
	SaveSnapshot   bool   `toml:"saveSnapshot" json:"saveSnapshot" default:"true" help:"store a snapshot of the result in the snapshot history table (pgfleet default: true; Flyway: false)"`
	// The timeouts bound deploy and check -dryrun alike, in seconds; 0
	// means no limit.
	LockWait         int `toml:"lockWait" json:"lockWait" default:"300" help:"seconds deploy waits for another deploy or migrate of the same target to finish"`
	LockTimeout      int `toml:"lockTimeout" json:"lockTimeout" default:"10" help:"lock_timeout in seconds of each statement of deploy and check -dryrun (0: none)"`
	StatementTimeout int `toml:"statementTimeout" json:"statementTimeout" default:"0" help:"statement_timeout in seconds of each statement of deploy and check -dryrun (0: none)"`
}

// SnapshotSettings holds [flyway.snapshot], the settings of snapshots.
type SnapshotSettings struct {
	HistoryTable string `toml:"historyTable" json:"historyTable" default:"flyway_snapshot_history" help:"name of the snapshot history table"`
	HistoryLimit int    `toml:"historyLimit" json:"historyLimit" default:"5" help:"snapshots kept in the history table"`
	Filename     string `toml:"filename" json:"filename" help:"where snapshot writes: a file or snapshotHistory:NAME"`
	Source       string `toml:"source" json:"source" help:"what snapshot captures: an environment (default) or schemaModel"`
}

// EnvironmentSettings holds the keys of one [environments.NAME] table as
// written in the configuration, before resolvers run.
type EnvironmentSettings struct {
	URL                    string            `toml:"url" json:"url" help:"JDBC or postgres:// URL of the database (required)"`
	User                   string            `toml:"user" json:"user" help:"database user"`
	Password               string            `toml:"password" json:"password" help:"database password, usually ${env.VAR}"`
	Schemas                []string          `toml:"schemas" json:"schemas" help:"schemas pgfleet manages in this database"`
	DisplayName            string            `toml:"displayName" json:"displayName" help:"name shown in reports"`
	ConnectRetries         int               `toml:"connectRetries" json:"connectRetries" default:"0" help:"connection attempts after the first one fails"`
	ConnectRetriesInterval int               `toml:"connectRetriesInterval" json:"connectRetriesInterval" default:"120" help:"maximum seconds between connection attempts"`
	InitSQL                string            `toml:"initSql" json:"initSql" help:"SQL run on every new connection"`
	Driver                 string            `toml:"driver" json:"driver" help:"accepted for Flyway compatibility; pgfleet always uses pgx"`
	Provisioner            string            `toml:"provisioner" json:"provisioner" help:"how a build database is provisioned: clean"`
	JDBCProperties         map[string]string `toml:"jdbcProperties" json:"jdbcProperties" help:"extra connection parameters (sslmode, application_name, ...)"`
	Flyway                 Settings          `toml:"flyway" json:"-"`
}
