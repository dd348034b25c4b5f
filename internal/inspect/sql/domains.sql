-- Domains with their CHECK constraints (NOT NULL is typnotnull; PostgreSQL
-- 17 also records it as a contype 'n' constraint, left out here).
WITH {{params}}
SELECT t.oid,
       t.typarray AS array_oid,
       ARRAY(SELECT c.oid FROM pg_constraint c WHERE c.contypid = t.oid) AS constraint_oids,
       n.nspname::text AS schema,
       t.typname::text AS name,
       format_type(t.typbasetype, t.typtypmod) AS base_type,
       {{collation "t.typcollation" "bt.typcollation"}} AS collation,
       coalesce(pg_get_expr(t.typdefaultbin, 0), '') AS "default",
       t.typnotnull AS not_null,
       coalesce((SELECT json_agg(json_build_object(
                    'name', c.conname,
                    'definition', pg_get_constraintdef(c.oid),
                    'notValid', NOT c.convalidated,
                    'comment', {{comment "pg_constraint" "c.oid"}}) ORDER BY c.conname)
                 FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'), '[]') AS constraints,
       {{owner "t.typowner"}} AS owner,
       {{acl "t.typacl" "T" "t.typowner"}} AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype = 'd' AND {{scope "n"}} AND {{notExt "pg_type" "t.oid"}}
