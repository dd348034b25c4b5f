-- Range types (multiranges exist from PostgreSQL 14).
WITH {{params}}
SELECT t.oid,
       t.typarray AS array_oid,
       n.nspname::text AS schema,
       t.typname::text AS name,
       format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN opc.opcdefault THEN '' ELSE quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) END AS subtype_op_class,
       {{collation "r.rngcollation" "st.typcollation"}} AS collation,
       CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regprocedure::text ELSE '' END AS canonical,
       CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regprocedure::text ELSE '' END AS subtype_diff,
       {{if ge .Version 140000}}coalesce((SELECT mt.typname::text FROM pg_type mt WHERE mt.oid = r.rngmultitypid), ''){{else}}''{{end}} AS multirange_name,
       {{owner "t.typowner"}} AS owner,
       {{acl "t.typacl" "T" "t.typowner"}} AS acl
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
WHERE {{scope "n"}} AND {{notExt "pg_type" "t.oid"}}
