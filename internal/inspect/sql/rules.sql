-- Rewrite rules on tables and views, without the ON SELECT rule that is a
-- view's query.
WITH {{params}}
SELECT r.oid,
       n.nspname::text AS schema,
       c.relname::text AS table_name,
       r.rulename::text AS name,
       rtrim(pg_get_ruledef(r.oid), ';') AS definition,
       CASE r.ev_enabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' ELSE 'origin' END AS enabled
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND c.relkind IN ('r', 'p', 'v', 'm')
  AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}} AND NOT {{excluded "n" "c"}}
