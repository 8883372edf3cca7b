DROP INDEX tenants_kind_domain;
DROP INDEX tenants_kind_partners_name;
ALTER TABLE tenants DROP COLUMN active_partner_count;
DROP TABLE counters;
