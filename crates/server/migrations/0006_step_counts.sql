-- Anonymous counts of the nodes people reach, per flow version, node, node they came from
-- ('' for the first node) and UTC day. Nothing here names or follows a person.
CREATE TABLE step_counts (
    flow_id    TEXT NOT NULL,
    version    TEXT NOT NULL,
    node       TEXT NOT NULL,
    from_node  TEXT NOT NULL DEFAULT '',
    day        TEXT NOT NULL,
    reached    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (flow_id, version, node, from_node, day)
) WITHOUT ROWID;

CREATE INDEX step_counts_by_day ON step_counts (flow_id, day);
