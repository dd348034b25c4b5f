-- Event triggers whose function lives in a schema in scope.
WITH {{params}}
SELECT e.oid,
       e.evtname::text AS name,
       e.evtevent::text AS event,
       e.evtfoid::regprocedure::text AS function,
       coalesce(e.evttags, '{}') AS tags,
       CASE e.evtenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' ELSE 'origin' END AS enabled,
       {{owner "e.evtowner"}} AS owner
FROM pg_event_trigger e
JOIN pg_proc p ON p.oid = e.evtfoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE {{scope "n"}} AND {{notExt "pg_event_trigger" "e.oid"}}
