-- Publications for logical replication with their tables (column lists
-- and row filters from PostgreSQL 15) and schemas (TABLES IN SCHEMA, 15+).
-- A publication is in scope unless every table and schema it lists is out
-- of scope.
WITH {{params}},
rels AS (
    SELECT pr.prpubid AS pub,
           quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
           n.nspname AS schema,
           {{if ge .Version 150000}}(SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
            WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs)){{else}}NULL::text[]{{end}} AS columns,
           {{if ge .Version 150000}}pg_get_expr(pr.prqual, pr.prrelid){{else}}NULL::text{{end}} AS row_filter
    FROM pg_publication_rel pr
    JOIN pg_class c ON c.oid = pr.prrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
),
schemas AS (
    {{if ge .Version 150000}}SELECT pn.pnpubid AS pub, n.nspname::text AS name
    FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid
    {{else}}SELECT 0::oid AS pub, ''::text AS name WHERE false{{end}}
)
SELECT p.oid,
       p.pubname::text AS name,
       p.puballtables AS all_tables,
       array_remove(ARRAY[CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                          CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END], NULL) AS publish,
       {{if ge .Version 130000}}p.pubviaroot{{else}}false{{end}} AS via_root,
       coalesce((SELECT json_agg(json_build_object('table', r.name, 'columns', r.columns, 'where', r.row_filter)
                                 ORDER BY r.name COLLATE "C")
                 FROM rels r WHERE r.pub = p.oid), '[]') AS tables,
       ARRAY(SELECT s.name FROM schemas s WHERE s.pub = p.oid ORDER BY s.name COLLATE "C") AS schemas,
       {{owner "p.pubowner"}} AS owner
FROM pg_publication p
WHERE {{notExt "pg_publication" "p.oid"}}
  AND ($1::text[] IS NULL OR p.puballtables
       OR NOT EXISTS (SELECT FROM rels r WHERE r.pub = p.oid) AND NOT EXISTS (SELECT FROM schemas s WHERE s.pub = p.oid)
       OR EXISTS (SELECT FROM rels r WHERE r.pub = p.oid AND r.schema = ANY ($1::text[]))
       OR EXISTS (SELECT FROM schemas s WHERE s.pub = p.oid AND s.name = ANY ($1::text[])))
