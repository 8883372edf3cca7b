//! A customer's Global Administrator opens an invitation link and accepts or declines it.
//! Acceptance is one transaction: a conditional update of the invitation (exactly one row),
//! the relationship(s), the admin access and the audit events. It never touches subscriptions.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::admin_access::{AdminAccess, NewAdminAccess as NewAccessRow};
use crate::db::models::relationship::NewRelationship as NewRelationshipRow;
use crate::db::models::{Invitation, Outcome, Relationship, Tenant};
use crate::domain::AuditAction;
use crate::domain::{
    AdminAccessKind, AdminAccessState, CustomerDomain, GdapDuration, GdapRequest, GdapRole,
    InvitationAccess, InvitationState, RelationshipState, TokenHash,
};
use crate::flows::{Ctx, FlowError, run};
use crate::policy::{
    AcceptRefusal, AcceptanceInput, AcceptancePlan, AccessDifference, DeclineInput,
    ExistingPartner, HeldAccess, InvitationFacts, Inviter, RequestedAccess, compare_access,
    decide_acceptance, decide_decline,
};

/// What the acceptance page shows.
pub struct LinkView {
    pub invitation: Invitation,
    pub partner: Tenant,
    pub provider: Option<Tenant>,
    /// The customer's current partners (they stay).
    pub current_partners: Vec<Tenant>,
    /// What accepting would do, or why it cannot be done.
    pub decision: Result<AcceptancePlan, AcceptRefusal>,
    /// What the invitation asks for against what the inviting partner holds.
    pub access_difference: AccessDifference,
}

/// The facts the policy needs about a stored invitation.
fn facts(invitation: &Invitation, partner: &Tenant) -> Result<InvitationFacts, FlowError> {
    let broken = |_| FlowError::Conflict("invitation-error-broken");
    let inviter = Inviter::new(
        partner.id,
        partner
            .partner_type()
            .ok_or(FlowError::Conflict("invitation-error-broken"))?,
        invitation.indirect_provider_tenant_id,
    )
    .map_err(broken)?;
    let access = match invitation.access {
        InvitationAccess::Reseller => RequestedAccess::Reseller,
        InvitationAccess::ResellerDap => RequestedAccess::ResellerDap,
        InvitationAccess::ResellerGdap => {
            let roles = GdapRole::decode_list(invitation.gdap_roles.as_deref().unwrap_or(""))
                .map_err(|_| FlowError::Conflict("invitation-error-broken"))?;
            let days = invitation.gdap_duration_days.unwrap_or(0).max(0) as u32;
            let duration = GdapDuration::new(days)
                .map_err(|_| FlowError::Conflict("invitation-error-broken"))?;
            RequestedAccess::ResellerGdap(
                GdapRequest::new(roles, duration, invitation.auto_extend)
                    .map_err(|_| FlowError::Conflict("invitation-error-broken"))?,
            )
        }
    };
    Ok(InvitationFacts {
        state: invitation.state,
        expires_at: invitation.expires_at.and_utc(),
        bound_domain: invitation
            .customer_domain
            .as_deref()
            .and_then(|d| CustomerDomain::parse(d).ok()),
        inviter,
        access,
    })
}

struct Loaded {
    invitation: Invitation,
    partner: Tenant,
    provider: Option<Tenant>,
    customer: Tenant,
    facts: InvitationFacts,
    existing: Vec<ExistingPartner>,
}

fn load(
    conn: &mut DbConnection,
    ctx: &Ctx,
    hash: &TokenHash,
    now: NaiveDateTime,
) -> Result<Loaded, FlowError> {
    let mut loaded = load_invitation(conn, ctx, hash)?;
    loaded.existing = existing_partners(conn, &loaded, now)?;
    Ok(loaded)
}

/// The invitation, its partner(s) and the deciding customer.
fn load_invitation(
    conn: &mut DbConnection,
    ctx: &Ctx,
    hash: &TokenHash,
) -> Result<Loaded, FlowError> {
    let invitation =
        Invitation::find_by_token_hash(conn, hash.as_str())?.ok_or(FlowError::NotFound)?;
    let partner = Tenant::find(conn, invitation.partner_tenant_id)?.ok_or(FlowError::NotFound)?;
    let provider = match invitation.indirect_provider_tenant_id {
        Some(id) => Tenant::find(conn, id)?,
        None => None,
    };
    let customer = Tenant::find(conn, ctx.tenant_id())?.ok_or(FlowError::NotFound)?;
    let facts = facts(&invitation, &partner)?;
    Ok(Loaded {
        invitation,
        partner,
        provider,
        customer,
        facts,
        existing: Vec::new(),
    })
}

/// Which of the invitation's partners already work with this customer, and whether they hold
/// admin access in force.
fn existing_partners(
    conn: &mut DbConnection,
    loaded: &Loaded,
    now: NaiveDateTime,
) -> Result<Vec<ExistingPartner>, FlowError> {
    let mut existing = Vec::new();
    let involved = [
        Some(loaded.partner.id),
        loaded.invitation.indirect_provider_tenant_id,
    ];
    for partner_id in involved.into_iter().flatten() {
        if Relationship::active_between(conn, loaded.customer.id, partner_id)?.is_some() {
            let mut held = HeldAccess::default();
            for grant in AdminAccess::between(conn, loaded.customer.id, partner_id)? {
                if grant.effective_state(now) != AdminAccessState::Active {
                    continue;
                }
                match grant.kind {
                    AdminAccessKind::Dap => held.dap = true,
                    AdminAccessKind::Gdap => held.gdap_roles.extend(grant.roles()),
                }
            }
            existing.push(ExistingPartner {
                partner_tenant_id: partner_id,
                held,
            });
        }
    }
    Ok(existing)
}

fn customer_domain(customer: &Tenant) -> Option<CustomerDomain> {
    customer
        .default_domain
        .as_deref()
        .and_then(|d| CustomerDomain::parse(d).ok())
}

fn plan(ctx: &Ctx, loaded: &Loaded, now: NaiveDateTime) -> Result<AcceptancePlan, AcceptRefusal> {
    let domain = customer_domain(&loaded.customer);
    decide_acceptance(&AcceptanceInput {
        actor: &ctx.actor,
        invitation: &loaded.facts,
        customer_domain: domain.as_ref(),
        now: now.and_utc(),
        existing: &loaded.existing,
    })
}

/// Everything the acceptance page needs. Read-only.
pub fn view(
    conn: &mut DbConnection,
    ctx: &Ctx,
    hash: &TokenHash,
    now: NaiveDateTime,
) -> Result<LinkView, FlowError> {
    let loaded = load(conn, ctx, hash, now)?;
    let decision = plan(ctx, &loaded, now);
    let held = loaded
        .existing
        .iter()
        .find(|e| e.partner_tenant_id == loaded.partner.id)
        .map(|e| e.held.clone())
        .unwrap_or_default();
    let access_difference = compare_access(&loaded.facts.access, &held);
    let current_partners = if ctx.actor.is_customer_global_admin() {
        let ids: Vec<i64> = Relationship::for_customer(conn, loaded.customer.id)?
            .into_iter()
            .filter(|(r, _)| r.is_active())
            .map(|(_, t)| t.id)
            .collect();
        Tenant::find_many(conn, &ids)?
    } else {
        Vec::new()
    };
    Ok(LinkView {
        invitation: loaded.invitation,
        partner: loaded.partner,
        provider: loaded.provider,
        current_partners,
        decision,
        access_difference,
    })
}

/// What an acceptance created.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub partner_tenant_id: i64,
    pub relationships_created: usize,
    pub admin_access_granted: bool,
}

pub fn accept(
    conn: &mut DbConnection,
    ctx: &Ctx,
    hash: &TokenHash,
    now: NaiveDateTime,
) -> Result<Accepted, FlowError> {
    run(
        conn,
        ctx,
        AuditAction::InvitationAccept,
        ("invitation", None),
        |conn| {
            // Before claiming: who is deciding, whether it is addressed to them, and the
            // invitation's own state. Existing partnerships are judged after the claim.
            let mut loaded = load_invitation(conn, ctx, hash)?;
            plan(ctx, &loaded, now).map_err(FlowError::Refused)?;
            let customer = loaded.customer.id;
            // Claim the invitation first: exactly one decision per invitation. A concurrent
            // acceptance waits here on the row lock (PostgreSQL) or the write lock (SQLite),
            // then finds it no longer pending.
            if !Invitation::decide(
                conn,
                loaded.invitation.id,
                InvitationState::Accepted,
                ctx.user_id,
                customer,
                now,
            )? {
                return Err(FlowError::Refused(AcceptRefusal::AlreadyUsed));
            }
            // Now that the invitation is ours, read the partnerships (under READ COMMITTED an
            // earlier read could predate a transaction that has just committed) and plan as of
            // the moment the invitation was still pending.
            loaded.existing = existing_partners(conn, &loaded, now)?;
            let plan = plan(ctx, &loaded, now).map_err(FlowError::Refused)?;
            for rel in &plan.relationships {
                let created = Relationship::insert(
                    conn,
                    &NewRelationshipRow {
                        customer_tenant_id: customer,
                        partner_tenant_id: rel.partner_tenant_id,
                        relationship_type: rel.relationship_type,
                        provider_tenant_id: rel.indirect_provider_tenant_id,
                        state: RelationshipState::Active,
                        invitation_id: Some(loaded.invitation.id),
                        established_at: now,
                    },
                )?;
                ctx.event(AuditAction::RelationshipCreate, Outcome::Success)
                    .target("relationship", created.id)
                    .detail(rel.relationship_type.as_str())
                    .record(conn, now)?;
            }
            if let Some(access) = &plan.admin_access {
                let relationship =
                    Relationship::active_between(conn, customer, access.partner_tenant_id)?
                        .ok_or(FlowError::Conflict("invitation-error-broken"))?;
                let roles = GdapRole::encode_list(&access.roles);
                AdminAccess::insert(
                    conn,
                    &NewAccessRow {
                        relationship_id: relationship.id,
                        customer_tenant_id: customer,
                        partner_tenant_id: access.partner_tenant_id,
                        kind: access.kind,
                        roles: &roles,
                        starts_at: access.starts_at.naive_utc(),
                        ends_at: access.ends_at.map(|e| e.naive_utc()),
                        auto_extend: access.auto_extend,
                        state: AdminAccessState::Active,
                        invitation_id: Some(loaded.invitation.id),
                    },
                )?;
                ctx.event(AuditAction::AdminAccessGrant, Outcome::Success)
                    .target("relationship", relationship.id)
                    .detail(access.kind.as_str())
                    .record(conn, now)?;
            }
            ctx.event(AuditAction::InvitationAccept, Outcome::Success)
                .target("invitation", loaded.invitation.id)
                .record(conn, now)?;
            Ok(Accepted {
                partner_tenant_id: loaded.partner.id,
                relationships_created: plan.relationships.len(),
                admin_access_granted: plan.admin_access.is_some(),
            })
        },
    )
}

pub fn decline(
    conn: &mut DbConnection,
    ctx: &Ctx,
    hash: &TokenHash,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    run(
        conn,
        ctx,
        AuditAction::InvitationDecline,
        ("invitation", None),
        |conn| {
            let loaded = load(conn, ctx, hash, now)?;
            let domain = customer_domain(&loaded.customer);
            decide_decline(&DeclineInput {
                actor: &ctx.actor,
                invitation: &loaded.facts,
                customer_domain: domain.as_ref(),
                now: now.and_utc(),
            })
            .map_err(FlowError::Refused)?;
            if !Invitation::decide(
                conn,
                loaded.invitation.id,
                InvitationState::Declined,
                ctx.user_id,
                loaded.customer.id,
                now,
            )? {
                return Err(FlowError::Refused(AcceptRefusal::AlreadyUsed));
            }
            ctx.event(AuditAction::InvitationDecline, Outcome::Success)
                .target("invitation", loaded.invitation.id)
                .record(conn, now)?;
            Ok(())
        },
    )
}
