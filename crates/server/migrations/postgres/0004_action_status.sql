-- Where each action stands in the administrators' queue, and who moved it there when.
-- The PostgreSQL twin of ../0004_action_status.sql.
ALTER TABLE actions ADD COLUMN status TEXT COLLATE "C" NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'in_progress', 'done', 'dismissed'));
ALTER TABLE actions ADD COLUMN status_changed_by TEXT COLLATE "C";
ALTER TABLE actions ADD COLUMN status_changed_at TEXT COLLATE "C";

CREATE INDEX actions_status ON actions (status, created_at);
