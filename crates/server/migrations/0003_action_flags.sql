-- The flags the person's answers set (e.g. prime_purchasing_card_before_2019_04), as a JSON
-- array: what the administrators need to follow up besides the action itself.
ALTER TABLE actions ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
