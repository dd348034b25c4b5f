package model

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// contentsQuery lists what a database holds besides system objects and an
// empty public schema (at most 5 entries).
const contentsQuery = `
SELECT d FROM (
  SELECT 'schema ' || quote_ident(nspname) AS d FROM pg_namespace
   WHERE nspname NOT IN ('public', 'information_schema') AND nspname !~ '^pg_'
  UNION ALL
  SELECT 'relation ' || c.oid::regclass::text FROM pg_class c
   JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'routine ' || p.oid::regprocedure::text FROM pg_proc p
   JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'type ' || t.oid::regtype::text FROM pg_type t
   JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'extension ' || quote_ident(extname) FROM pg_extension WHERE extname <> 'plpgsql'
  UNION ALL
  SELECT 'event trigger ' || quote_ident(evtname) FROM pg_event_trigger
  UNION ALL
  SELECT 'default privileges of role ' || defaclrole::regrole::text FROM pg_default_acl
) x LIMIT 5`

// publicState is the public schema of a build environment before loading,
// restored afterwards.
type publicState struct {
	exists  bool
	owner   string  // as regrole text, quoted when needed
	acl     *string // aclitem[] as text; nil for the default
	comment *string
}

// useBuildEnv checks that the build environment's database is empty and
// returns it as the scratch database; releasing it removes everything the
// model created.
func useBuildEnv(ctx context.Context, connString string) (*scratch, error) {
	cfg, err := parseConnString("build environment", connString)
	if err != nil {
		return nil, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to build environment: %w", err)
	}
	defer conn.Close(context.Background())
	rows, err := conn.Query(ctx, contentsQuery)
	if err != nil {
		return nil, fmt.Errorf("checking that build database %s is empty: %w", cfg.Database, err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("checking that build database %s is empty: %w", cfg.Database, err)
	}
	if len(found) > 0 {
		return nil, fmt.Errorf("build database %s is not empty (it holds %s): pgfleet loads the schema model into it "+
			"and removes what it created afterwards, so point buildEnvironment at an empty database", cfg.Database, strings.Join(found, ", "))
	}
	var ps publicState
	err = conn.QueryRow(ctx, `SELECT nspowner::regrole::text, nspacl::text, obj_description(oid, 'pg_namespace')
		FROM pg_namespace WHERE nspname = 'public'`).Scan(&ps.owner, &ps.acl, &ps.comment)
	switch {
	case err == nil:
		ps.exists = true
	case !errors.Is(err, pgx.ErrNoRows):
		return nil, fmt.Errorf("reading build database's public schema: %w", err)
	}
	return &scratch{config: cfg, release: func(ctx context.Context) error { return cleanBuildEnv(ctx, cfg, ps) }}, nil
}

// cleanQuery resets global default privileges and drops every event
// trigger, extension and non-system schema.
const cleanQuery = `
DO $pgfleet$
DECLARE r record; obj text;
BEGIN
  FOR r IN SELECT d.defaclrole::regrole::text AS role, d.defaclobjtype AS t, a.grantee
             FROM pg_default_acl d, aclexplode(d.defaclacl) a WHERE d.defaclnamespace = 0 LOOP
    obj := CASE r.t WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                    WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' END;
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s REVOKE ALL ON %s FROM %s', r.role, obj,
                   CASE r.grantee WHEN 0 THEN 'PUBLIC' ELSE r.grantee::regrole::text END);
  END LOOP;
  FOR r IN SELECT d.defaclrole::regrole::text AS role, d.defaclobjtype AS t
             FROM pg_default_acl d WHERE d.defaclnamespace = 0 LOOP
    obj := CASE r.t WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                    WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' END;
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT ALL ON %s TO %s', r.role, obj, r.role);
    IF r.t = 'f' THEN
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT EXECUTE ON FUNCTIONS TO PUBLIC', r.role);
    ELSIF r.t = 'T' THEN
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT USAGE ON TYPES TO PUBLIC', r.role);
    END IF;
  END LOOP;
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP
    EXECUTE format('DROP EVENT TRIGGER IF EXISTS %I', r.evtname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
            WHERE nspname <> 'information_schema' AND nspname !~ '^pg_' LOOP
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
  END LOOP;
END
$pgfleet$`

// cleanBuildEnv removes everything the model created in the build
// environment and restores its public schema as it was.
func cleanBuildEnv(ctx context.Context, cfg *pgx.ConnConfig, ps publicState) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connecting to clean build database %s: %w", cfg.Database, err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, cleanQuery); err != nil {
		return fmt.Errorf("cleaning build database %s: %w", cfg.Database, err)
	}
	if !ps.exists {
		return nil
	}
	stmts := []string{"CREATE SCHEMA public AUTHORIZATION " + ps.owner}
	if ps.comment != nil {
		stmts = append(stmts, "COMMENT ON SCHEMA public IS "+quoteLiteral(*ps.comment))
	}
	if ps.acl != nil {
		rows, err := conn.Query(ctx, `SELECT format('GRANT %s ON SCHEMA public TO %s%s', privilege_type,
			CASE grantee WHEN 0 THEN 'PUBLIC' ELSE grantee::regrole::text END,
			CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
			FROM aclexplode($1::aclitem[])`, *ps.acl)
		if err != nil {
			return fmt.Errorf("restoring public schema privileges in build database %s: %w", cfg.Database, err)
		}
		grants, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("restoring public schema privileges in build database %s: %w", cfg.Database, err)
		}
		stmts = append(stmts, grants...)
	}
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("restoring public schema in build database %s: %w", cfg.Database, err)
		}
	}
	return nil
}
