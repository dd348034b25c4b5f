CREATE TABLE app.customers (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    email       app.email NOT NULL,
    full_name   text NOT NULL,
    country     char(2) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_pkey PRIMARY KEY (id),
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_country_check CHECK (country ~ '^[A-Z]{2}$')
);

COMMENT ON TABLE app.customers IS 'People who can place orders.';
COMMENT ON COLUMN app.customers.country IS 'ISO 3166-1 alpha-2 country code.';

CREATE INDEX customers_country_idx ON app.customers (country);

CREATE TRIGGER customers_set_updated_at
    BEFORE UPDATE ON app.customers
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
