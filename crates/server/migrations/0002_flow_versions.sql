-- Every flow version the server has served, so a confirmation is walked with the version the
-- person saw even after a deploy changed the flow.
CREATE TABLE flow_versions (
    flow_id     TEXT NOT NULL,
    version     TEXT NOT NULL,
    definition  TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    PRIMARY KEY (flow_id, version)
);
