-- Functions, procedures and window functions (aggregates have their own query).
WITH {{params}}
SELECT p.oid,
       n.nspname::text AS schema,
       p.proname::text AS name,
       p.prokind = 'p' AS procedure,
       p.prokind = 'w' AS window,
       oidvectortypes(p.proargtypes) AS signature,
       pg_get_function_identity_arguments(p.oid) AS identity_arguments,
       pg_get_function_arguments(p.oid) AS arguments,
       CASE WHEN p.prokind = 'p' THEN '' ELSE coalesce(pg_get_function_result(p.oid), '') END AS result,
       l.lanname::text AS language,
       CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END AS volatility,
       p.proisstrict AS strict,
       p.prosecdef AS security_definer,
       p.proleakproof AS leakproof,
       CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END AS parallel,
       p.procost::float8 AS cost,
       p.prorows::float8 AS rows,
       coalesce(p.proconfig, '{}') AS config,
       pg_get_functiondef(p.oid) AS definition,
       {{owner "p.proowner"}} AS owner,
       {{acl "p.proacl" "f" "p.proowner"}} AS acl
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p', 'w') AND {{scope "n"}} AND {{notExt "pg_proc" "p.oid"}}
  -- range and multirange constructors belong to their type
  AND NOT EXISTS (SELECT FROM pg_depend x WHERE x.classid = 'pg_proc'::regclass
                  AND x.objid = p.oid AND x.deptype = 'i')
