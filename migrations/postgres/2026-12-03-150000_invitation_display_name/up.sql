-- An optional name the partner gives an invitation (Graph's displayName), to tell them apart.
ALTER TABLE invitations ADD COLUMN display_name TEXT;
