//! What a successful OpenID Connect sign-in means for the portal's records: find (or, for a
//! customer's Global Administrator, create) the tenant, create or refresh the user, and audit it,
//! all in one write transaction.

use crate::auth::Identity;
use crate::db::models::{NewAuditEvent, NewTenant, NewUser, Outcome, Tenant, User};
use crate::db::{self, DbConnection};
use crate::domain::{Role, TenantKind};

/// Why a verified identity may still not sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInRefusal {
    /// Partner and operator tenants are registered ahead; customers start with a Global Admin.
    UnknownTenant,
    /// The stored tenant or user belongs to another kind or organisation than the claims say.
    TenantMismatch,
}

impl SignInRefusal {
    pub fn reason(self) -> &'static str {
        match self {
            SignInRefusal::UnknownTenant => "unknown_tenant",
            SignInRefusal::TenantMismatch => "tenant_mismatch",
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            SignInRefusal::UnknownTenant => "signin-error-unknown-tenant",
            SignInRefusal::TenantMismatch => "signin-error-tenant-mismatch",
        }
    }
}

#[derive(Debug)]
pub enum SignInError {
    Refused(SignInRefusal),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for SignInError {
    fn from(e: diesel::result::Error) -> Self {
        SignInError::Db(e)
    }
}

/// Request details recorded with audit events.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

/// Records the sign-in and returns the user. Refusals are audited (and committed) too.
pub fn record_sign_in(
    conn: &mut DbConnection,
    identity: &Identity,
    meta: &RequestMeta,
) -> Result<(User, Tenant), SignInError> {
    let outcome = db::write_transaction(conn, |conn| resolve(conn, identity, meta));
    if let Err(SignInError::Refused(refusal)) = &outcome {
        record_failure(conn, refusal.reason(), None, meta)?;
    }
    outcome
}

fn resolve(
    conn: &mut DbConnection,
    identity: &Identity,
    meta: &RequestMeta,
) -> Result<(User, Tenant), SignInError> {
    let now = db::now();
    let tenant = match Tenant::find_by_external_id(conn, &identity.tenant_external_id)? {
        Some(tenant) => tenant,
        None if identity.tenant_kind == TenantKind::Customer
            && identity.has_role(Role::GlobalAdmin) =>
        {
            let name = identity
                .tenant_name
                .clone()
                .unwrap_or_else(|| identity.tenant_external_id.clone());
            Tenant::insert_if_absent(
                conn,
                &NewTenant {
                    external_id: &identity.tenant_external_id,
                    kind: TenantKind::Customer.as_str(),
                    name: &name,
                    partner_type: None,
                    partner_id: None,
                    default_domain: identity.tenant_domain.as_deref(),
                    created_at: now,
                },
            )?
        }
        None => return Err(SignInError::Refused(SignInRefusal::UnknownTenant)),
    };
    if tenant.tenant_kind() != Some(identity.tenant_kind) {
        return Err(SignInError::Refused(SignInRefusal::TenantMismatch));
    }
    if let Some(existing) = User::find_by_subject(conn, &identity.issuer, &identity.subject)?
        && existing.tenant_id != tenant.id
    {
        return Err(SignInError::Refused(SignInRefusal::TenantMismatch));
    }
    let roles = identity
        .roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let user = User::upsert_at_sign_in(
        conn,
        &NewUser {
            tenant_id: tenant.id,
            issuer: &identity.issuer,
            subject: &identity.subject,
            login: &identity.login,
            display_name: &identity.display_name,
            roles: &roles,
            created_at: now,
            last_sign_in_at: Some(now),
        },
    )?;
    NewAuditEvent::new("auth.sign_in", Outcome::Success)
        .actor(Some(user.id), Some(tenant.id))
        .request(meta.request_id.clone(), meta.client_addr.clone())
        .record(conn, now)?;
    Ok((user, tenant))
}

/// Audits a failed sign-in. `reason` is a short code, never token material.
pub fn record_failure(
    conn: &mut DbConnection,
    reason: &str,
    tenant: Option<i64>,
    meta: &RequestMeta,
) -> Result<(), diesel::result::Error> {
    NewAuditEvent::new("auth.sign_in_failed", Outcome::Failure)
        .actor(None, tenant)
        .detail(reason)
        .request(meta.request_id.clone(), meta.client_addr.clone())
        .record(conn, db::now())
}
