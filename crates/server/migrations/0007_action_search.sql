-- The name and email folded for searching: lower case (all of Unicode, not only ASCII) with
-- accents dropped, so "angela" finds "Ángela". The server writes them with each action; rows
-- stored before this migration have NULL until the server fills them in as it starts (a
-- migration cannot fold text the way Rust does).
ALTER TABLE actions ADD COLUMN name_search TEXT;
ALTER TABLE actions ADD COLUMN email_search TEXT;
