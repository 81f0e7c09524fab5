-- Finds the other actions with the same email and action, which the queue reads for every
-- action it lists, to mark possible duplicates. Emails are stored lower case.
CREATE INDEX actions_email_action ON actions (email, action, created_at);
