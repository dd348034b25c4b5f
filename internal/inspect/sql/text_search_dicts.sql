-- Text search dictionaries: template (qualified unless in pg_catalog) and
-- initialization options as PostgreSQL keeps them.
WITH {{params}}
SELECT d.oid,
       n.nspname::text AS schema,
       d.dictname::text AS name,
       CASE WHEN tn.nspname = 'pg_catalog' THEN quote_ident(t.tmplname::text)
            ELSE quote_ident(tn.nspname::text) || '.' || quote_ident(t.tmplname::text) END AS template,
       coalesce(d.dictinitoption, '') AS options,
       {{owner "d.dictowner"}} AS owner
FROM pg_ts_dict d
JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate
JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE {{scope "n"}} AND {{notExt "pg_ts_dict" "d.oid"}}
