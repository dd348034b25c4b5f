CREATE TABLE ${schema}.t (id int);
INSERT INTO ${schema}.t VALUES (${Value});
