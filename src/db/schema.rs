//! Table definitions shared by both backends. Written by hand (not `print-schema`) because
//! SQLite reports `INTEGER` where PostgreSQL has `BIGINT`; both store 64-bit values.

diesel::table! {
    tenants (id) {
        id -> BigInt,
        external_id -> Text,
        kind -> Text,
        name -> Text,
        partner_type -> Nullable<Text>,
        partner_id -> Nullable<Text>,
        default_domain -> Nullable<Text>,
        created_at -> Timestamp,
        active_partner_count -> Integer,
        sort_name -> Text,
    }
}

diesel::table! {
    counters (name, shard) {
        name -> Text,
        shard -> SmallInt,
        value -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        issuer -> Text,
        subject -> Text,
        login -> Text,
        display_name -> Text,
        roles -> Text,
        created_at -> Timestamp,
        last_sign_in_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    provider_resellers (provider_tenant_id, reseller_tenant_id) {
        provider_tenant_id -> BigInt,
        reseller_tenant_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invitations (id) {
        id -> BigInt,
        partner_tenant_id -> BigInt,
        indirect_provider_tenant_id -> Nullable<BigInt>,
        token_hash -> Text,
        access -> Text,
        gdap_roles -> Nullable<Text>,
        gdap_duration_days -> Nullable<Integer>,
        auto_extend -> Bool,
        customer_domain -> Nullable<Text>,
        message -> Nullable<Text>,
        state -> Text,
        created_by_user_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by_user_id -> Nullable<BigInt>,
        customer_tenant_id -> Nullable<BigInt>,
        display_name -> Nullable<Text>,
    }
}

diesel::table! {
    relationships (id) {
        id -> BigInt,
        customer_tenant_id -> BigInt,
        partner_tenant_id -> BigInt,
        relationship_type -> Text,
        provider_tenant_id -> Nullable<BigInt>,
        state -> Text,
        invitation_id -> Nullable<BigInt>,
        established_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
        ended_by_user_id -> Nullable<BigInt>,
        ended_by -> Nullable<Text>,
        end_reason -> Nullable<Text>,
    }
}

diesel::table! {
    admin_access (id) {
        id -> BigInt,
        relationship_id -> BigInt,
        customer_tenant_id -> BigInt,
        partner_tenant_id -> BigInt,
        kind -> Text,
        roles -> Text,
        starts_at -> Timestamp,
        ends_at -> Nullable<Timestamp>,
        auto_extend -> Bool,
        state -> Text,
        invitation_id -> Nullable<BigInt>,
        removed_at -> Nullable<Timestamp>,
        removed_by_user_id -> Nullable<BigInt>,
        removed_by -> Nullable<Text>,
    }
}

diesel::table! {
    offers (id) {
        id -> BigInt,
        sku -> Text,
        name -> Text,
        term -> Text,
        billing -> Text,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> BigInt,
        customer_tenant_id -> BigInt,
        offer_id -> BigInt,
        quantity -> Integer,
        status -> Text,
        term -> Text,
        partner_of_record_tenant_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor_user_id -> Nullable<BigInt>,
        actor_tenant_id -> Nullable<BigInt>,
        action -> Text,
        target_kind -> Nullable<Text>,
        target_id -> Nullable<BigInt>,
        outcome -> Text,
        request_id -> Nullable<Text>,
        client_addr -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    /// Server-side sessions, keyed by the SHA-256 of the session key (see
    /// `web::session_store`).
    sessions (key_hash) {
        key_hash -> Text,
        user_id -> Nullable<BigInt>,
        state -> Text,
        expires_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(subscriptions -> offers (offer_id));

diesel::allow_tables_to_appear_in_same_query!(
    counters,
    tenants,
    users,
    provider_resellers,
    invitations,
    relationships,
    admin_access,
    offers,
    subscriptions,
    audit_events,
    sessions
);
