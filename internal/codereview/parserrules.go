package codereview

import "slices"

// parserRules lists the parser rules: lock and rewrite hazards of
// PostgreSQL DDL (PG...), RX013 (a check Flyway does with a regex but which
// needs the parse tree) and the Deploy Rules lint findings (DR...).
var parserRules = []RuleInfo{
	{Code: "PG000", Severity: SeverityError, Description: "SQL PostgreSQL cannot parse",
		Help: "PostgreSQL's parser rejects this statement, so it would fail at deployment and the parser rules could not review the file. Fix the syntax (placeholders must be replaced before review)."},
	{Code: "RX013", Severity: SeverityWarning, Description: "CREATE TABLE statement without a PRIMARY KEY constraint",
		Help: "A table without a primary key cannot be replicated logically with UPDATE/DELETE, and its rows cannot be addressed reliably; this could also lead to performance problems. Add a PRIMARY KEY (in the CREATE TABLE or by an ALTER TABLE in the same script)."},
	{Code: "PG001", Severity: SeverityError, Description: "ALTER COLUMN TYPE rewrites the table",
		Help: "Changing a column's type rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes. Only binary-coercible changes skip the rewrite: varchar(n) to varchar(m) with m > n, varchar to text, numeric(p,s) to numeric(q,s) with q > p, or to unconstrained numeric. Safe alternative: add a new column, backfill it in batches, switch readers and writers, then drop the old column."},
	{Code: "PG002", Severity: SeverityError, Description: "ADD COLUMN with a volatile default rewrites the table",
		Help: "Since PostgreSQL 11 a constant or stable default (such as now()) is stored once and ADD COLUMN is instant, but a volatile default (random(), clock_timestamp(), gen_random_uuid(), nextval() behind serial types, identity or stored generated columns) is evaluated per row: the table is rewritten under an ACCESS EXCLUSIVE lock. Safe alternative: add the column without a default (or with a constant one), set the volatile default with ALTER COLUMN ... SET DEFAULT, and backfill existing rows in batches."},
	{Code: "PG003", Severity: SeverityWarning, Description: "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock",
		Help: "ALTER COLUMN ... SET NOT NULL scans the whole table while holding an ACCESS EXCLUSIVE lock. Safe alternative (PostgreSQL 12+): ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c (which only takes a SHARE UPDATE EXCLUSIVE lock); then SET NOT NULL skips the scan; finally drop the CHECK."},
	{Code: "PG004", Severity: SeverityWarning, Description: "ADD FOREIGN KEY without NOT VALID",
		Help: "Adding a foreign key validates every existing row while holding SHARE ROW EXCLUSIVE locks on both tables, blocking writes. Safe alternative: ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a separate transaction."},
	{Code: "PG005", Severity: SeverityWarning, Description: "ADD CHECK without NOT VALID",
		Help: "Adding a CHECK constraint scans the whole table under an ACCESS EXCLUSIVE lock. Safe alternative: ADD CONSTRAINT ... CHECK (...) NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a separate transaction."},
	{Code: "PG006", Severity: SeverityWarning, Description: "CREATE INDEX without CONCURRENTLY on an existing table",
		Help: "CREATE INDEX blocks writes (SHARE lock) on the table for as long as the build takes. Safe alternative: CREATE INDEX CONCURRENTLY, outside a transaction block (check that it did not leave an INVALID index behind if it fails). Tables created in the same script are exempt."},
	{Code: "PG007", Severity: SeverityWarning, Description: "DROP INDEX without CONCURRENTLY",
		Help: "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table. Safe alternative: DROP INDEX CONCURRENTLY, outside a transaction block. Indexes created in the same script are exempt."},
	{Code: "PG008", Severity: SeverityError, Description: "VACUUM FULL rewrites the table",
		Help: "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock and cannot run inside a transaction. Use plain VACUUM, or pg_repack to reclaim space online."},
	{Code: "PG009", Severity: SeverityError, Description: "CLUSTER rewrites the table",
		Help: "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock. Run it in a maintenance window, or use pg_repack to reorder online."},
	{Code: "PG010", Severity: SeverityWarning, Description: "LOCK TABLE statement",
		Help: "An explicit LOCK TABLE holds its lock until the end of the transaction, blocking other sessions; the deployment already takes the locks its statements need. Remove it, or keep the transaction short and set lock_timeout."},
	{Code: "PG011", Severity: SeverityWarning, Description: "RENAME of a table or column breaks clients",
		Help: "Renaming a table or column breaks every running client, view definition outside the script, and query that uses the old name. Safe alternative: expand and contract: add the new name (a new column kept in sync, or a view with the old name), move clients over, then remove the old name in a later deployment."},
	{Code: "PG012", Severity: SeverityWarning, Description: "REINDEX without CONCURRENTLY",
		Help: "REINDEX blocks writes to the table and reads that would use the index. Safe alternative (PostgreSQL 12+): REINDEX ... CONCURRENTLY, outside a transaction block."},
	{Code: "PG013", Severity: SeverityWarning, Description: "ADD PRIMARY KEY/UNIQUE builds an index under an ACCESS EXCLUSIVE lock",
		Help: "Adding a PRIMARY KEY or UNIQUE constraint builds its index while the table is locked. Safe alternative: CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX (or UNIQUE USING INDEX), which is instant."},
	{Code: "PG014", Severity: SeverityWarning, Description: "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
		Help: "REFRESH MATERIALIZED VIEW blocks reads of the view until it finishes. Safe alternative: REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view)."},
	{Code: "PG015", Severity: SeverityError, Description: "ADD COLUMN NOT NULL without a DEFAULT",
		Help: "Adding a NOT NULL column without a default fails on any table that has rows. Add the column with a constant DEFAULT (instant since PostgreSQL 11), or add it nullable, backfill it, then SET NOT NULL the safe way (see PG003)."},
	{Code: "PG016", Severity: SeverityError, Description: "SET TABLESPACE / SET LOGGED / SET UNLOGGED rewrites the table",
		Help: "Moving a table to another tablespace or changing its persistence rewrites it (and, for SET LOGGED, writes it all to the WAL) under an ACCESS EXCLUSIVE lock. Run it in a maintenance window, or copy the data into a new table online."},
	{Code: "PG017", Severity: SeverityWarning, Description: "ATTACH PARTITION scans the partition",
		Help: "ATTACH PARTITION scans the new partition to check its rows against the partition bound, holding a lock that blocks writes to it. Add a CHECK constraint matching the bound first (NOT VALID, then VALIDATE CONSTRAINT): PostgreSQL then skips the scan; drop the CHECK afterwards."},
	{Code: "PG018", Severity: SeverityError, Description: "CONCURRENTLY or VACUUM inside a transaction block",
		Help: "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and VACUUM cannot run inside a transaction block: the script fails at this statement. Move it out of the BEGIN ... COMMIT (pgfleet runs such statements on their own, outside the deployment's transaction)."},
	{Code: "PG019", Severity: SeverityWarning, Description: "DELETE or UPDATE without WHERE",
		Help: "A DELETE or UPDATE without a WHERE clause touches every row of the table (Redgate's RG06/RG09). If that is intended, say so with a pgfleet:allow comment; otherwise add the WHERE clause. For big tables, change rows in batches to keep locks and WAL bursts short."},
	{Code: "PG020", Severity: SeverityWarning, Description: "DROP PUBLICATION stops logical replication",
		Help: "Subscribers and change-data-capture connectors (Debezium, for one) of a dropped publication stop receiving changes, and recreating it does not bring back what they missed. If the publication was created outside the schema model (by replication tooling, say), declare it in the model instead; otherwise make sure no subscriber still uses it."},
	{Code: "DR001", Severity: SeverityWarning, Description: "Deploy Rule mixes && and || without parentheses",
		Help: "pgfleet reads a||b&&c with standard precedence, as a||(b&&c); Flyway's open-source evaluator (up to 11.1.0) read it as (a||b)&&c. Add parentheses so that the rule means the same everywhere."},
	{Code: "DR002", Severity: SeverityWarning, Description: "Deploy Rule names an undefined environment",
		Help: "The rule compares ${flyway:environment} with a name that no [environments.*] table defines (names are case-sensitive), so the script silently never runs there, or runs where it should not. Fix the name or define the environment."},
	{Code: "DR003", Severity: SeverityWarning, Description: "Deploy Rule compares a bare word that names a placeholder",
		Help: "A bare word is compared as literal text: featureA==true is always false. Write ${featureA}==true to compare the placeholder's value."},
	{Code: "DR004", Severity: SeverityWarning, Description: "Deploy Rule has a tolerated typo",
		Help: "The rule is written as in one of the typos of Flyway's Deploy Rules page (such as ${flyway:environment==dev}); pgfleet reads it as meant, but other tools may not. Write it in the documented form the message gives."},
}

// ParserRules returns the metadata of the parser rules and Deploy Rules lint
// findings.
func ParserRules() []RuleInfo {
	out := slices.Clone(parserRules)
	for i := range out {
		out[i].Engine = EngineParser
	}
	return out
}

// parserRuleInfo returns the metadata of a parser rule by code.
func parserRuleInfo(code string) RuleInfo {
	for _, r := range parserRules {
		if r.Code == code {
			r.Engine = EngineParser
			return r
		}
	}
	return RuleInfo{Code: code, Severity: SeverityWarning, Engine: EngineParser}
}
