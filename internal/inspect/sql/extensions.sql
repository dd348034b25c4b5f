-- Extensions installed in a schema in scope.
WITH {{params}}
SELECT e.oid,
       e.extname::text AS name,
       n.nspname::text AS schema,
       e.extversion AS version,
       {{owner "e.extowner"}} AS owner
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE {{scope "n"}}
