-- Views and materialized views.
WITH {{params}}
SELECT c.oid,
       c.reltype AS type_oid,
       c.relkind::text AS relkind,
       n.nspname::text AS schema,
       c.relname::text AS name,
       pg_get_viewdef(c.oid, true) AS definition,
       coalesce(c.reloptions, '{}') AS options,
       {{owner "c.relowner"}} AS owner,
       {{acl "c.relacl" "r" "c.relowner"}} AS acl
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}}
  AND NOT {{excluded "n" "c"}}
