-- The flags the person's answers set (e.g. prime_purchasing_card_before_2019_04), as a JSON
-- array: what the administrators need to follow up besides the action itself.
-- The PostgreSQL twin of ../0003_action_flags.sql.
ALTER TABLE actions ADD COLUMN flags TEXT COLLATE "C" NOT NULL DEFAULT '[]';
