// Package sqlsplit splits SQL text into statements with PostgreSQL's own
// parser (github.com/pganalyze/pg_query_go/v6) and describes each statement:
// its exact text, its byte offset and line/column in the file, its parse tree
// and, where it defines or alters an object, which object.
//
// It handles everything PostgreSQL's scanner handles (dollar quotes, E'...'
// strings, nested comments, BEGIN ATOMIC bodies) and recognises psql
// meta-commands (lines starting with a backslash between statements) so
// that callers can reject or skip them.
package sqlsplit
