package cli

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/migrate"
)

// migrateTarget is the connection and options of a migrations command
// (migrate, info, validate, baseline, repair, undo).
type migrateTarget struct {
	conn *pgx.Conn
	opts migrate.Options
	env  config.Environment
}

// openMigrate resolves the selected environment, connects to it and maps
// its settings onto migrate.Options. Close the connection when done.
func openMigrate(ctx context.Context, inv *Invocation) (*migrateTarget, error) {
	cfg, err := inv.Config()
	if err != nil {
		return nil, err
	}
	env, err := cfg.Resolve("")
	if err != nil {
		return nil, err
	}
	opts, err := migrateOptions(env, cfg.WorkingDirectory)
	if err != nil {
		return nil, err
	}
	conn, err := connect(ctx, env)
	if err != nil {
		return nil, err
	}
	return &migrateTarget{conn: conn, opts: opts, env: env}, nil
}

func (t *migrateTarget) close(ctx context.Context) { t.conn.Close(context.WithoutCancel(ctx)) }

// migrateOptions maps an environment's effective [flyway] settings onto
// migrate.Options; ${flyway:environment} is the environment's name.
func migrateOptions(env config.Environment, workingDir string) (migrate.Options, error) {
	f := env.Flyway
	dirs, err := f.LocationDirs()
	if err != nil {
		return migrate.Options{}, err
	}
	o := migrate.DefaultOptions()
	o.Locations, o.Table, o.DefaultSchema, o.Schemas = dirs, f.Table, f.DefaultSchema, env.Schemas
	o.Environment, o.Placeholders = env.Name, f.Placeholders
	o.PlaceholderPrefix, o.PlaceholderSuffix, o.PlaceholderSeparator = f.PlaceholderPrefix, f.PlaceholderSuffix, f.PlaceholderSeparator
	o.PlaceholderReplacement, o.ExecuteInTransaction = f.PlaceholderReplacement, f.ExecuteInTransaction
	o.ValidateMigrationNaming, o.Target, o.OutOfOrder = f.ValidateMigrationNaming, f.Target, f.OutOfOrder
	o.BaselineOnMigrate, o.BaselineVersion, o.BaselineDescription = f.BaselineOnMigrate, f.BaselineVersion, f.BaselineDescription
	o.IgnoreMigrationPatterns, o.InstalledBy, o.Encoding = f.IgnoreMigrationPatterns, f.InstalledBy, f.Encoding
	o.Mixed, o.Group, o.CherryPick, o.WorkingDirectory = f.Mixed, f.Group, f.CherryPick, workingDir
	return o, nil
}

// runMigrateCommand connects, runs fn and closes the connection.
func runMigrateCommand(ctx context.Context, inv *Invocation, fn func(ctx context.Context, t *migrateTarget) error) error {
	t, err := openMigrate(ctx, inv)
	if err != nil {
		return err
	}
	defer t.close(ctx)
	return fn(ctx, t)
}
