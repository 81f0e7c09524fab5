-- Where each action stands in the administrators' queue, and who moved it there when.
ALTER TABLE actions ADD COLUMN status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'in_progress', 'done', 'dismissed'));
ALTER TABLE actions ADD COLUMN status_changed_by TEXT;
ALTER TABLE actions ADD COLUMN status_changed_at TEXT;

CREATE INDEX actions_status ON actions (status, created_at);
