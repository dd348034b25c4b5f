-- Comments on user objects (and on schemas such as public), matched to
-- objects by the reader.
WITH {{params}}
SELECT d.classoid AS class,
       d.objoid AS oid,
       d.objsubid AS sub,
       d.description AS comment
FROM pg_description d
WHERE d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass
