-- Columns of tables, views and materialized views. The reader numbers
-- positions among live columns, so a dropped column leaves no trace.
WITH {{params}}
SELECT c.oid AS rel_oid,
       c.relkind::text AS relkind,
       a.attnum,
       n.nspname::text AS schema,
       c.relname::text AS table_name,
       a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       {{collation "a.attcollation" "t.typcollation"}} AS collation,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN coalesce(pg_get_expr(ad.adbin, ad.adrelid), '') ELSE '' END AS "default",
       CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' ELSE '' END AS identity,
       CASE WHEN a.attidentity <> '' THEN
         (SELECT json_build_object('name', sc.relname, 'type', format_type(s.seqtypid, NULL),
                   'start', s.seqstart, 'increment', s.seqincrement, 'min', s.seqmin,
                   'max', s.seqmax, 'cache', s.seqcache, 'cycle', s.seqcycle)
          FROM pg_depend d
          JOIN pg_class sc ON sc.oid = d.objid
          JOIN pg_sequence s ON s.seqrelid = sc.oid
          WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
            AND d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype = 'i') END AS identity_sequence,
       CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END AS generated,
       NOT a.attislocal AS inherited,
       CASE WHEN a.attstorage = t.typstorage THEN ''
            ELSE CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main' ELSE 'extended' END
       END AS storage,
       CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::int END AS statistics,
       coalesce(a.attacl::text[], '{}') AS acl
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')
  AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}} AND NOT {{excluded "n" "c"}}
