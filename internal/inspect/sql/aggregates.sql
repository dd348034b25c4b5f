-- Aggregates; support functions as regprocedure, qualified unless in pg_catalog.
WITH {{params}}
SELECT p.oid,
       n.nspname::text AS schema,
       p.proname::text AS name,
       oidvectortypes(p.proargtypes) AS signature,
       pg_get_function_identity_arguments(p.oid) AS identity_arguments,
       pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result,
       CASE a.aggkind WHEN 'o' THEN 'ordered-set' WHEN 'h' THEN 'hypothetical' ELSE 'normal' END AS agg_kind,
       a.aggnumdirectargs::int AS direct_args,
       a.aggtransfn::regprocedure::text AS state_func,
       format_type(a.aggtranstype, NULL) AS state_type,
       a.aggtransspace AS state_space,
       CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regprocedure::text ELSE '' END AS final_func,
       a.aggfinalextra AS final_extra,
       CASE a.aggfinalmodify WHEN 's' THEN 'shareable' WHEN 'w' THEN 'read_write' ELSE 'read_only' END AS final_modify,
       CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regprocedure::text ELSE '' END AS combine_func,
       CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::regprocedure::text ELSE '' END AS serial_func,
       CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::regprocedure::text ELSE '' END AS deserial_func,
       coalesce(a.agginitval, '') AS initial_condition,
       CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransfn::regprocedure::text ELSE '' END AS moving_state_func,
       CASE WHEN a.aggminvtransfn <> 0 THEN a.aggminvtransfn::regprocedure::text ELSE '' END AS moving_inv_func,
       CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) ELSE '' END AS moving_state_type,
       CASE WHEN a.aggmfinalfn <> 0 THEN a.aggmfinalfn::regprocedure::text ELSE '' END AS moving_final_func,
       coalesce(a.aggminitval, '') AS moving_initial,
       CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text ELSE '' END AS sort_operator,
       CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END AS parallel,
       {{owner "p.proowner"}} AS owner,
       {{acl "p.proacl" "f" "p.proowner"}} AS acl
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE {{scope "n"}} AND {{notExt "pg_proc" "p.oid"}}
