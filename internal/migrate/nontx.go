package migrate

import (
	"fmt"
	"regexp"
	"strings"
)

// nonTransactional matches the statements PostgreSQL refuses to run inside
// a transaction block.
var nonTransactional = regexp.MustCompile(`(?is)^(` +
	`create\s+(unique\s+)?index\s+concurrently|drop\s+index\s+concurrently|reindex\s.*\bconcurrently\b|` +
	`vacuum\b|create\s+database\b|drop\s+database\b|alter\s+system\b|create\s+tablespace\b|drop\s+tablespace\b|` +
	`create\s+subscription\b|drop\s+subscription\b|alter\s+database\s+\S+\s+set\s+tablespace\b)`)

// transactionMode decides whether m runs in a transaction, as Flyway does
// on PostgreSQL: its .sql.conf decides when it says so; otherwise a script
// made only of statements that cannot run in a transaction (CREATE INDEX
// CONCURRENTLY, VACUUM ...) runs without one, and a script mixing both
// kinds is an error unless mixed is set.
func transactionMode(m *Migration, opts Options, stmts []statement) (bool, error) {
	if m.Config.ExecuteInTransaction != nil {
		return *m.Config.ExecuteInTransaction, nil
	}
	var first *statement
	n := 0
	for i := range stmts {
		if nonTransactional.MatchString(stripLeadingComments(stmts[i].sql)) {
			if first == nil {
				first = &stmts[i]
			}
			n++
		}
	}
	switch {
	case n == 0:
		return opts.ExecuteInTransaction, nil
	case n == len(stmts) || opts.Mixed:
		return false, nil
	}
	words := strings.Fields(strings.TrimSuffix(stripLeadingComments(first.sql), ";"))
	verb := strings.ToUpper(strings.Join(words[:min(3, len(words))], " "))
	return false, fmt.Errorf("%s:%d: %s cannot run in a transaction and the migration mixes it with transactional statements: "+
		"move it to a migration of its own, set executeInTransaction=false in %s.conf, or set mixed=true", m.Path, first.line, verb, m.Path)
}

// stripLeadingComments drops the comments and blanks a statement starts
// with.
func stripLeadingComments(sql string) string {
	for {
		sql = strings.TrimLeft(sql, " \t\r\n")
		switch {
		case strings.HasPrefix(sql, "--"):
			sql = sql[min(skipTo(sql, 0, "\n"), len(sql)):]
		case strings.HasPrefix(sql, "/*"):
			sql = sql[skipBlockComment(sql, 0):]
		default:
			return sql
		}
	}
}
