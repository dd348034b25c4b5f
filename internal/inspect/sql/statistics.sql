-- Extended statistics objects. The statistics target is nullable from
-- PostgreSQL 17 (NULL: the default, -1 before).
WITH {{params}}
SELECT s.oid,
       n.nspname::text AS schema,
       s.stxname::text AS name,
       {{qualifiedRel "s.stxrelid"}} AS table,
       pg_get_statisticsobjdef(s.oid) AS definition,
       {{if ge .Version 170000}}coalesce(s.stxstattarget, -1){{else}}s.stxstattarget{{end}}::int AS target,
       {{owner "s.stxowner"}} AS owner
FROM pg_statistic_ext s
JOIN pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace cn ON cn.oid = c.relnamespace
WHERE {{scope "n"}} AND {{notExt "pg_statistic_ext" "s.oid"}} AND NOT {{excluded "cn" "c"}}
