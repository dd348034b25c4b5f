-- Enum types with their labels in sort order.
WITH {{params}}
SELECT t.oid,
       t.typarray AS array_oid,
       n.nspname::text AS schema,
       t.typname::text AS name,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels,
       {{owner "t.typowner"}} AS owner,
       {{acl "t.typacl" "T" "t.typowner"}} AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND {{scope "n"}} AND {{notExt "pg_type" "t.oid"}}
