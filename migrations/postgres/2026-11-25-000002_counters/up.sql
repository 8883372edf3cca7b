-- Counts for the operator overview, maintained in the same transaction as the changes they
-- count, so the overview never scans a large table. Each counter is spread over a few shards
-- (rows) so concurrent writers rarely wait on the same row; readers add the shards up.
CREATE TABLE counters (
    name TEXT NOT NULL,
    shard SMALLINT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (name, shard)
);

-- How many active partners each customer has (the multi-partner filter and counter).
ALTER TABLE tenants ADD COLUMN active_partner_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tenants_kind_domain ON tenants (kind, default_domain, id);

-- Lower-case name for case-insensitive prefix search and alphabetical listing by index.
ALTER TABLE tenants ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE tenants SET sort_name = lower(name);
CREATE INDEX tenants_kind_sort_name ON tenants (kind, sort_name, id);

UPDATE tenants SET active_partner_count = (
    SELECT COUNT(*) FROM relationships r
    WHERE r.customer_tenant_id = tenants.id AND r.state = 'active'
) WHERE kind = 'customer';

INSERT INTO counters (name, shard, value) VALUES
    ('customers', 0, 0),
    ('customers', 1, 0),
    ('customers', 2, 0),
    ('customers', 3, 0),
    ('customers', 4, 0),
    ('customers', 5, 0),
    ('customers', 6, 0),
    ('customers', 7, 0),
    ('customers_multi_partner', 0, 0),
    ('customers_multi_partner', 1, 0),
    ('customers_multi_partner', 2, 0),
    ('customers_multi_partner', 3, 0),
    ('customers_multi_partner', 4, 0),
    ('customers_multi_partner', 5, 0),
    ('customers_multi_partner', 6, 0),
    ('customers_multi_partner', 7, 0),
    ('relationships_active.direct_reseller', 0, 0),
    ('relationships_active.direct_reseller', 1, 0),
    ('relationships_active.direct_reseller', 2, 0),
    ('relationships_active.direct_reseller', 3, 0),
    ('relationships_active.direct_reseller', 4, 0),
    ('relationships_active.direct_reseller', 5, 0),
    ('relationships_active.direct_reseller', 6, 0),
    ('relationships_active.direct_reseller', 7, 0),
    ('relationships_active.indirect_provider', 0, 0),
    ('relationships_active.indirect_provider', 1, 0),
    ('relationships_active.indirect_provider', 2, 0),
    ('relationships_active.indirect_provider', 3, 0),
    ('relationships_active.indirect_provider', 4, 0),
    ('relationships_active.indirect_provider', 5, 0),
    ('relationships_active.indirect_provider', 6, 0),
    ('relationships_active.indirect_provider', 7, 0),
    ('relationships_active.indirect_reseller', 0, 0),
    ('relationships_active.indirect_reseller', 1, 0),
    ('relationships_active.indirect_reseller', 2, 0),
    ('relationships_active.indirect_reseller', 3, 0),
    ('relationships_active.indirect_reseller', 4, 0),
    ('relationships_active.indirect_reseller', 5, 0),
    ('relationships_active.indirect_reseller', 6, 0),
    ('relationships_active.indirect_reseller', 7, 0),
    ('admin_access_active.dap', 0, 0),
    ('admin_access_active.dap', 1, 0),
    ('admin_access_active.dap', 2, 0),
    ('admin_access_active.dap', 3, 0),
    ('admin_access_active.dap', 4, 0),
    ('admin_access_active.dap', 5, 0),
    ('admin_access_active.dap', 6, 0),
    ('admin_access_active.dap', 7, 0),
    ('admin_access_active.gdap', 0, 0),
    ('admin_access_active.gdap', 1, 0),
    ('admin_access_active.gdap', 2, 0),
    ('admin_access_active.gdap', 3, 0),
    ('admin_access_active.gdap', 4, 0),
    ('admin_access_active.gdap', 5, 0),
    ('admin_access_active.gdap', 6, 0),
    ('admin_access_active.gdap', 7, 0),
    ('invitations_pending', 0, 0),
    ('invitations_pending', 1, 0),
    ('invitations_pending', 2, 0),
    ('invitations_pending', 3, 0),
    ('invitations_pending', 4, 0),
    ('invitations_pending', 5, 0),
    ('invitations_pending', 6, 0),
    ('invitations_pending', 7, 0);

UPDATE counters SET value = (SELECT COUNT(*) FROM tenants WHERE kind = 'customer')
WHERE name = 'customers' AND shard = 0;
UPDATE counters SET value = (SELECT COUNT(*) FROM tenants WHERE kind = 'customer' AND active_partner_count >= 2)
WHERE name = 'customers_multi_partner' AND shard = 0;
UPDATE counters SET value = (SELECT COUNT(*) FROM relationships WHERE state = 'active'
    AND 'relationships_active.' || relationship_type = counters.name)
WHERE name LIKE 'relationships_active.%' AND shard = 0;
UPDATE counters SET value = (SELECT COUNT(*) FROM admin_access WHERE state = 'active'
    AND 'admin_access_active.' || kind = counters.name)
WHERE name LIKE 'admin_access_active.%' AND shard = 0;
UPDATE counters SET value = (SELECT COUNT(*) FROM invitations WHERE state = 'pending')
WHERE name = 'invitations_pending' AND shard = 0;
