DROP INDEX tenants_kind_sort_name;
ALTER TABLE tenants DROP COLUMN sort_name;
DROP INDEX tenants_kind_domain;
ALTER TABLE tenants DROP COLUMN active_partner_count;
DROP TABLE counters;
