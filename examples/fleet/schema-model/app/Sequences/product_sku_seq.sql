CREATE SEQUENCE app.product_sku_seq
    AS integer
    START WITH 10000
    INCREMENT BY 1
    NO CYCLE;

COMMENT ON SEQUENCE app.product_sku_seq IS 'Numbers the SKUs of new products (SKU-10000, SKU-10001, ...).';
