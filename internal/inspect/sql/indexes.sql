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
       coalesce(co.conname::text, '') AS constraint,
       coalesce(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), '') AS parent
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_constraint co ON co.conindid = ic.oid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')
LEFT JOIN pg_inherits ih ON ih.inhrelid = ic.oid
LEFT JOIN pg_class pc ON pc.oid = ih.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}}
  AND NOT {{excluded "n" "c"}}
