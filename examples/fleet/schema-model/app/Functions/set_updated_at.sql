CREATE FUNCTION app.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION app.set_updated_at() IS 'Trigger function: stamps updated_at on every update.';
