//! A partner's view of its customers. Only its own relationships and the subscriptions it is
//! Partner of Record of: a partner never learns which other partners a customer has. And what
//! its admin agents can end from its side: its admin access in a customer (terminate) and its
//! relationship. Neither touches subscriptions: they continue with their Partner of Record.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::subscription::SubscriptionRow;
use crate::db::models::{AdminAccess, Offer, Outcome, Relationship, Subscription, Tenant};
use crate::domain::{AdminAccessState, AuditAction, EndReason, EndedBy};
use crate::flows::{Ctx, FlowError, run};
use crate::policy::{
    Action, EndingRefusal, Ownership, PartnerEnding, RelationshipFacts, decide_partner_ending,
};

#[derive(Debug, Clone)]
pub struct CustomerSummary {
    pub customer: Tenant,
    /// The active relationship, else the most recent one.
    pub relationship: Relationship,
    pub admin_access: Option<AdminAccess>,
}

pub fn customers(
    conn: &mut DbConnection,
    ctx: &Ctx,
    now: NaiveDateTime,
) -> Result<Vec<CustomerSummary>, FlowError> {
    ctx.authorize(Action::ViewPartnerCustomers, Ownership::None)?;
    let partner = ctx.tenant_id();
    let access = AdminAccess::for_partner(conn, partner)?;
    let mut summaries: Vec<CustomerSummary> = Vec::new();
    for (relationship, customer) in Relationship::for_partner(conn, partner)? {
        if summaries.iter().any(|s| s.customer.id == customer.id) {
            continue;
        }
        let admin_access = access
            .iter()
            .find(|a| {
                a.customer_tenant_id == customer.id
                    && a.effective_state(now) == AdminAccessState::Active
            })
            .cloned();
        summaries.push(CustomerSummary {
            customer,
            relationship,
            admin_access,
        });
    }
    Ok(summaries)
}

#[derive(Debug, Clone)]
pub struct CustomerDetail {
    pub summary: CustomerSummary,
    pub access_history: Vec<AdminAccess>,
    /// Only the subscriptions this partner sold.
    pub subscriptions: Vec<SubscriptionRow>,
    pub offers: Vec<Offer>,
}

pub fn customer(
    conn: &mut DbConnection,
    ctx: &Ctx,
    customer_id: i64,
    now: NaiveDateTime,
) -> Result<CustomerDetail, FlowError> {
    let partner = ctx.tenant_id();
    let known = !Relationship::history_between(conn, customer_id, partner)?.is_empty();
    ctx.authorize(
        Action::ViewPartnerCustomer,
        if known {
            Ownership::Own
        } else {
            Ownership::OtherTenant
        },
    )?;
    let summary = customers(conn, ctx, now)?
        .into_iter()
        .find(|s| s.customer.id == customer_id)
        .ok_or(FlowError::NotFound)?;
    Ok(CustomerDetail {
        access_history: AdminAccess::between(conn, customer_id, partner)?,
        subscriptions: Subscription::for_customer_sold_by(conn, customer_id, partner)?,
        offers: Offer::all(conn)?,
        summary,
    })
}

/// The providers an indirect reseller may name on an invitation.
pub fn providers(conn: &mut DbConnection, ctx: &Ctx) -> Result<Vec<Tenant>, FlowError> {
    Ok(Tenant::providers_of(conn, ctx.tenant_id())?)
}

/// The partner's relationship with `customer_id` (the active one, else the newest) and
/// whether it holds admin access in force there, as the ending rule sees them.
fn ending_facts(
    conn: &mut DbConnection,
    ctx: &Ctx,
    customer_id: i64,
    now: NaiveDateTime,
) -> Result<Option<(Relationship, RelationshipFacts)>, FlowError> {
    let partner = ctx.tenant_id();
    let history = Relationship::history_between(conn, customer_id, partner)?;
    let Some(relationship) = history
        .iter()
        .find(|r| r.is_active())
        .or(history.first())
        .cloned()
    else {
        return Ok(None);
    };
    let has_active_admin_access = AdminAccess::between(conn, customer_id, partner)?
        .iter()
        .any(|a| a.effective_state(now) == AdminAccessState::Active);
    let facts = RelationshipFacts {
        partner_tenant_id: relationship.partner_tenant_id,
        provider_tenant_id: relationship.provider_tenant_id,
        is_active: relationship.is_active(),
        has_active_admin_access,
    };
    Ok(Some((relationship, facts)))
}

/// Asks the ending rule; a refusal becomes the flow's error (404, 403, or 409 with why).
fn decide(
    ctx: &Ctx,
    ending: PartnerEnding,
    facts: Option<RelationshipFacts>,
) -> Result<(), FlowError> {
    decide_partner_ending(&ctx.actor, ending, facts).map_err(|refusal| match refusal {
        EndingRefusal::NotFound => FlowError::NotFound,
        EndingRefusal::Forbidden => FlowError::Forbidden,
        EndingRefusal::NotActive => FlowError::Conflict("customers-error-not-active"),
        EndingRefusal::NoAdminAccess => FlowError::Conflict("customers-error-no-admin-access"),
    })
}

/// Whether the actor may open the confirmation page of `ending` for this customer: not
/// found, forbidden, or allowed (the page itself says when there is nothing left to end).
pub fn check_may_end(
    conn: &mut DbConnection,
    ctx: &Ctx,
    customer_id: i64,
    ending: PartnerEnding,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    let facts = ending_facts(conn, ctx, customer_id, now)?.map(|(_, f)| RelationshipFacts {
        // The page shows the state; only ownership and role decide whether it opens.
        is_active: true,
        has_active_admin_access: true,
        ..f
    });
    decide(ctx, ending, facts)
}

/// `POST /partner/customers/{id}/admin-access/terminate`: the partner ends every grant of
/// admin access it holds in the customer. The relationship stays. Returns how many grants
/// ended.
pub fn terminate_admin_access(
    conn: &mut DbConnection,
    ctx: &Ctx,
    customer_id: i64,
    now: NaiveDateTime,
) -> Result<usize, FlowError> {
    run(
        conn,
        ctx,
        AuditAction::AdminAccessTerminate,
        ("tenant", Some(customer_id)),
        |conn| {
            let found = ending_facts(conn, ctx, customer_id, now)?;
            decide(
                ctx,
                PartnerEnding::TerminateAdminAccess,
                found.as_ref().map(|(_, f)| *f),
            )?;
            let ended = AdminAccess::remove_between(
                conn,
                customer_id,
                ctx.tenant_id(),
                EndedBy::Partner,
                ctx.user_id,
                now,
            )?;
            if ended == 0 {
                return Err(FlowError::Conflict("customers-error-no-admin-access"));
            }
            ctx.event(AuditAction::AdminAccessTerminate, Outcome::Success)
                .target("tenant", customer_id)
                .record(conn, now)?;
            Ok(ended)
        },
    )
}

/// `POST /partner/customers/{id}/end`: the partner ends its own relationship with the
/// customer (never its provider's), with its admin access there, in one transaction.
pub fn end_relationship(
    conn: &mut DbConnection,
    ctx: &Ctx,
    customer_id: i64,
    reason: Option<&EndReason>,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    run(
        conn,
        ctx,
        AuditAction::RelationshipEnd,
        ("tenant", Some(customer_id)),
        |conn| {
            let found = ending_facts(conn, ctx, customer_id, now)?;
            decide(
                ctx,
                PartnerEnding::EndRelationship,
                found.as_ref().map(|(_, f)| *f),
            )?;
            let Some((relationship, _)) = found else {
                return Err(FlowError::NotFound);
            };
            if !Relationship::end(
                conn,
                relationship.id,
                EndedBy::Partner,
                ctx.user_id,
                reason.map(EndReason::as_str),
                now,
            )? {
                return Err(FlowError::Conflict("customers-error-not-active"));
            }
            // Admin access cannot outlive the relationship it was granted under.
            let ended = AdminAccess::remove_between(
                conn,
                customer_id,
                ctx.tenant_id(),
                EndedBy::Partner,
                ctx.user_id,
                now,
            )?;
            if ended > 0 {
                ctx.event(AuditAction::AdminAccessTerminate, Outcome::Success)
                    .target("tenant", customer_id)
                    .detail("relationship_ended")
                    .record(conn, now)?;
            }
            ctx.event(AuditAction::RelationshipEnd, Outcome::Success)
                .target("relationship", relationship.id)
                .record(conn, now)?;
            Ok(())
        },
    )
}
