-- "Did this solve it?" on self-service outcomes: one row per answer, with the flow version,
-- the outcome, the UTC day and, if the person wrote one, what did not work. Nothing here names
-- or follows a person: no name, email, address, answers or time of day.
CREATE TABLE feedback (
    id       INTEGER PRIMARY KEY,
    flow_id  TEXT NOT NULL,
    version  TEXT NOT NULL,
    outcome  TEXT NOT NULL,
    day      TEXT NOT NULL,
    solved   INTEGER NOT NULL,
    comment  TEXT
);

CREATE INDEX feedback_by_day ON feedback (flow_id, day);
