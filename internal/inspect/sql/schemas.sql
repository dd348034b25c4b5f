-- Schemas in scope.
WITH {{params}}
SELECT n.oid,
       n.nspname::text AS name,
       {{owner "n.nspowner"}} AS owner,
       {{acl "n.nspacl" "n" "n.nspowner"}} AS acl
FROM pg_namespace n
WHERE {{scope "n"}}
