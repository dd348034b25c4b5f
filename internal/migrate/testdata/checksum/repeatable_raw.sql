CREATE TABLE IF NOT EXISTS ${schema}.r (id int);
INSERT INTO ${schema}.r VALUES (${Value}); -- Grüße
