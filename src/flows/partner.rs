//! A partner's view of its customers. Only its own relationships and the subscriptions it is
//! Partner of Record of: a partner never learns which other partners a customer has.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::subscription::SubscriptionRow;
use crate::db::models::{AdminAccess, Offer, Relationship, Subscription, Tenant};
use crate::domain::AdminAccessState;
use crate::flows::{Ctx, FlowError};
use crate::policy::{Action, Ownership};

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
