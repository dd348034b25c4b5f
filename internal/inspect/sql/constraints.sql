-- Table constraints. Clones on partitions (conparentid <> 0) follow their
-- parent's constraint and are left out; constraint triggers are triggers.
-- The reader resolves column numbers and backing indexes.
WITH {{params}}
SELECT co.oid,
       co.conrelid AS rel_oid,
       co.conindid AS index_oid,
       co.conkey AS key_attnums,
       n.nspname::text AS schema,
       c.relname::text AS table_name,
       co.conname::text AS name,
       co.contype::text AS contype,
       pg_get_constraintdef(co.oid) AS definition,
       CASE WHEN co.contype = 'f' THEN {{qualifiedRel "co.confrelid"}} ELSE '' END AS "references",
       CASE WHEN co.contype = 'f' THEN
         ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
       END AS referenced_columns,
       co.confupdtype::text AS update_action,
       co.confdeltype::text AS delete_action,
       co.confmatchtype::text AS match_type,
       co.condeferrable AS deferrable,
       co.condeferred AS initially_deferred,
       NOT co.convalidated AS not_valid,
       co.contype = 'c' AND co.connoinherit AS no_inherit,
       NOT co.conislocal AS inherited
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conparentid = 0 AND c.relkind IN ('r', 'p')
  AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}} AND NOT {{excluded "n" "c"}}
