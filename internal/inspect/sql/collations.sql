-- User-defined collations. Locale columns differ by version: ICU locale
-- in colliculocale (15, 16) then colllocale (17+); ICU rules from 16.
WITH {{params}}
SELECT c.oid,
       n.nspname::text AS schema,
       c.collname::text AS name,
       CASE c.collprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'default' END AS provider,
       c.collisdeterministic AS deterministic,
       coalesce(c.collcollate, '') AS collate,
       coalesce(c.collctype, '') AS ctype,
       {{if ge .Version 170000}}coalesce(c.colllocale, ''){{else if ge .Version 150000}}coalesce(c.colliculocale, ''){{else}}''{{end}} AS locale,
       {{if ge .Version 160000}}coalesce(c.collicurules, ''){{else}}''{{end}} AS rules,
       {{owner "c.collowner"}} AS owner
FROM pg_collation c
JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE {{scope "n"}} AND {{notExt "pg_collation" "c.oid"}}
