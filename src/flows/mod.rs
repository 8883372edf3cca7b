//! The multi-partner operations. Each is one write transaction: gather the facts, ask
//! `crate::policy`, write, and record the audit event in the same transaction. Refusals are
//! audited in a transaction of their own after the rollback. Nothing here writes to the
//! subscriptions table except `orders::place_order`, which only inserts (the tests fingerprint
//! every subscription row around each flow: `subscription_fingerprint`).

pub mod acceptance;
pub mod admin;
pub mod customer;
pub mod expiry;
pub mod invitations;
pub mod orders;
pub mod partner;

use crate::auth::CurrentUser;
use crate::auth::accounts::RequestMeta;
use crate::db::models::{NewAuditEvent, Outcome};
use crate::db::{self, DbConnection};
use crate::domain::AuditAction;
use crate::policy::{AcceptRefusal, Action, Actor, Ownership, Refusal, authorize};

/// Who is acting, and from where.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Actor,
    pub user_id: i64,
    pub meta: RequestMeta,
}

impl Ctx {
    pub fn new(user: &CurrentUser, meta: RequestMeta) -> Ctx {
        Ctx {
            actor: Actor {
                tenant_id: user.tenant.id,
                tenant_kind: user.kind,
                partner_type: user.tenant.partner_type(),
                roles: user.roles.clone(),
            },
            user_id: user.user.id,
            meta,
        }
    }

    pub fn tenant_id(&self) -> i64 {
        self.actor.tenant_id
    }

    /// An audit event with this actor and request.
    pub fn event(&self, action: AuditAction, outcome: Outcome) -> NewAuditEvent {
        NewAuditEvent::new(action, outcome)
            .actor(Some(self.user_id), Some(self.actor.tenant_id))
            .request(self.meta.request_id.clone(), self.meta.client_addr.clone())
    }

    /// Policy check; another tenant's object is `NotFound`, a missing role `Forbidden`.
    pub fn authorize(&self, action: Action, ownership: Ownership) -> Result<(), FlowError> {
        authorize(&self.actor, action, ownership)
            .into_result()
            .map_err(|refusal| match refusal {
                Refusal::NotFound => FlowError::NotFound,
                Refusal::Forbidden => FlowError::Forbidden,
            })
    }
}

pub fn ownership(owner: i64, actor_tenant: i64) -> Ownership {
    if owner == actor_tenant {
        Ownership::Own
    } else {
        Ownership::OtherTenant
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    /// Missing, or another tenant's (which must look the same).
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Bad input; the message key says what.
    #[error("invalid: {0}")]
    Invalid(&'static str),
    /// Not possible in the object's current state; the message key says why.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("refused: {0}")]
    Refused(AcceptRefusal),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

impl FlowError {
    /// Refusals worth an audit event (not database failures).
    fn audit_reason(&self) -> Option<(&'static str, Outcome)> {
        match self {
            FlowError::NotFound => Some(("not_found", Outcome::Denied)),
            FlowError::Forbidden => Some(("forbidden", Outcome::Denied)),
            FlowError::Invalid(key) | FlowError::Conflict(key) => Some((key, Outcome::Failure)),
            FlowError::Refused(refusal) => Some((refusal_reason(*refusal), Outcome::Denied)),
            FlowError::Db(_) => None,
        }
    }
}

pub fn refusal_reason(refusal: AcceptRefusal) -> &'static str {
    match refusal {
        AcceptRefusal::NotCustomerGlobalAdmin => "not_customer_global_admin",
        AcceptRefusal::WrongCustomer => "wrong_customer",
        AcceptRefusal::Expired => "expired",
        AcceptRefusal::Revoked => "revoked",
        AcceptRefusal::AlreadyUsed => "already_used",
        AcceptRefusal::AlreadyPartnerNothingNew => "already_partner",
    }
}

/// Runs `f` as one write transaction; a refusal is rolled back and then audited as
/// `action` with the refusal's reason.
pub fn run<T>(
    conn: &mut DbConnection,
    ctx: &Ctx,
    action: AuditAction,
    target: (&'static str, Option<i64>),
    f: impl FnOnce(&mut DbConnection) -> Result<T, FlowError>,
) -> Result<T, FlowError> {
    let result = db::write_transaction(conn, f);
    if let Err(err) = &result
        && let Some((reason, outcome)) = err.audit_reason()
    {
        let mut event = ctx.event(action, outcome).detail(reason);
        if let (kind, Some(id)) = target {
            event = event.target(kind, id);
        }
        event.record(conn, db::now())?;
    }
    result
}

/// A detail read of one object: when it comes back `NotFound` (absent, or not the actor's:
/// both are answered 404), the refusal is audited as `access.denied` before it is returned.
/// Reads are not wrapped in `run`, so this is their audit.
pub fn audited_read<T>(
    conn: &mut DbConnection,
    ctx: &Ctx,
    target_kind: &'static str,
    target_id: i64,
    read: impl FnOnce(&mut DbConnection) -> Result<T, FlowError>,
) -> Result<T, FlowError> {
    match read(conn) {
        Err(FlowError::NotFound) => {
            ctx.event(AuditAction::AccessDenied, Outcome::Denied)
                .target(target_kind, target_id)
                .record(conn, db::now())?;
            Err(FlowError::NotFound)
        }
        other => other,
    }
}
