//! What a successful OpenID Connect sign-in means for the portal's records: find (or, for a
//! customer's Global Administrator, create) the tenant, create or refresh the user, and audit it,
//! all in one write transaction.

use crate::auth::Identity;
use crate::db::models::{NewAuditEvent, NewTenant, NewUser, Outcome, Tenant, User};
use crate::db::{self, DbConnection};
use crate::domain::AuditAction;
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

    /// For the deployer's log.
    pub fn explanation(self) -> &'static str {
        match self {
            SignInRefusal::UnknownTenant => {
                "the tenant is not registered (partners and operators are registered ahead; a \
                 customer tenant is created only by a global_admin's first sign-in)"
            }
            SignInRefusal::TenantMismatch => {
                "the tenant's recorded kind differs from the claimed tenant kind, or the user \
                 belongs to another tenant"
            }
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
/// `previous_issuers` are issuer strings this deployment used before: a user known under one of
/// them with the same subject is moved to the current issuer instead of getting a second account.
pub fn record_sign_in(
    conn: &mut DbConnection,
    identity: &Identity,
    previous_issuers: &[String],
    meta: &RequestMeta,
) -> Result<(User, Tenant), SignInError> {
    let outcome =
        db::write_transaction(conn, |conn| resolve(conn, identity, previous_issuers, meta));
    if let Err(SignInError::Refused(refusal)) = &outcome {
        record_failure(conn, refusal.reason(), None, meta)?;
    }
    outcome
}

fn resolve(
    conn: &mut DbConnection,
    identity: &Identity,
    previous_issuers: &[String],
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
    let existing = match User::find_by_subject(conn, &identity.issuer, &identity.subject)? {
        Some(user) => Some((user, None)),
        None => find_under_previous_issuer(conn, previous_issuers, &identity.subject)?,
    };
    if let Some((user, _)) = &existing
        && user.tenant_id != tenant.id
    {
        return Err(SignInError::Refused(SignInRefusal::TenantMismatch));
    }
    if let Some((user, Some(old_issuer))) = &existing {
        User::move_to_issuer(conn, &[user.id], &identity.issuer)?;
        NewAuditEvent::new(AuditAction::AuthIssuerMigrated, Outcome::Success)
            .actor(Some(user.id), Some(tenant.id))
            .target("user", user.id)
            .detail(format!("{old_issuer} -> {}", identity.issuer))
            .request(meta.request_id.clone(), meta.client_addr.clone())
            .record(conn, now)?;
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
    NewAuditEvent::new(AuditAction::AuthSignIn, Outcome::Success)
        .actor(Some(user.id), Some(tenant.id))
        .request(meta.request_id.clone(), meta.client_addr.clone())
        .record(conn, now)?;
    Ok((user, tenant))
}

fn find_under_previous_issuer(
    conn: &mut DbConnection,
    previous_issuers: &[String],
    subject: &str,
) -> Result<Option<(User, Option<String>)>, diesel::result::Error> {
    for issuer in previous_issuers {
        if let Some(user) = User::find_by_subject(conn, issuer, subject)? {
            return Ok(Some((user, Some(issuer.clone()))));
        }
    }
    Ok(None)
}

/// What `multipartner migrate-issuer` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerMigration {
    pub moved: usize,
    /// Subjects that already have an account under the new issuer (they signed in after the
    /// change and before the migration): left under the old issuer, to be merged by hand.
    pub conflicts: Vec<String>,
}

/// Moves every user from issuer string `from` to `to`, in one audited transaction.
pub fn migrate_issuer(
    conn: &mut DbConnection,
    from: &str,
    to: &str,
) -> Result<IssuerMigration, diesel::result::Error> {
    db::write_transaction(conn, |conn| {
        let taken: std::collections::HashSet<String> = User::subjects_of_issuer(conn, to)?
            .into_iter()
            .map(|(_, subject)| subject)
            .collect();
        let (conflicting, movable): (Vec<_>, Vec<_>) = User::subjects_of_issuer(conn, from)?
            .into_iter()
            .partition(|(_, subject)| taken.contains(subject));
        let ids: Vec<i64> = movable.iter().map(|(id, _)| *id).collect();
        for chunk in ids.chunks(500) {
            User::move_to_issuer(conn, chunk, to)?;
        }
        let report = IssuerMigration {
            moved: ids.len(),
            conflicts: conflicting.into_iter().map(|(_, s)| s).collect(),
        };
        NewAuditEvent::new(AuditAction::AuthIssuerMigrated, Outcome::Success)
            .detail(format!(
                "{from} -> {to}: {} users moved, {} left (already known under the new issuer)",
                report.moved,
                report.conflicts.len()
            ))
            .record(conn, db::now())?;
        Ok(report)
    })
}

/// Audits a failed sign-in. `reason` is a short code, never token material.
pub fn record_failure(
    conn: &mut DbConnection,
    reason: &str,
    tenant: Option<i64>,
    meta: &RequestMeta,
) -> Result<(), diesel::result::Error> {
    NewAuditEvent::new(AuditAction::AuthSignInFailed, Outcome::Failure)
        .actor(None, tenant)
        .detail(reason)
        .request(meta.request_id.clone(), meta.client_addr.clone())
        .record(conn, db::now())
}
