-- Stand-alone composite types with their attributes in order.
WITH {{params}}
SELECT t.oid,
       t.typarray AS array_oid,
       t.typrelid AS rel_oid,
       n.nspname::text AS schema,
       t.typname::text AS name,
       coalesce((SELECT json_agg(json_build_object(
                    'name', a.attname,
                    'type', format_type(a.atttypid, a.atttypmod),
                    'collation', {{collation "a.attcollation" "at.typcollation"}},
                    'comment', {{comment "pg_class" "t.typrelid" "a.attnum"}}) ORDER BY a.attnum)
                 FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS attributes,
       {{owner "t.typowner"}} AS owner,
       {{acl "t.typacl" "T" "t.typowner"}} AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid
WHERE t.typtype = 'c' AND c.relkind = 'c' AND {{scope "n"}} AND {{notExt "pg_type" "t.oid"}}
