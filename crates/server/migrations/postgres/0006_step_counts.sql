-- Anonymous counts of the nodes people reach, per flow version, node, node they came from
-- ('' for the first node) and UTC day. Nothing here names or follows a person.
-- The PostgreSQL twin of ../0006_step_counts.sql.
CREATE TABLE step_counts (
    flow_id    TEXT COLLATE "C" NOT NULL,
    version    TEXT COLLATE "C" NOT NULL,
    node       TEXT COLLATE "C" NOT NULL,
    from_node  TEXT COLLATE "C" NOT NULL DEFAULT '',
    day        TEXT COLLATE "C" NOT NULL,
    reached    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (flow_id, version, node, from_node, day)
);

CREATE INDEX step_counts_by_day ON step_counts (flow_id, day);
