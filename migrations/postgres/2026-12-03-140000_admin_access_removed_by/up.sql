-- Which side ended a grant: removed by the customer, or terminated by the partner.
ALTER TABLE admin_access ADD COLUMN removed_by TEXT CHECK (removed_by IN ('customer', 'partner'));
-- Until now only customers could remove admin access.
UPDATE admin_access SET removed_by = 'customer' WHERE state = 'removed';
