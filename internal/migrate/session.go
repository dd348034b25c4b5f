package migrate

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/placeholder"
)

// session is one command's view of a database and the locations.
type session struct {
	conn     *pgx.Conn
	txer     txBeginner // conn, or the transaction of a group=true migrate
	opts     Options
	hist     history
	disc     *Discovery
	repl     *placeholder.Replacer
	user     string
	database string
}

// txBeginner starts a transaction (or a savepoint inside one).
type txBeginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// open checks the options, discovers the migrations and reads what the
// built-in placeholders need from the database.
func open(ctx context.Context, conn *pgx.Conn, opts Options) (*session, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	disc, err := Discover(opts)
	if err != nil {
		return nil, err
	}
	s := &session{conn: conn, txer: conn, opts: opts, disc: disc}
	var current string
	err = conn.QueryRow(ctx, "SELECT current_user, current_database(), coalesce(current_schema(), 'public')").Scan(&s.user, &s.database, &current)
	if err != nil {
		return nil, fmt.Errorf("reading session user and database: %w", err)
	}
	schema := opts.DefaultSchema
	if schema == "" && len(opts.Schemas) > 0 {
		schema = opts.Schemas[0]
	}
	if schema == "" {
		schema = current
	}
	s.hist = history{schema: schema, table: opts.Table}
	if s.opts.InstalledBy == "" {
		s.opts.InstalledBy = s.user
	}
	s.repl = placeholder.New(opts.syntax(), opts.Placeholders, s.builtins())
	return s, nil
}

func (s *session) builtins() map[string]string {
	now := time.Now
	if s.opts.Now != nil {
		now = s.opts.Now
	}
	wd := s.opts.WorkingDirectory
	if wd == "" {
		wd, _ = os.Getwd()
	}
	return map[string]string{
		"defaultSchema":    s.hist.schema,
		"user":             s.user,
		"database":         s.database,
		"timestamp":        now().Format("2006-01-02 15:04:05"),
		"workingDirectory": wd,
		"table":            s.hist.table,
		"environment":      s.opts.Environment,
	}
}

// lock takes the history table's advisory lock.
// openLocked opens a session and takes the history's advisory lock, for
// the commands that write; unlock releases it.
func openLocked(ctx context.Context, conn *pgx.Conn, opts Options) (s *session, unlock func() error, err error) {
	if s, err = open(ctx, conn, opts); err != nil {
		return nil, nil, err
	}
	if unlock, err = s.lock(ctx); err != nil {
		return nil, nil, err
	}
	return s, unlock, nil
}

func (s *session) lock(ctx context.Context) (func() error, error) {
	return Lock(ctx, s.conn, HistoryLockKey(s.hist.schema, s.hist.table), s.opts.LockWait)
}

// state reads the history (empty when the table does not exist) and
// resolves every migration against it.
func (s *session) state(ctx context.Context) (*resolver, bool, error) {
	exists, err := s.hist.exists(ctx, s.conn)
	if err != nil {
		return nil, false, err
	}
	var rows []HistoryRow
	if exists {
		if rows, err = s.hist.rows(ctx, s.conn); err != nil {
			return nil, false, err
		}
	}
	r, err := newResolver(s.opts, s.disc, rows, s.repl)
	return r, exists, err
}

// schemaVersion is the highest successfully applied version, or "".
func (r *resolver) schemaVersion() string {
	if r.maxV == nil {
		return ""
	}
	return r.maxV.String()
}

// withWarnings returns the discovery warnings and the notes of the Deploy
// Rules.
func (s *session) warnings() []string {
	w := append([]string{}, s.disc.Warnings...)
	for _, m := range s.disc.Migrations {
		if m.Rule == nil {
			continue
		}
		for _, n := range m.Rule.Notes {
			w = append(w, fmt.Sprintf("%s: shouldExecute: %s", m.Config.File, n))
		}
	}
	return w
}
