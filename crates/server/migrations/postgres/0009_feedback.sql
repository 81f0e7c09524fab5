-- "Did this solve it?" on self-service outcomes: one row per answer, with the flow version,
-- the outcome, the UTC day and, if the person wrote one, what did not work. Nothing here names
-- or follows a person: no name, email, address, answers or time of day.
-- The PostgreSQL twin of ../0009_feedback.sql.
CREATE TABLE feedback (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    flow_id  TEXT COLLATE "C" NOT NULL,
    version  TEXT COLLATE "C" NOT NULL,
    outcome  TEXT COLLATE "C" NOT NULL,
    day      TEXT COLLATE "C" NOT NULL,
    solved   BOOLEAN NOT NULL,
    comment  TEXT
);

CREATE INDEX feedback_by_day ON feedback (flow_id, day);
