//! A partner places a new order for a customer it has an active relationship with. The new
//! subscription names this partner as Partner of Record; no existing subscription changes.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::subscription::NewSubscription;
use crate::db::models::{Offer, Outcome, Relationship, Subscription};
use crate::domain::AuditAction;
use crate::domain::{Quantity, SubscriptionStatus};
use crate::flows::{Ctx, FlowError, run};
use crate::policy::{Action, Ownership};

pub fn place_order(
    conn: &mut DbConnection,
    ctx: &Ctx,
    customer_id: i64,
    offer_id: i64,
    quantity: Quantity,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    run(
        conn,
        ctx,
        AuditAction::SubscriptionOrder,
        ("tenant", Some(customer_id)),
        |conn| {
            let partner = ctx.tenant_id();
            let history = Relationship::history_between(conn, customer_id, partner)?;
            let ownership = if history.is_empty() {
                Ownership::OtherTenant
            } else {
                Ownership::Own
            };
            ctx.authorize(Action::PlaceOrder, ownership)?;
            if !history.iter().any(Relationship::is_active) {
                return Err(FlowError::Conflict("order-error-no-relationship"));
            }
            let offer =
                Offer::find(conn, offer_id)?.ok_or(FlowError::Invalid("order-error-offer"))?;
            Subscription::insert(
                conn,
                &NewSubscription {
                    customer_tenant_id: customer_id,
                    offer_id: offer.id,
                    quantity: quantity.get() as i32,
                    status: SubscriptionStatus::Active,
                    term: &offer.term,
                    partner_of_record_tenant_id: partner,
                    created_at: now,
                },
            )?;
            ctx.event(AuditAction::SubscriptionOrder, Outcome::Success)
                .target("tenant", customer_id)
                .detail(offer.sku.clone())
                .record(conn, now)?;
            Ok(())
        },
    )
}
