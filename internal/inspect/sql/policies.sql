-- Row-level security policies.
WITH {{params}}
SELECT p.oid,
       n.nspname::text AS schema,
       c.relname::text AS table_name,
       p.polname::text AS name,
       p.polpermissive AS permissive,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                     WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
       ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END
             FROM unnest(p.polroles) r) AS roles,
       coalesce(pg_get_expr(p.polqual, p.polrelid), '') AS using,
       coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') AS with_check
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE {{scope "n"}} AND {{notExt "pg_class" "c.oid"}} AND NOT {{excluded "n" "c"}}
