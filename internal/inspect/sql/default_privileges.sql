-- ALTER DEFAULT PRIVILEGES entries, global ones and those of schemas in scope.
WITH {{params}}
SELECT pg_get_userbyid(d.defaclrole)::text AS role,
       coalesce(n.nspname::text, '') AS schema,
       CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
                            WHEN 'T' THEN 'types' ELSE 'schemas' END AS object_type,
       d.defaclacl::text[] AS acl
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
WHERE d.defaclnamespace = 0 OR {{scope "n"}}
