ALTER TABLE admin_access DROP COLUMN removed_by;
