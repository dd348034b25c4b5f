package inspect

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"sync"
	"text/template"

	"github.com/jackc/pgx/v5"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// query is one set-based catalog query: its text (rendered for the server
// version) and how its rows are stored on the reader.
type query struct {
	name string
	sql  string
	scan func(pgx.Rows, *reader) error
}

// run executes the query in tx and stores its rows.
func (q query) run(ctx context.Context, tx pgx.Tx, r *reader, args []any) error {
	rows, err := tx.Query(ctx, q.sql, args...)
	if err != nil {
		return fmt.Errorf("querying %s: %w", q.name, err)
	}
	if err := q.scan(rows, r); err != nil {
		return fmt.Errorf("reading %s: %w", q.name, err)
	}
	return nil
}

// collect returns a scan function storing rows as *T into the slice dst
// selects. Columns map to fields by name (snake_case to CamelCase); struct
// fields without a column stay zero.
func collect[T any](dst func(*reader) *[]*T) func(pgx.Rows, *reader) error {
	return func(rows pgx.Rows, r *reader) error {
		out, err := pgx.CollectRows(rows, pgx.RowToAddrOfStructByNameLax[T])
		if err != nil {
			return err
		}
		*dst(r) = out
		return nil
	}
}

// templateData is what query templates see.
type templateData struct {
	// Version is server_version_num.
	Version int
}

// rendered caches renderQueries by server version.
var rendered sync.Map

// renderQueries renders every query for the server version, once.
func renderQueries(version int) ([]query, error) {
	if qs, ok := rendered.Load(version); ok {
		return qs.([]query), nil
	}
	qs, err := renderAll(version)
	if err != nil {
		return nil, err
	}
	rendered.Store(version, qs)
	return qs, nil
}

func renderAll(version int) ([]query, error) {
	out := make([]query, 0, len(queries))
	for _, q := range queries {
		text, err := sqlFS.ReadFile("sql/" + q.name + ".sql")
		if err != nil {
			return nil, fmt.Errorf("reading query %s: %w", q.name, err)
		}
		t, err := template.New(q.name).Funcs(sqlFuncs).Parse(string(text))
		if err != nil {
			return nil, fmt.Errorf("parsing query %s: %w", q.name, err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, templateData{Version: version}); err != nil {
			return nil, fmt.Errorf("rendering query %s: %w", q.name, err)
		}
		q.sql = buf.String()
		out = append(out, q)
	}
	return out, nil
}

// sqlFuncs are the SQL fragments query templates share.
var sqlFuncs = template.FuncMap{
	// params declares the two parameters every query takes, so each
	// statement has them even where one is unused.
	"params": func() string {
		return "params AS (SELECT $1::text[] AS schemas, $2::text[] AS excluded_tables)"
	},
	// scope: the namespace alias is a non-system schema in scope.
	"scope": func(n string) string {
		return fmt.Sprintf(`(%[1]s.nspname NOT IN ('pg_catalog', 'information_schema')
    AND %[1]s.nspname NOT LIKE 'pg\_toast%%' AND %[1]s.nspname NOT LIKE 'pg\_temp\_%%'
    AND ($1::text[] IS NULL OR %[1]s.nspname = ANY ($1::text[]))
    AND NOT EXISTS (SELECT FROM pg_depend x WHERE x.classid = 'pg_namespace'::regclass
                    AND x.objid = %[1]s.oid AND x.deptype = 'e'))`, n)
	},
	// notExt: the object is not a member of an extension.
	"notExt": func(class, oid string) string {
		return fmt.Sprintf(`NOT EXISTS (SELECT FROM pg_depend x WHERE x.classid = '%s'::regclass
    AND x.objid = %s AND x.deptype = 'e')`, class, oid)
	},
	// excluded: the relation is one of the excluded tables.
	"excluded": func(n, c string) string {
		return fmt.Sprintf("(%s.nspname || '.' || %s.relname) = ANY ($2::text[])", n, c)
	},
	// acl: the effective ACL (built-in default expanded) as text items;
	// Normalize sorts them.
	"acl": func(acl, objtype, owner string) string {
		return fmt.Sprintf("coalesce(%s, acldefault('%s', %s))::text[]", acl, objtype, owner)
	},
	// comment: the description of an object (objsubid 0) or sub-object.
	"comment": func(class, oid string, sub ...string) string {
		s := "0"
		if len(sub) > 0 {
			s = sub[0]
		}
		return fmt.Sprintf(`coalesce((SELECT d.description FROM pg_description d WHERE d.classoid = '%s'::regclass
    AND d.objoid = %s AND d.objsubid = %s), '')`, class, oid, s)
	},
	// collation: the qualified collation when it differs from the type's.
	"collation": func(coll, typeColl string) string {
		return fmt.Sprintf(`CASE WHEN %[1]s <> 0 AND %[1]s <> %[2]s THEN
    (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
     JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = %[1]s) ELSE '' END`, coll, typeColl)
	},
	// qualified: quote_ident(schema).quote_ident(name) of a pg_class oid.
	"qualifiedRel": func(oid string) string {
		return fmt.Sprintf(`(SELECT quote_ident(qn.nspname) || '.' || quote_ident(qc.relname) FROM pg_class qc
    JOIN pg_namespace qn ON qn.oid = qc.relnamespace WHERE qc.oid = %s)`, oid)
	},
	"owner": func(expr string) string { return fmt.Sprintf("pg_get_userbyid(%s)::text", expr) },
}
