CREATE SCHEMA app;

COMMENT ON SCHEMA app IS 'The shop application: customers, products and their orders.';
