-- Classroom rooms: a trainer walks a flow and every attendee's screen follows. A room keeps
-- only the trainer's walk and the open poll; attendees are random ids their tabs made, which
-- say nothing of the person. Ended rooms are deleted a while after they end.
-- The PostgreSQL twin of ../0010_rooms.sql.
CREATE TABLE rooms (
    code        TEXT COLLATE "C" PRIMARY KEY,
    token_hash  TEXT COLLATE "C" NOT NULL,
    flow        TEXT COLLATE "C" NOT NULL,
    version     TEXT COLLATE "C" NOT NULL,
    answers     TEXT NOT NULL,
    poll        TEXT,
    seq         BIGINT NOT NULL,
    ended       BOOLEAN NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE room_answers (
    code      TEXT COLLATE "C" NOT NULL,
    poll      BIGINT NOT NULL,
    attendee  TEXT COLLATE "C" NOT NULL,
    choice    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (code, poll, attendee)
);

CREATE TABLE room_presence (
    code      TEXT COLLATE "C" NOT NULL,
    attendee  TEXT COLLATE "C" NOT NULL,
    instance  TEXT COLLATE "C" NOT NULL,
    seen_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (code, attendee, instance)
);
