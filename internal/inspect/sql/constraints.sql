-- Table constraints. Clones on partitions (conparentid <> 0) follow their
-- parent's constraint and are left out; constraint triggers are triggers.
WITH {{params}}
SELECT co.oid,
       n.nspname::text AS schema,
       c.relname::text AS table_name,
       co.conname::text AS name,
       CASE co.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'
                       WHEN 'c' THEN 'check' ELSE 'exclusion' END AS type,
       pg_get_constraintdef(co.oid) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       CASE WHEN co.contype IN ('p', 'u', 'x') THEN
         coalesce((SELECT ic.relname::text FROM pg_class ic WHERE ic.oid = co.conindid), '') ELSE '' END AS index,
       CASE WHEN co.contype = 'f' THEN {{qualifiedRel "co.confrelid"}} ELSE '' END AS "references",
       ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS referenced_columns,
       CASE WHEN co.contype = 'f' THEN CASE co.confupdtype WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
         WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' ELSE 'no action' END ELSE '' END AS on_update,
       CASE WHEN co.contype = 'f' THEN CASE co.confdeltype WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
         WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' ELSE 'no action' END ELSE '' END AS on_delete,
       CASE WHEN co.contype = 'f' THEN CASE co.confmatchtype WHEN 'f' THEN 'full' WHEN 'p' THEN 'partial'
         ELSE 'simple' END ELSE '' END AS match,
       co.condeferrable AS deferrable,
       co.condeferred AS initially_deferred,
       NOT co.convalidated AS not_valid,
       co.contype = 'c' AND co.connoinherit AS no_inherit,
       {{if ge .Version 150000}}coalesce((SELECT i.indnullsnotdistinct FROM pg_index i
         WHERE i.indexrelid = co.conindid AND co.contype = 'u'), false){{else}}false{{end}} AS nulls_not_distinct,
       NOT co.conislocal AS inherited,
       {{comment "pg_constraint" "co.oid"}} AS comment
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conparentid = 0 AND c.relkind IN ('r', 'p')
  AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}} AND NOT {{excluded "n" "c"}}
