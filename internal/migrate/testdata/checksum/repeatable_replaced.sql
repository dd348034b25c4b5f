CREATE TABLE IF NOT EXISTS app.r (id int);
INSERT INTO app.r VALUES (42); -- Grüße
