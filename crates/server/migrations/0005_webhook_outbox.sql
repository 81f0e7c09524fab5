-- Actions waiting to be delivered to the organisation's webhook. The trigger fills it in the
-- same transaction that stores the action, so an action can never be stored and forgotten.
CREATE TABLE webhook_outbox (
    action_id        INTEGER PRIMARY KEY REFERENCES actions (id),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    delivered_at     TEXT,
    last_error       TEXT
);

CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;

CREATE TRIGGER actions_into_outbox AFTER INSERT ON actions
BEGIN
    INSERT INTO webhook_outbox (action_id, next_attempt_at) VALUES (NEW.id, NEW.created_at);
END;
