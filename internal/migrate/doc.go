// Package migrate implements pgfleet's migrations-based mode, a drop-in for
// Flyway's migrations workflow on PostgreSQL: discovery of versioned,
// repeatable, undo and baseline migrations in filesystem locations, script
// configuration files (.sql.conf) with Deploy Rules (shouldExecute), Flyway's
// checksums, and the flyway_schema_history table, with the commands Migrate,
// Info, Validate, Baseline, Repair and Undo.
package migrate
