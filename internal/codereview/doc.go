// Package codereview reviews SQL scripts the way Flyway's `check -code` does,
// with two engines:
//
//   - regex rules in Flyway's rule-file format (one TOML file per rule:
//     code, dialects, rules, description, severity), the built-in RX rules
//     included. Flyway's rules are Java regular expressions; they are
//     translated to Go's RE2 syntax where an equivalent exists (see
//     TranslateJavaRegex). Unlike Flyway, a rule only ever sees SQL code: the
//     text of comments, string literals (dollar-quoted bodies and E'...' strings
//     included) and quoted identifiers is blanked out with PostgreSQL's own
//     scanner before matching, keeping every offset, line and column.
//   - parser rules on pg_query_go parse trees for PostgreSQL lock and rewrite
//     hazards (PG001...), each with help text explaining the safe alternative,
//     and lint findings on Deploy Rules (DR001...).
//
// A violation can be suppressed for one statement by a comment on the line
// before it: `-- pgfleet:allow CODE reason`. Suppressed violations are kept,
// with their reason, so that reports can count and list them.
package codereview
