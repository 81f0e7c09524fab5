-- Every flow version the server has served, so a confirmation is walked with the version the
-- person saw even after a deploy changed the flow. The PostgreSQL twin of ../0002_flow_versions.sql.
CREATE TABLE flow_versions (
    flow_id     TEXT COLLATE "C" NOT NULL,
    version     TEXT COLLATE "C" NOT NULL,
    definition  TEXT COLLATE "C" NOT NULL,
    first_seen  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (flow_id, version)
);
