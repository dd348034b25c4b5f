// Package model loads a schema model, the schema-model/ folder of plain
// .sql files describing the desired state of a database, into a catalog.
//
// Load applies every statement of the folder to a scratch database (a
// build environment, or a temporary database created on the target's own
// server and dropped afterwards), in any file and statement order: a
// statement that fails because something it needs does not exist yet is
// retried after the others until no more progress is made. The scratch
// database is then read back with the same inspector as a live target, so
// that both sides are normalised by PostgreSQL itself. Every object keeps
// the file and line that defined it.
package model
