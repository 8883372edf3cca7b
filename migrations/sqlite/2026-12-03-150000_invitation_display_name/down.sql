ALTER TABLE invitations DROP COLUMN display_name;
