CREATE VIEW app.customer_order_totals AS
SELECT c.id AS customer_id,
       c.full_name,
       count(o.id) AS orders,
       COALESCE(sum(o.total_cents), 0) AS total_cents,
       max(o.placed_at) AS last_order_at
  FROM app.customers c
  LEFT JOIN app.orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
 GROUP BY c.id, c.full_name;

COMMENT ON VIEW app.customer_order_totals IS 'Lifetime value per customer, cancelled orders excluded.';
