CREATE TABLE café (naïve text);
-- Grüße, 日本語, emoji 🚀
INSERT INTO café VALUES ('Ωμέγα');

