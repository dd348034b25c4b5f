-- Indexes of tables and materialized views, including the ones backing
-- constraints and the partitions' indexes attached to a parent index.
WITH {{params}}
SELECT ic.oid,
       c.relkind::text AS relkind,
       n.nspname::text AS schema,
       c.relname::text AS table_name,
       ic.relname::text AS name,
       pg_get_indexdef(ic.oid) AS definition,
       i.indisunique AS unique,
       i.indisprimary AS primary,
       am.amname::text AS method,
       coalesce(pg_get_expr(i.indpred, i.indrelid), '') AS predicate,
       {{if ge .Version 150000}}i.indnullsnotdistinct{{else}}false{{end}} AS nulls_not_distinct,
       coalesce((SELECT co.conname::text FROM pg_constraint co WHERE co.conindid = ic.oid
                   AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')), '') AS constraint,
       coalesce((SELECT {{qualifiedRel "ih.inhparent"}} FROM pg_inherits ih WHERE ih.inhrelid = ic.oid), '') AS parent,
       {{comment "pg_class" "ic.oid"}} AS comment
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p', 'm') AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}}
  AND NOT {{excluded "n" "c"}}
