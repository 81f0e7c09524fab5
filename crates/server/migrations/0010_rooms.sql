-- Classroom rooms: a trainer walks a flow and every attendee's screen follows. A room keeps
-- only the trainer's walk and the open poll; attendees are random ids their tabs made, which
-- say nothing of the person. Ended rooms are deleted a while after they end.
CREATE TABLE rooms (
    code        TEXT PRIMARY KEY,
    -- SHA-256 of the trainer's token, as hex: the token itself is never kept.
    token_hash  TEXT NOT NULL,
    flow        TEXT NOT NULL,
    version     TEXT NOT NULL,
    -- The trainer's answers, a JSON array.
    answers     TEXT NOT NULL,
    -- The open poll as JSON (its node, choices, whether revealed, and its id), or NULL.
    poll        TEXT,
    seq         INTEGER NOT NULL,
    ended       INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
);

-- One answer per attendee and poll: the key makes a second one fail on any instance.
CREATE TABLE room_answers (
    code      TEXT NOT NULL,
    poll      INTEGER NOT NULL,
    attendee  TEXT NOT NULL,
    choice    TEXT NOT NULL,
    PRIMARY KEY (code, poll, attendee)
);

-- Who is connected to a room, through which server instance. Each instance refreshes its
-- rows' `seen_at` while it runs, so the rows of one that died are soon ignored, then removed.
CREATE TABLE room_presence (
    code      TEXT NOT NULL,
    attendee  TEXT NOT NULL,
    instance  TEXT NOT NULL,
    seen_at   TEXT NOT NULL,
    PRIMARY KEY (code, attendee, instance)
);
