CREATE TABLE app.t (id int);
INSERT INTO app.t VALUES (42);
