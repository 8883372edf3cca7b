//! Subscriptions as the pages show them, shared by the customer and partner areas.

use chrono::NaiveDateTime;

use crate::db::models::subscription::SubscriptionRow;
use crate::domain::SubscriptionStatus;

/// A subscription with its Partner of Record, for display.
#[derive(Debug, Clone)]
pub struct SubscriptionView {
    pub id: i64,
    pub offer_name: String,
    pub quantity: i32,
    pub status_key: &'static str,
    pub status_badge: &'static str,
    pub term_key: &'static str,
    pub partner_of_record_name: String,
    pub created_at: NaiveDateTime,
}

impl SubscriptionView {
    pub fn new(row: &SubscriptionRow) -> SubscriptionView {
        let s = &row.subscription;
        let status = s.status;
        SubscriptionView {
            id: s.id,
            offer_name: row.offer_name.clone(),
            quantity: s.quantity,
            status_key: status.message_key(),
            status_badge: match status {
                SubscriptionStatus::Active => "badge-ok",
                SubscriptionStatus::Suspended => "badge-warn",
                SubscriptionStatus::Cancelled => "badge-danger",
            },
            term_key: term_key(&s.term),
            partner_of_record_name: row.partner_of_record_name.clone(),
            created_at: s.created_at,
        }
    }

    pub fn list(rows: &[SubscriptionRow]) -> Vec<SubscriptionView> {
        rows.iter().map(SubscriptionView::new).collect()
    }
}

/// The message key of a subscription's or an offer's term (ISO 8601 duration).
pub fn term_key(term: &str) -> &'static str {
    match term {
        "P1M" => "subscription-term-p1m",
        "P1Y" => "subscription-term-p1y",
        "P3Y" => "subscription-term-p3y",
        _ => "subscription-term-none",
    }
}
