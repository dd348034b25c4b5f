-- Schemas in scope.
WITH {{params}}
SELECT n.nspname::text AS name,
       {{owner "n.nspowner"}} AS owner,
       {{comment "pg_namespace" "n.oid"}} AS comment,
       {{acl "n.nspacl" "n" "n.nspowner"}} AS acl
FROM pg_namespace n
WHERE {{scope "n"}}
