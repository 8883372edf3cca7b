//! Subscriptions: what a customer buys, and through which partner.
//!
//! Only placing an order creates one; no multi-partner flow (accepting,
//! declining, removing access, ending a relationship) ever changes one. The tests hold that:
//! they fingerprint every subscription row before and after each flow
//! (`subscription_fingerprint` in `tests/portal` and `tests/e2e`).

use crate::domain::string_enum::string_enum;

string_enum! {
    /// Whether a subscription is in service.
    pub enum SubscriptionStatus("subscription status") {
        Active = "active",
        Suspended = "suspended",
        Cancelled = "cancelled",
    }
}

impl SubscriptionStatus {
    /// Fluent message id of the status's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            SubscriptionStatus::Active => "subscription-status-active",
            SubscriptionStatus::Suspended => "subscription-status-suspended",
            SubscriptionStatus::Cancelled => "subscription-status-cancelled",
        }
    }
}

/// Number of licences or units on a subscription: 1 to 10 000.
///
/// Zero is not a quantity (that is cancelling), and the upper bound catches a
/// mistyped extra digit before it becomes an order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct Quantity(u32);

/// The quantity asked for is outside 1..=10 000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a quantity is 1 to 10000, not {0}")]
pub struct QuantityError(pub u32);

impl Quantity {
    pub const MAX: u32 = 10_000;

    pub fn new(n: u32) -> Result<Self, QuantityError> {
        if (1..=Self::MAX).contains(&n) {
            Ok(Self(n))
        } else {
            Err(QuantityError(n))
        }
    }

    pub fn get(&self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Quantity {
    type Error = QuantityError;

    fn try_from(n: u32) -> Result<Self, Self::Error> {
        Self::new(n)
    }
}

impl From<Quantity> for u32 {
    fn from(q: Quantity) -> Self {
        q.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::{check_message_keys, check_string_table};

    #[test]
    fn status_spellings() {
        check_string_table(
            SubscriptionStatus::ALL,
            SubscriptionStatus::as_str,
            &["active", "suspended", "cancelled"],
        );
        check_message_keys(
            SubscriptionStatus::ALL,
            SubscriptionStatus::as_str,
            SubscriptionStatus::message_key,
            "subscription-status",
        );
    }

    #[test]
    fn quantity_bounds() {
        assert_eq!(Quantity::new(0), Err(QuantityError(0)));
        assert_eq!(Quantity::new(1).map(|q| q.get()), Ok(1));
        assert_eq!(Quantity::new(10_000).map(u32::from), Ok(10_000));
        assert_eq!(Quantity::try_from(10_001), Err(QuantityError(10_001)));
    }
}
