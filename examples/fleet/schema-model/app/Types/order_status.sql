CREATE TYPE app.order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled');

COMMENT ON TYPE app.order_status IS 'Lifecycle of an order; only ever append new values.';
