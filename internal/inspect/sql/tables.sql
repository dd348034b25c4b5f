-- Ordinary and partitioned tables.
WITH {{params}}
SELECT c.oid,
       c.reltype AS type_oid,
       n.nspname::text AS schema,
       c.relname::text AS name,
       CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE '' END AS persistence,
       coalesce((SELECT am.amname::text FROM pg_am am WHERE am.oid = c.relam AND am.amname <> 'heap'), '') AS access_method,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END AS partition_key,
       CASE WHEN c.relispartition THEN coalesce((SELECT {{qualifiedRel "i.inhparent"}} FROM pg_inherits i WHERE i.inhrelid = c.oid), '') ELSE '' END AS partition_of,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) ELSE '' END AS partition_bound,
       ARRAY(SELECT {{qualifiedRel "i.inhparent"}} FROM pg_inherits i
             WHERE i.inhrelid = c.oid AND NOT c.relispartition ORDER BY i.inhseqno) AS inherits,
       coalesce(c.reloptions, '{}') AS options,
       c.relrowsecurity AS row_security,
       c.relforcerowsecurity AS force_row_security,
       CASE c.relreplident WHEN 'n' THEN 'nothing' WHEN 'f' THEN 'full' WHEN 'i' THEN 'index' ELSE '' END AS replica_identity,
       {{owner "c.relowner"}} AS owner,
       {{acl "c.relacl" "r" "c.relowner"}} AS acl
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}}
  AND NOT {{excluded "n" "c"}}
