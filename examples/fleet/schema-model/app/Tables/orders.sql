CREATE TABLE app.orders (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    customer_id  bigint NOT NULL,
    status       app.order_status NOT NULL DEFAULT 'pending',
    placed_at    timestamptz NOT NULL DEFAULT now(),
    shipped_at   timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    total_cents  integer NOT NULL DEFAULT 0,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id)
        REFERENCES app.customers (id) ON DELETE RESTRICT,
    CONSTRAINT orders_shipped_after_placed CHECK (shipped_at IS NULL OR shipped_at >= placed_at),
    CONSTRAINT orders_total_cents_check CHECK (total_cents >= 0)
);

COMMENT ON TABLE app.orders IS 'One checkout of one customer.';
COMMENT ON COLUMN app.orders.total_cents IS 'Sum of the order items, maintained by a trigger on app.order_items.';

CREATE INDEX orders_customer_id_idx ON app.orders (customer_id);

-- The fulfilment queue reads open orders only.
CREATE INDEX orders_open_placed_at_idx ON app.orders (placed_at)
    WHERE status IN ('pending', 'paid');

CREATE TRIGGER orders_set_updated_at
    BEFORE UPDATE ON app.orders
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
