-- User triggers (constraint triggers included) on tables and views.
-- Internal triggers (foreign keys) and, from PostgreSQL 13, clones on
-- partitions of a parent's trigger are left out.
WITH {{params}}
SELECT t.oid,
       c.relkind::text AS relkind,
       n.nspname::text AS schema,
       c.relname::text AS table_name,
       t.tgname::text AS name,
       pg_get_triggerdef(t.oid) AS definition,
       t.tgfoid::regprocedure::text AS function,
       t.tgconstraint <> 0 AS constraint,
       CASE t.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' ELSE 'origin' END AS enabled
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal {{if ge .Version 130000}}AND t.tgparentid = 0{{end}}
  AND c.relkind IN ('r', 'p', 'v')
  AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}} AND NOT {{excluded "n" "c"}}
