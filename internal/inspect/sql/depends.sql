-- Dependencies between user objects (OID >= 16384) for the reader to
-- resolve, as rows of one of four kinds:
--   d  a normal or automatic dependency (edges to schemas are structural
--      and left out);
--   e  membership of an object (and of a member type's array type) in an
--      extension, so edges to it point at the extension;
--   r  a view's ON SELECT rule standing for its view (other rules are
--      objects of their own);
--   a  a column default standing for its column;
--   p  a publication's table membership standing for the publication.
WITH {{params}}
SELECT 'd' AS kind, d.classid AS class, d.objid AS oid, d.objsubid AS sub,
       d.refclassid AS ref_class, d.refobjid AS ref_oid, d.refobjsubid AS ref_sub
FROM pg_depend d
WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384
  AND d.refclassid <> 'pg_namespace'::regclass
UNION ALL
SELECT 'e', d.classid, d.objid, 0, d.refclassid, d.refobjid, 0
FROM pg_depend d
WHERE d.deptype = 'e'
UNION ALL
SELECT 'e', d.classid, t.typarray, 0, d.refclassid, d.refobjid, 0
FROM pg_depend d
JOIN pg_type t ON t.oid = d.objid
WHERE d.deptype = 'e' AND d.classid = 'pg_type'::regclass AND t.typarray <> 0
UNION ALL
SELECT 'r', 'pg_rewrite'::regclass, r.oid, 0, 'pg_class'::regclass, r.ev_class, 0
FROM pg_rewrite r
WHERE r.oid >= 16384 AND r.rulename = '_RETURN'
UNION ALL
SELECT 'a', 'pg_attrdef'::regclass, ad.oid, 0, 'pg_class'::regclass, ad.adrelid, ad.adnum
FROM pg_attrdef ad
WHERE ad.oid >= 16384
UNION ALL
SELECT 'p', 'pg_publication_rel'::regclass, pr.oid, 0, 'pg_publication'::regclass, pr.prpubid, 0
FROM pg_publication_rel pr
WHERE pr.oid >= 16384
