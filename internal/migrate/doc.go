// Package migrate implements pgfleet's migrations-based mode, a drop-in for
// Flyway's migrations workflow on PostgreSQL: discovery of versioned (V),
// repeatable (R), undo (U) and baseline (B) migrations in filesystem
// locations, script configuration files (.sql.conf) with Deploy Rules
// (shouldExecute), Flyway's checksums, and the flyway_schema_history table,
// with the commands Migrate, Info, Validate, Baseline, Repair and Undo.
//
// Compatibility with Flyway on PostgreSQL:
//   - The history table is created with Flyway's DDL (same columns, types,
//     <table>_pk and <table>_s_idx), rows use Flyway's type values (SQL,
//     SQL_BASELINE, BASELINE, SCHEMA, UNDO_SQL, DELETE), markers and
//     installed_rank = max + 1, so either tool can take over from the other.
//   - Checksums are CRC32 over the UTF-8 bytes of every line (Checksum);
//     versioned migrations on their raw text, repeatables after placeholder
//     replacement. The .sql.conf file is not part of the checksum, so
//     changing a Deploy Rule never raises a mismatch.
//   - A failing migration in a transaction is rolled back and not recorded
//     (PostgreSQL has transactional DDL); one outside a transaction
//     (executeInTransaction=false, or only statements such as CREATE INDEX
//     CONCURRENTLY) is recorded with success=false, to be repaired.
//
// Deploy Rules: a migration whose rule is false in the environment is
// Ignored: neither applied nor recorded. It runs on a later Migrate once the
// rule is true. When its version is then below the highest applied version
// it runs out of order without -outOfOrder, because skipping it earlier was
// the rule's intent; set StrictRuleOrder to require OutOfOrder as Flyway
// does. Rules are evaluated with && binding tighter than ||; see package
// deployrule; check -code lints them (package codereview, DR001-DR004).
//
// Every command that writes takes a session-level advisory lock keyed on
// HistoryLockKey, which deploy shares.
package migrate
