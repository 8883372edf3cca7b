//! Partners create, reissue (a new link for a pending invitation) and revoke reseller
//! relationship invitations.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::invitation::{Invitation, NewInvitation};
use crate::db::models::{Outcome, Tenant};
use crate::domain::AuditAction;
use crate::domain::{
    CustomerDomain, GdapRole, InvitationExpiry, InvitationMessage, InvitationState, InvitationToken,
};
use crate::flows::{Ctx, FlowError, ownership, run};
use crate::policy::{Action, Ownership, PolicyError, RequestedAccess, check_indirect_provider};

/// A validated invitation request (see `crate::forms::invitation`).
#[derive(Debug, Clone)]
pub struct InvitationRequest {
    pub access: RequestedAccess,
    pub customer_domain: Option<CustomerDomain>,
    pub message: Option<InvitationMessage>,
    pub expiry: InvitationExpiry,
    /// An indirect reseller names the indirect provider it acts for.
    pub indirect_provider: Option<i64>,
    /// The partner's own name for the invitation (Graph's `displayName`).
    pub display_name: Option<String>,
}

/// The new invitation and its link token. The token exists only here: it is shown once and
/// only its hash is stored.
pub struct Created {
    pub invitation: Invitation,
    pub token: InvitationToken,
}

pub fn create(
    conn: &mut DbConnection,
    ctx: &Ctx,
    request: &InvitationRequest,
    now: NaiveDateTime,
) -> Result<Created, FlowError> {
    run(
        conn,
        ctx,
        AuditAction::InvitationCreate,
        ("invitation", None),
        |conn| {
            ctx.authorize(Action::CreateInvitation, Ownership::None)?;
            if let Some(action) = Action::for_invitation_access(request.access.kind()) {
                ctx.authorize(action, Ownership::None)?;
            }
            let partner_type = ctx.actor.partner_type.ok_or(FlowError::Forbidden)?;
            let associated = match request.indirect_provider {
                Some(provider) => Tenant::is_associated(conn, provider, ctx.tenant_id())?,
                None => false,
            };
            check_indirect_provider(partner_type, request.indirect_provider, associated).map_err(
                |e| match e {
                    PolicyError::ProviderRequired => {
                        FlowError::Invalid("invitation-error-provider-required")
                    }
                    PolicyError::ProviderNotAllowed(_) => {
                        FlowError::Invalid("invitation-error-provider-not-allowed")
                    }
                    PolicyError::ProviderNotAssociated => {
                        FlowError::Invalid("invitation-error-provider-not-associated")
                    }
                },
            )?;

            let token = InvitationToken::generate();
            let hash = token.hash();
            let (roles, duration, auto_extend) = match &request.access {
                RequestedAccess::ResellerGdap(gdap) => (
                    Some(GdapRole::encode_list(gdap.roles())),
                    Some(gdap.duration().days() as i32),
                    gdap.auto_extend(),
                ),
                _ => (None, None, false),
            };
            let expires_at = request.expiry.expires_at(now.and_utc()).naive_utc();
            let invitation = Invitation::insert(
                conn,
                &NewInvitation {
                    partner_tenant_id: ctx.tenant_id(),
                    indirect_provider_tenant_id: request.indirect_provider,
                    token_hash: hash.as_str(),
                    access: request.access.kind(),
                    gdap_roles: roles.as_deref(),
                    gdap_duration_days: duration,
                    auto_extend,
                    customer_domain: request.customer_domain.as_ref().map(|d| d.as_str()),
                    message: request.message.as_ref().map(InvitationMessage::as_str),
                    state: InvitationState::Pending,
                    created_by_user_id: ctx.user_id,
                    created_at: now,
                    expires_at,
                    display_name: request.display_name.as_deref(),
                },
            )?;
            ctx.event(AuditAction::InvitationCreate, Outcome::Success)
                .target("invitation", invitation.id)
                .detail(request.access.kind().as_str())
                .record(conn, now)?;
            Ok(Created { invitation, token })
        },
    )
}

/// One of the partner's own invitations (another partner's is `NotFound`).
pub fn find_own(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
    action: Action,
) -> Result<Invitation, FlowError> {
    let invitation = Invitation::find(conn, id)?;
    let owner = invitation.as_ref().map(|i| i.partner_tenant_id);
    match owner {
        None => Err(FlowError::NotFound),
        Some(owner) => {
            ctx.authorize(action, ownership(owner, ctx.tenant_id()))?;
            invitation.ok_or(FlowError::NotFound)
        }
    }
}

/// One of the partner's own invitations that the actor may revoke: one they created, or, for
/// an admin agent, a colleague's too. Another partner's is `NotFound`, a colleague's for a
/// sales agent `Forbidden`.
pub fn find_revocable(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> Result<Invitation, FlowError> {
    let invitation = find_own(conn, ctx, id, Action::RevokeInvitation)?;
    ctx.authorize(
        Action::for_revoking(invitation.created_by_user_id == ctx.user_id),
        Ownership::Own,
    )?;
    Ok(invitation)
}

/// Whether the actor may revoke this (own tenant's) invitation, for offering the button.
pub fn may_revoke(ctx: &Ctx, invitation: &Invitation) -> bool {
    ctx.authorize(
        Action::for_revoking(invitation.created_by_user_id == ctx.user_id),
        Ownership::Own,
    )
    .is_ok()
}

pub fn revoke(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    run(
        conn,
        ctx,
        AuditAction::InvitationRevoke,
        ("invitation", Some(id)),
        |conn| {
            let invitation = find_revocable(conn, ctx, id)?;
            // An invitation whose time is up is expired, even before the sweep records it.
            let state = crate::domain::invitation::effective_state(
                invitation.state,
                invitation.expires_at.and_utc(),
                now.and_utc(),
            );
            if state != InvitationState::Pending
                || !Invitation::revoke(conn, id, ctx.tenant_id(), ctx.user_id, now)?
            {
                return Err(FlowError::Conflict("invitation-error-not-pending"));
            }
            ctx.event(AuditAction::InvitationRevoke, Outcome::Success)
                .target("invitation", id)
                .record(conn, now)?;
            Ok(())
        },
    )
}

/// A new link for a pending invitation, shown once: the old link answers like any unknown
/// link from now on. Who may revoke an invitation may reissue it (its creator; an admin agent
/// a colleague's too). Everything else about it stays, its expiry included.
pub fn reissue(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
    now: NaiveDateTime,
) -> Result<Created, FlowError> {
    run(
        conn,
        ctx,
        AuditAction::InvitationReissue,
        ("invitation", Some(id)),
        |conn| {
            let invitation = find_revocable(conn, ctx, id)?;
            let state = crate::domain::invitation::effective_state(
                invitation.state,
                invitation.expires_at.and_utc(),
                now.and_utc(),
            );
            let token = InvitationToken::generate();
            if state != InvitationState::Pending
                || !Invitation::replace_token(conn, id, ctx.tenant_id(), token.hash().as_str())?
            {
                return Err(FlowError::Conflict("invitation-error-not-pending"));
            }
            ctx.event(AuditAction::InvitationReissue, Outcome::Success)
                .target("invitation", id)
                .record(conn, now)?;
            let invitation = Invitation::find(conn, id)?.ok_or(FlowError::NotFound)?;
            Ok(Created { invitation, token })
        },
    )
}
