-- Text search configurations with their parser and, per token type (by
-- the parser's alias), the dictionaries in the order they are consulted.
-- Names are qualified unless in pg_catalog (search_path is pg_catalog).
WITH {{params}}
SELECT c.oid,
       n.nspname::text AS schema,
       c.cfgname::text AS name,
       CASE WHEN pn.nspname = 'pg_catalog' THEN quote_ident(p.prsname::text)
            ELSE quote_ident(pn.nspname::text) || '.' || quote_ident(p.prsname::text) END AS parser,
       coalesce((SELECT json_agg(json_build_object('tokenType', m.token_type, 'dictionaries', m.dictionaries)
                                 ORDER BY m.token_type COLLATE "C")
                 FROM (SELECT tt.alias AS token_type,
                              array_agg(mp.mapdict::regdictionary::text ORDER BY mp.mapseqno) AS dictionaries
                       FROM pg_ts_config_map mp
                       JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = mp.maptokentype
                       WHERE mp.mapcfg = c.oid
                       GROUP BY tt.alias) m), '[]') AS mappings,
       {{owner "c.cfgowner"}} AS owner
FROM pg_ts_config c
JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser
JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE {{scope "n"}} AND {{notExt "pg_ts_config" "c.oid"}}
