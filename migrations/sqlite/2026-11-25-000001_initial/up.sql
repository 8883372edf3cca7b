-- Initial schema (SQLite). Keep in step with migrations/postgres and src/db/schema.rs.
-- Timestamps are UTC, stored as ISO text by diesel; ids are 64-bit integers.

CREATE TABLE tenants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id TEXT NOT NULL UNIQUE,          -- the identity provider's tenant id claim
    kind TEXT NOT NULL CHECK (kind IN ('partner', 'customer', 'operator')),
    name TEXT NOT NULL,
    partner_type TEXT CHECK (partner_type IN ('direct_reseller', 'indirect_provider', 'indirect_reseller')),
    partner_id TEXT UNIQUE,                    -- public numeric Partner ID
    default_domain TEXT UNIQUE,                -- customers: e.g. contoso.partner.onmschina.cn
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX tenants_kind_name ON tenants (kind, name, id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    login TEXT NOT NULL,
    display_name TEXT NOT NULL,
    roles TEXT NOT NULL,                       -- comma-separated domain roles
    created_at TIMESTAMP NOT NULL,
    last_sign_in_at TIMESTAMP,
    UNIQUE (issuer, subject)
);
CREATE INDEX users_tenant ON users (tenant_id);

-- Which indirect resellers an indirect provider works with (two-tier channel).
CREATE TABLE provider_resellers (
    provider_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    reseller_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (provider_tenant_id, reseller_tenant_id)
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    indirect_provider_tenant_id BIGINT REFERENCES tenants (id),
    token_hash TEXT NOT NULL UNIQUE,           -- SHA-256 of the link token; the token itself is never stored
    access TEXT NOT NULL CHECK (access IN ('reseller', 'reseller_dap', 'reseller_gdap')),
    gdap_roles TEXT,                           -- comma-separated role slugs
    gdap_duration_days INTEGER,
    auto_extend BOOLEAN NOT NULL DEFAULT 0,
    customer_domain TEXT,
    message TEXT,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'revoked', 'expired')),
    created_by_user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    decided_by_user_id BIGINT REFERENCES users (id),
    customer_tenant_id BIGINT REFERENCES tenants (id)
);
CREATE INDEX invitations_created ON invitations (created_at, id);
CREATE INDEX invitations_partner_created ON invitations (partner_tenant_id, created_at, id);
CREATE INDEX invitations_state_created ON invitations (state, created_at, id);

CREATE TABLE relationships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    partner_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    relationship_type TEXT NOT NULL CHECK (relationship_type IN ('direct_reseller', 'indirect_provider', 'indirect_reseller')),
    provider_tenant_id BIGINT REFERENCES tenants (id),
    state TEXT NOT NULL CHECK (state IN ('active', 'ended')),
    invitation_id BIGINT REFERENCES invitations (id),
    established_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    ended_by_user_id BIGINT REFERENCES users (id),
    ended_by TEXT CHECK (ended_by IN ('customer', 'partner')),
    end_reason TEXT
);
-- At most one active relationship per customer–partner pair.
CREATE UNIQUE INDEX relationships_one_active ON relationships (customer_tenant_id, partner_tenant_id) WHERE state = 'active';
CREATE INDEX relationships_established ON relationships (established_at, id);
CREATE INDEX relationships_partner_established ON relationships (partner_tenant_id, established_at, id);
CREATE INDEX relationships_customer_established ON relationships (customer_tenant_id, established_at, id);
CREATE INDEX relationships_state_established ON relationships (state, established_at, id);
CREATE INDEX relationships_type_established ON relationships (relationship_type, established_at, id);

CREATE TABLE admin_access (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    relationship_id BIGINT NOT NULL REFERENCES relationships (id),
    customer_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    partner_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    kind TEXT NOT NULL CHECK (kind IN ('dap', 'gdap')),
    roles TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP,
    auto_extend BOOLEAN NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('active', 'expired', 'removed')),
    invitation_id BIGINT REFERENCES invitations (id),
    removed_at TIMESTAMP,
    removed_by_user_id BIGINT REFERENCES users (id)
);
CREATE INDEX admin_access_relationship ON admin_access (relationship_id);
CREATE INDEX admin_access_customer_partner ON admin_access (customer_tenant_id, partner_tenant_id);
CREATE INDEX admin_access_state_ends ON admin_access (state, ends_at, id);

CREATE TABLE offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    term TEXT NOT NULL,
    billing TEXT NOT NULL
);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    offer_id BIGINT NOT NULL REFERENCES offers (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    status TEXT NOT NULL,
    term TEXT NOT NULL,
    partner_of_record_tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_tenant_id, id);
CREATE INDEX subscriptions_partner_customer ON subscriptions (partner_of_record_tenant_id, customer_tenant_id, id);

-- Append-only audit trail; never holds a token or a secret.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TIMESTAMP NOT NULL,
    actor_user_id BIGINT REFERENCES users (id),
    actor_tenant_id BIGINT REFERENCES tenants (id),
    action TEXT NOT NULL,
    target_kind TEXT,
    target_id BIGINT,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    request_id TEXT,
    client_addr TEXT,
    detail TEXT
);
CREATE INDEX audit_occurred ON audit_events (occurred_at, id);
CREATE INDEX audit_actor_tenant_occurred ON audit_events (actor_tenant_id, occurred_at, id);
CREATE INDEX audit_action_occurred ON audit_events (action, occurred_at, id);
