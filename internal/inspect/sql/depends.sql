-- Normal and automatic dependencies between user objects (OID >= 16384),
-- normalised: a view's rewrite rule stands for the view, a column default
-- for its column, an array type for its element type, and a member of an
-- extension for the extension. Edges to schemas are structural and left out.
WITH {{params}},
d AS (
  SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
  FROM pg_depend d
  WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384
    AND d.refclassid <> 'pg_namespace'::regclass
),
o AS (
  SELECT CASE WHEN r.oid IS NOT NULL OR ad.oid IS NOT NULL THEN 'pg_class'::regclass::oid ELSE d.classid END AS classid,
         coalesce(r.ev_class, ad.adrelid, d.objid) AS objid,
         CASE WHEN ad.oid IS NOT NULL THEN ad.adnum WHEN r.oid IS NOT NULL THEN 0 ELSE d.objsubid END AS objsubid,
         d.refclassid,
         coalesce(et.oid, d.refobjid) AS refobjid,
         d.refobjsubid
  FROM d
  LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
  LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
  LEFT JOIN pg_type et ON d.refclassid = 'pg_type'::regclass AND et.typarray = d.refobjid
)
SELECT o.classid::regclass::text AS class,
       o.objid AS oid,
       o.objsubid::int AS sub,
       CASE WHEN x.refobjid IS NOT NULL THEN 'pg_extension' ELSE o.refclassid::regclass::text END AS ref_class,
       coalesce(x.refobjid, o.refobjid) AS ref_oid,
       CASE WHEN x.refobjid IS NOT NULL THEN 0 ELSE o.refobjsubid END::int AS ref_sub
FROM o
LEFT JOIN pg_depend x ON x.classid = o.refclassid AND x.objid = o.refobjid AND x.deptype = 'e'
