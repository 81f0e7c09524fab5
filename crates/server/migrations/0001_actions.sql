-- Every action a person confirmed: the answers they gave, what the server derived from them,
-- and who they are. The idempotency key makes a repeated confirmation a no-op.
CREATE TABLE actions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    reference        TEXT NOT NULL UNIQUE,
    idempotency_key  TEXT NOT NULL UNIQUE,
    request_hash     TEXT NOT NULL,
    flow_id          TEXT NOT NULL,
    flow_version     TEXT NOT NULL,
    answers          TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    action           TEXT NOT NULL,
    name             TEXT NOT NULL,
    email            TEXT NOT NULL,
    note             TEXT,
    created_at       TEXT NOT NULL
);

CREATE INDEX actions_created_at ON actions (created_at);
