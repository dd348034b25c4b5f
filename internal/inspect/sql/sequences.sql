-- Stand-alone sequences: identity sequences (deptype 'i') belong to their
-- column; sequences owned by an excluded table are left out with it.
WITH {{params}}
SELECT c.oid,
       n.nspname::text AS schema,
       c.relname::text AS name,
       format_type(s.seqtypid, NULL) AS type,
       s.seqstart AS start,
       s.seqincrement AS increment,
       s.seqmin AS min,
       s.seqmax AS max,
       s.seqcache AS cache,
       s.seqcycle AS cycle,
       CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE '' END AS persistence,
       coalesce((SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname)
                 FROM pg_depend d
                 JOIN pg_class tc ON tc.oid = d.refobjid
                 JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                 JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                   AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype = 'a'), '') AS owned_by,
       {{owner "c.relowner"}} AS owner,
       {{acl "c.relacl" "s" "c.relowner"}} AS acl
FROM pg_class c
JOIN pg_sequence s ON s.seqrelid = c.oid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'S' AND {{scope "n"}} AND {{notExt "pg_class" "c.oid"}}
  AND NOT EXISTS (SELECT FROM pg_depend d
                  JOIN pg_class tc ON tc.oid = d.refobjid
                  JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.refclassid = 'pg_class'::regclass
                    AND (d.deptype = 'i' OR (d.deptype = 'a' AND {{excluded "tn" "tc"}})))
