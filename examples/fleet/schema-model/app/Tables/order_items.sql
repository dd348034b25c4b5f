CREATE TABLE app.order_items (
    order_id          bigint NOT NULL,
    line_no           smallint NOT NULL,
    product_id        integer NOT NULL,
    quantity          integer NOT NULL,
    unit_price_cents  integer NOT NULL,
    CONSTRAINT order_items_pkey PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id)
        REFERENCES app.orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES app.products (id),
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
    CONSTRAINT order_items_unit_price_cents_check CHECK (unit_price_cents >= 0)
);

COMMENT ON TABLE app.order_items IS 'The lines of an order, with the price at the time of purchase.';

CREATE INDEX order_items_product_id_idx ON app.order_items (product_id);

CREATE TRIGGER order_items_refresh_total
    AFTER INSERT OR UPDATE OR DELETE ON app.order_items
    FOR EACH ROW EXECUTE FUNCTION app.refresh_order_total();
