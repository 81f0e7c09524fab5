-- Actions waiting to be delivered to the organisation's webhook. The trigger fills it in the
-- same transaction that stores the action, so an action can never be stored and forgotten.
-- The PostgreSQL twin of ../0005_webhook_outbox.sql.
CREATE TABLE webhook_outbox (
    action_id        BIGINT PRIMARY KEY REFERENCES actions (id),
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  TEXT COLLATE "C" NOT NULL,
    delivered_at     TEXT COLLATE "C",
    last_error       TEXT COLLATE "C"
);

CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;

CREATE FUNCTION actions_into_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_outbox (action_id, next_attempt_at) VALUES (NEW.id, NEW.created_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER actions_into_outbox AFTER INSERT ON actions
    FOR EACH ROW EXECUTE FUNCTION actions_into_outbox();
