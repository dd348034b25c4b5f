CREATE DOMAIN app.email AS text
    CONSTRAINT email_format CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');

COMMENT ON DOMAIN app.email IS 'An e-mail address, compared case-sensitively as entered.';
