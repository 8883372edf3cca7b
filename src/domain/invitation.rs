//! Invitations: a partner's request to become one of a customer's partners.

use chrono::{DateTime, Duration, Utc};

use crate::domain::string_enum::string_enum;
use crate::domain::transition::IllegalTransition;

string_enum! {
    /// Where an invitation is in its life. Only `pending` ever changes.
    pub enum InvitationState("invitation state") {
        /// Sent, waiting for the customer's Global Administrator.
        Pending = "pending",
        /// Accepted by exactly one customer: relationships (and access) exist.
        Accepted = "accepted",
        /// Turned down by the customer.
        Declined = "declined",
        /// Withdrawn by the partner (or because its creator lost the right to invite).
        Revoked = "revoked",
        /// Passed its expiry time while pending.
        Expired = "expired",
    }
}

impl InvitationState {
    /// Fluent message id of the state's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            InvitationState::Pending => "invitation-state-pending",
            InvitationState::Accepted => "invitation-state-accepted",
            InvitationState::Declined => "invitation-state-declined",
            InvitationState::Revoked => "invitation-state-revoked",
            InvitationState::Expired => "invitation-state-expired",
        }
    }

    /// Whether nothing can happen to the invitation any more.
    pub fn is_final(&self) -> bool {
        !matches!(self, InvitationState::Pending)
    }

    /// Applies `event`; only a pending invitation moves, and each event has exactly
    /// one target state, so an invitation is decided once.
    pub fn apply(self, event: InvitationEvent) -> Result<InvitationState, IllegalTransition> {
        match self {
            InvitationState::Pending => Ok(match event {
                InvitationEvent::Accept => InvitationState::Accepted,
                InvitationEvent::Decline => InvitationState::Declined,
                InvitationEvent::Revoke => InvitationState::Revoked,
                InvitationEvent::Expire => InvitationState::Expired,
            }),
            _ => Err(IllegalTransition {
                machine: "invitation",
                from: self.as_str(),
                event: event.as_str(),
            }),
        }
    }
}

/// Something that happens to an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InvitationEvent {
    /// The customer's Global Administrator accepts.
    Accept,
    /// The customer's Global Administrator declines.
    Decline,
    /// The partner withdraws it.
    Revoke,
    /// The expiry sweep records that it ran out.
    Expire,
}

impl InvitationEvent {
    pub const ALL: &'static [InvitationEvent] = &[
        InvitationEvent::Accept,
        InvitationEvent::Decline,
        InvitationEvent::Revoke,
        InvitationEvent::Expire,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            InvitationEvent::Accept => "accept",
            InvitationEvent::Decline => "decline",
            InvitationEvent::Revoke => "revoke",
            InvitationEvent::Expire => "expire",
        }
    }
}

/// The state to show and act on: a pending invitation at or past `expires_at`
/// is expired even before the sweep has written that down.
///
/// Every read goes through this, so a link cannot be used in the gap between
/// expiry and the next sweep.
pub fn effective_state(
    stored: InvitationState,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> InvitationState {
    if stored == InvitationState::Pending && now >= expires_at {
        InvitationState::Expired
    } else {
        stored
    }
}

string_enum! {
    /// What the partner asks for in an invitation.
    pub enum InvitationAccess("invitation access") {
        /// A reseller relationship only.
        Reseller = "reseller",
        /// Relationship plus classic delegated admin privileges (DAP).
        ResellerDap = "reseller_dap",
        /// Relationship plus granular delegated admin privileges (GDAP).
        ResellerGdap = "reseller_gdap",
    }
}

impl InvitationAccess {
    /// Fluent message id of the access's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            InvitationAccess::Reseller => "invitation-access-reseller",
            InvitationAccess::ResellerDap => "invitation-access-reseller-dap",
            InvitationAccess::ResellerGdap => "invitation-access-reseller-gdap",
        }
    }
}

/// How long an invitation link stays usable: whole days, 1 to 90, 7 by default.
///
/// Short-lived by default because the link is a bearer credential: anyone who
/// holds it (and is a Global Administrator somewhere) can accept.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct InvitationExpiry(u32);

/// The expiry asked for is outside 1..=90 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an invitation expires after 1 to 90 days, not {0}")]
pub struct InvitationExpiryError(pub u32);

impl InvitationExpiry {
    pub const MIN_DAYS: u32 = 1;
    pub const MAX_DAYS: u32 = 90;
    pub const DEFAULT_DAYS: u32 = 7;

    pub fn new(days: u32) -> Result<Self, InvitationExpiryError> {
        if (Self::MIN_DAYS..=Self::MAX_DAYS).contains(&days) {
            Ok(Self(days))
        } else {
            Err(InvitationExpiryError(days))
        }
    }

    pub fn days(&self) -> u32 {
        self.0
    }

    /// When an invitation created at `created_at` stops being usable.
    pub fn expires_at(&self, created_at: DateTime<Utc>) -> DateTime<Utc> {
        created_at + Duration::days(i64::from(self.0))
    }
}

impl Default for InvitationExpiry {
    fn default() -> Self {
        Self(Self::DEFAULT_DAYS)
    }
}

impl TryFrom<u32> for InvitationExpiry {
    type Error = InvitationExpiryError;

    fn try_from(days: u32) -> Result<Self, Self::Error> {
        Self::new(days)
    }
}

impl From<InvitationExpiry> for u32 {
    fn from(e: InvitationExpiry) -> Self {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::{check_message_keys, check_string_table};
    use InvitationEvent::*;
    use InvitationState::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn spellings_and_keys() {
        check_string_table(
            InvitationState::ALL,
            InvitationState::as_str,
            &["pending", "accepted", "declined", "revoked", "expired"],
        );
        check_message_keys(
            InvitationState::ALL,
            InvitationState::as_str,
            InvitationState::message_key,
            "invitation-state",
        );
        check_string_table(
            InvitationAccess::ALL,
            InvitationAccess::as_str,
            &["reseller", "reseller_dap", "reseller_gdap"],
        );
        check_message_keys(
            InvitationAccess::ALL,
            InvitationAccess::as_str,
            InvitationAccess::message_key,
            "invitation-access",
        );
    }

    #[test]
    fn every_transition() {
        // (from, event, expected target or None for illegal) — all 20 pairs.
        let table = [
            (Pending, Accept, Some(Accepted)),
            (Pending, Decline, Some(Declined)),
            (Pending, Revoke, Some(Revoked)),
            (Pending, Expire, Some(Expired)),
            (Accepted, Accept, None),
            (Accepted, Decline, None),
            (Accepted, Revoke, None),
            (Accepted, Expire, None),
            (Declined, Accept, None),
            (Declined, Decline, None),
            (Declined, Revoke, None),
            (Declined, Expire, None),
            (Revoked, Accept, None),
            (Revoked, Decline, None),
            (Revoked, Revoke, None),
            (Revoked, Expire, None),
            (Expired, Accept, None),
            (Expired, Decline, None),
            (Expired, Revoke, None),
            (Expired, Expire, None),
        ];
        assert_eq!(
            table.len(),
            InvitationState::ALL.len() * InvitationEvent::ALL.len()
        );
        for (from, event, expected) in table {
            let got = from.apply(event);
            match expected {
                Some(to) => assert_eq!(got, Ok(to), "{from} {event:?}"),
                None => assert_eq!(
                    got,
                    Err(IllegalTransition {
                        machine: "invitation",
                        from: from.as_str(),
                        event: event.as_str(),
                    }),
                    "{from} {event:?}"
                ),
            }
        }
    }

    #[test]
    fn only_pending_is_not_final() {
        for s in InvitationState::ALL {
            assert_eq!(s.is_final(), *s != Pending, "{s}");
        }
    }

    #[test]
    fn pending_past_expiry_reads_as_expired() {
        let expires = at(10, 12);
        assert_eq!(effective_state(Pending, expires, at(10, 11)), Pending);
        assert_eq!(effective_state(Pending, expires, expires), Expired);
        assert_eq!(effective_state(Pending, expires, at(11, 0)), Expired);
    }

    #[test]
    fn decided_invitations_keep_their_state_after_expiry() {
        let expires = at(10, 12);
        for s in [Accepted, Declined, Revoked, Expired] {
            assert_eq!(effective_state(s, expires, at(20, 0)), s);
            assert_eq!(effective_state(s, expires, at(1, 0)), s);
        }
    }

    #[test]
    fn expiry_bounds_and_default() {
        assert_eq!(InvitationExpiry::new(0), Err(InvitationExpiryError(0)));
        assert_eq!(InvitationExpiry::new(1).map(|e| e.days()), Ok(1));
        assert_eq!(InvitationExpiry::new(90).map(|e| e.days()), Ok(90));
        assert_eq!(InvitationExpiry::new(91), Err(InvitationExpiryError(91)));
        assert_eq!(InvitationExpiry::default().days(), 7);
        assert_eq!(InvitationExpiry::try_from(30).map(u32::from), Ok(30));
    }

    #[test]
    fn expires_at_adds_whole_days() {
        let e = InvitationExpiry::default();
        assert_eq!(e.expires_at(at(1, 9)), at(8, 9));
    }
}
