//! A customer's view of its partners, and the two things its Global Administrator can do:
//! remove a partner's admin access, and end a relationship. Neither touches subscriptions:
//! a partner's subscriptions continue unchanged with their Partner of Record.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::subscription::SubscriptionRow;
use crate::db::models::{AdminAccess, Outcome, Relationship, Subscription, Tenant};
use crate::domain::AuditAction;
use crate::domain::{AdminAccessState, EndReason, EndedBy};
use crate::flows::{Ctx, FlowError, run};
use crate::policy::{Action, Ownership};

/// One partner as the customer sees it.
#[derive(Debug, Clone)]
pub struct PartnerSummary {
    pub partner: Tenant,
    /// The active relationship, else the most recent one.
    pub relationship: Relationship,
    /// For an indirect reseller: its provider.
    pub provider: Option<Tenant>,
    /// The access currently in force, if any.
    pub admin_access: Option<AdminAccess>,
    pub is_partner_of_record: bool,
}

/// Every partner the customer has or had, active ones first.
pub fn partners(
    conn: &mut DbConnection,
    ctx: &Ctx,
    now: NaiveDateTime,
) -> Result<Vec<PartnerSummary>, FlowError> {
    ctx.authorize(Action::ViewCustomerPartners, Ownership::None)?;
    let customer = ctx.tenant_id();
    let relationships = Relationship::for_customer(conn, customer)?;
    let access = AdminAccess::for_customer(conn, customer)?;
    let of_record = Relationship::partners_of_record(conn, customer)?;
    let provider_ids: Vec<i64> = relationships
        .iter()
        .filter_map(|(r, _)| r.provider_tenant_id)
        .collect();
    let providers = Tenant::find_many(conn, &provider_ids)?;
    let mut summaries: Vec<PartnerSummary> = Vec::new();
    for (relationship, partner) in relationships {
        // Relationships come active first; keep one summary per partner.
        if summaries.iter().any(|s| s.partner.id == partner.id) {
            continue;
        }
        let admin_access = access
            .iter()
            .find(|a| {
                a.partner_tenant_id == partner.id
                    && a.effective_state(now) == AdminAccessState::Active
            })
            .cloned();
        summaries.push(PartnerSummary {
            provider: relationship
                .provider_tenant_id
                .and_then(|p| providers.iter().find(|t| t.id == p).cloned()),
            is_partner_of_record: of_record.contains(&partner.id),
            partner,
            relationship,
            admin_access,
        });
    }
    Ok(summaries)
}

/// One partner in detail: its relationships with this customer, its admin access history, and
/// the subscriptions it is Partner of Record of.
#[derive(Debug, Clone)]
pub struct PartnerDetail {
    pub summary: PartnerSummary,
    pub history: Vec<Relationship>,
    pub access_history: Vec<AdminAccess>,
    pub subscriptions: Vec<SubscriptionRow>,
}

/// A partner the customer has (or had) a relationship with; any other id is `NotFound`.
pub fn partner(
    conn: &mut DbConnection,
    ctx: &Ctx,
    partner_id: i64,
    now: NaiveDateTime,
) -> Result<PartnerDetail, FlowError> {
    let summary = partners(conn, ctx, now)?
        .into_iter()
        .find(|s| s.partner.id == partner_id)
        .ok_or(FlowError::NotFound)?;
    let customer = ctx.tenant_id();
    Ok(PartnerDetail {
        history: Relationship::history_between(conn, customer, partner_id)?,
        access_history: AdminAccess::between(conn, customer, partner_id)?,
        subscriptions: Subscription::for_customer_sold_by(conn, customer, partner_id)?,
        summary,
    })
}

/// Ownership of a partner id from the customer's point of view: its own partner, or not
/// visible at all.
fn partner_ownership(
    conn: &mut DbConnection,
    customer: i64,
    partner_id: i64,
) -> Result<Ownership, FlowError> {
    let known = !Relationship::history_between(conn, customer, partner_id)?.is_empty();
    Ok(if known {
        Ownership::Own
    } else {
        Ownership::OtherTenant
    })
}

pub fn remove_admin_access(
    conn: &mut DbConnection,
    ctx: &Ctx,
    partner_id: i64,
    now: NaiveDateTime,
) -> Result<usize, FlowError> {
    run(
        conn,
        ctx,
        AuditAction::AdminAccessRemove,
        ("tenant", Some(partner_id)),
        |conn| {
            let customer = ctx.tenant_id();
            ctx.authorize(
                Action::RemoveAdminAccess,
                partner_ownership(conn, customer, partner_id)?,
            )?;
            let removed = AdminAccess::remove_between(
                conn,
                customer,
                partner_id,
                EndedBy::Customer,
                ctx.user_id,
                now,
            )?;
            if removed == 0 {
                return Err(FlowError::Conflict("partner-error-no-admin-access"));
            }
            ctx.event(AuditAction::AdminAccessRemove, Outcome::Success)
                .target("tenant", partner_id)
                .record(conn, now)?;
            Ok(removed)
        },
    )
}

pub fn end_relationship(
    conn: &mut DbConnection,
    ctx: &Ctx,
    partner_id: i64,
    reason: Option<&EndReason>,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    run(
        conn,
        ctx,
        AuditAction::RelationshipEnd,
        ("tenant", Some(partner_id)),
        |conn| {
            let customer = ctx.tenant_id();
            ctx.authorize(
                Action::EndRelationship,
                partner_ownership(conn, customer, partner_id)?,
            )?;
            let relationship = Relationship::active_between(conn, customer, partner_id)?
                .ok_or(FlowError::Conflict("partner-error-not-active"))?;
            if !Relationship::end(
                conn,
                relationship.id,
                EndedBy::Customer,
                ctx.user_id,
                reason.map(EndReason::as_str),
                now,
            )? {
                return Err(FlowError::Conflict("partner-error-not-active"));
            }
            // Admin access cannot outlive the relationship it was granted under.
            let removed = AdminAccess::remove_between(
                conn,
                customer,
                partner_id,
                EndedBy::Customer,
                ctx.user_id,
                now,
            )?;
            if removed > 0 {
                ctx.event(AuditAction::AdminAccessRemove, Outcome::Success)
                    .target("tenant", partner_id)
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

/// Every subscription of the customer with its Partner of Record.
pub fn subscriptions(
    conn: &mut DbConnection,
    ctx: &Ctx,
) -> Result<Vec<SubscriptionRow>, FlowError> {
    ctx.authorize(Action::ViewCustomerSubscriptions, Ownership::None)?;
    Ok(Subscription::for_customer(conn, ctx.tenant_id())?)
}
