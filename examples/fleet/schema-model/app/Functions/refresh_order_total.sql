CREATE FUNCTION app.refresh_order_total() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    affected bigint := COALESCE(NEW.order_id, OLD.order_id);
BEGIN
    UPDATE app.orders o
       SET total_cents = COALESCE((
               SELECT sum(i.quantity * i.unit_price_cents)
                 FROM app.order_items i
                WHERE i.order_id = affected), 0)
     WHERE o.id = affected;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION app.refresh_order_total() IS 'Trigger function: keeps app.orders.total_cents equal to the sum of its items.';
