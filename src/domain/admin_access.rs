//! Delegated admin access a customer grants to one of its partners.

use chrono::{DateTime, Duration, Utc};

use crate::domain::gdap::AUTO_EXTEND_DAYS;
use crate::domain::relationship::EndedBy;
use crate::domain::string_enum::string_enum;
use crate::domain::transition::IllegalTransition;

string_enum! {
    /// Classic or granular delegated admin.
    pub enum AdminAccessKind("admin access kind") {
        /// Classic DAP: admin agents get Global Administrator, helpdesk agents
        /// Helpdesk Administrator; no end date.
        Dap = "dap",
        /// Granular DAP: listed roles for a limited time.
        Gdap = "gdap",
    }
}

impl AdminAccessKind {
    /// Fluent message id of the kind's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            AdminAccessKind::Dap => "admin-access-kind-dap",
            AdminAccessKind::Gdap => "admin-access-kind-gdap",
        }
    }
}

string_enum! {
    /// Where a grant of admin access is in its life.
    pub enum AdminAccessState("admin access state") {
        Active = "active",
        /// Its `ends_at` passed (computed at read time, recorded by the sweep).
        Expired = "expired",
        /// Removed by the customer or terminated by the partner.
        Removed = "removed",
    }
}

/// Something that happens to a grant of admin access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminAccessEvent {
    /// Removal by the customer ([`EndedBy::Customer`]) or termination by the
    /// partner ([`EndedBy::Partner`]).
    Remove(EndedBy),
    /// The sweep records that `ends_at` passed.
    Expire,
}

impl AdminAccessEvent {
    pub const ALL: &'static [AdminAccessEvent] = &[
        AdminAccessEvent::Remove(EndedBy::Customer),
        AdminAccessEvent::Remove(EndedBy::Partner),
        AdminAccessEvent::Expire,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            AdminAccessEvent::Remove(EndedBy::Customer) => "remove_by_customer",
            AdminAccessEvent::Remove(EndedBy::Partner) => "terminate_by_partner",
            AdminAccessEvent::Expire => "expire",
        }
    }
}

impl AdminAccessState {
    /// Fluent message id of the state's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            AdminAccessState::Active => "admin-access-state-active",
            AdminAccessState::Expired => "admin-access-state-expired",
            AdminAccessState::Removed => "admin-access-state-removed",
        }
    }

    /// Applies `event`; only active access moves. Removing expired access is
    /// refused rather than silently accepted, so the audit trail never records a
    /// removal that changed nothing.
    pub fn apply(self, event: AdminAccessEvent) -> Result<AdminAccessState, IllegalTransition> {
        match self {
            AdminAccessState::Active => Ok(match event {
                AdminAccessEvent::Remove(_) => AdminAccessState::Removed,
                AdminAccessEvent::Expire => AdminAccessState::Expired,
            }),
            _ => Err(IllegalTransition {
                machine: "admin_access",
                from: self.as_str(),
                event: event.as_str(),
            }),
        }
    }
}

/// The state to show and act on: active access at or past `ends_at` is expired,
/// whether or not the sweep has run.
///
/// For access with auto-extend on, pass the ends_at returned by
/// [`auto_extension`] (or use [`effective_state_with_auto_extend`]): such access
/// never lapses between its end and the next sweep.
pub fn effective_state(
    stored: AdminAccessState,
    ends_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> AdminAccessState {
    match (stored, ends_at) {
        (AdminAccessState::Active, Some(end)) if now >= end => AdminAccessState::Expired,
        _ => stored,
    }
}

/// [`effective_state`] for a grant whose `auto_extend` flag is known.
pub fn effective_state_with_auto_extend(
    stored: AdminAccessState,
    ends_at: Option<DateTime<Utc>>,
    auto_extend: bool,
    now: DateTime<Utc>,
) -> AdminAccessState {
    let ends_at = ends_at.map(|end| auto_extension(end, auto_extend, now).ends_at);
    effective_state(stored, ends_at, now)
}

/// What the periodic sweep does to one active grant's end date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoExtension {
    /// How many 180-day periods to add (0: nothing to do).
    pub extensions: u32,
    /// The end date after adding them (unchanged when `extensions` is 0).
    pub ends_at: DateTime<Utc>,
}

/// Extends an auto-extending grant that has reached its end by as many whole
/// 180-day periods as needed to end after `now`.
///
/// More than one period applies when the sweep has not run for a long time; the
/// result is the same as if it had run every day, so a missed sweep never
/// shortens access.
pub fn auto_extension(
    ends_at: DateTime<Utc>,
    auto_extend: bool,
    now: DateTime<Utc>,
) -> AutoExtension {
    if !auto_extend || now < ends_at {
        return AutoExtension {
            extensions: 0,
            ends_at,
        };
    }
    let period = Duration::days(AUTO_EXTEND_DAYS);
    // now >= ends_at, so elapsed is non-negative and truncating division rounds down.
    let elapsed = now - ends_at;
    let periods = elapsed.num_seconds() / period.num_seconds() + 1;
    let new_end = period
        .checked_mul(i32::try_from(periods).unwrap_or(i32::MAX))
        .and_then(|d| ends_at.checked_add_signed(d))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    AutoExtension {
        extensions: u32::try_from(periods).unwrap_or(u32::MAX),
        ends_at: new_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::{check_message_keys, check_string_table};
    use AdminAccessEvent::*;
    use AdminAccessState::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn spellings_and_keys() {
        check_string_table(
            AdminAccessKind::ALL,
            AdminAccessKind::as_str,
            &["dap", "gdap"],
        );
        check_message_keys(
            AdminAccessKind::ALL,
            AdminAccessKind::as_str,
            AdminAccessKind::message_key,
            "admin-access-kind",
        );
        check_string_table(
            AdminAccessState::ALL,
            AdminAccessState::as_str,
            &["active", "expired", "removed"],
        );
        check_message_keys(
            AdminAccessState::ALL,
            AdminAccessState::as_str,
            AdminAccessState::message_key,
            "admin-access-state",
        );
    }

    #[test]
    fn every_transition() {
        let by_customer = Remove(EndedBy::Customer);
        let by_partner = Remove(EndedBy::Partner);
        let table = [
            (Active, by_customer, Some(Removed)),
            (Active, by_partner, Some(Removed)),
            (Active, Expire, Some(Expired)),
            (Expired, by_customer, None),
            (Expired, by_partner, None),
            (Expired, Expire, None),
            (Removed, by_customer, None),
            (Removed, by_partner, None),
            (Removed, Expire, None),
        ];
        assert_eq!(
            table.len(),
            AdminAccessState::ALL.len() * AdminAccessEvent::ALL.len()
        );
        for (from, event, expected) in table {
            let got = from.apply(event);
            match expected {
                Some(to) => assert_eq!(got, Ok(to), "{from} {event:?}"),
                None => {
                    let err = got.unwrap_err();
                    assert_eq!(err.machine, "admin_access");
                    assert_eq!(err.from, from.as_str());
                    assert_eq!(err.event, event.as_str());
                }
            }
        }
    }

    #[test]
    fn effective_state_computes_expiry() {
        let end = at(2026, 6, 1);
        assert_eq!(effective_state(Active, Some(end), at(2026, 5, 31)), Active);
        assert_eq!(effective_state(Active, Some(end), end), Expired);
        assert_eq!(effective_state(Active, Some(end), at(2027, 1, 1)), Expired);
        // DAP has no end.
        assert_eq!(effective_state(Active, None, at(2099, 1, 1)), Active);
        // Removed stays removed, even before the end date.
        assert_eq!(effective_state(Removed, Some(end), at(2026, 1, 1)), Removed);
        assert_eq!(effective_state(Expired, Some(end), at(2026, 1, 1)), Expired);
    }

    #[test]
    fn effective_state_with_auto_extend_never_lapses() {
        let end = at(2026, 6, 1);
        let later = at(2027, 6, 1);
        assert_eq!(
            effective_state_with_auto_extend(Active, Some(end), true, later),
            Active
        );
        assert_eq!(
            effective_state_with_auto_extend(Active, Some(end), false, later),
            Expired
        );
        assert_eq!(
            effective_state_with_auto_extend(Removed, Some(end), true, later),
            Removed
        );
        assert_eq!(
            effective_state_with_auto_extend(Active, None, true, later),
            Active
        );
    }

    #[test]
    fn no_extension_before_the_end_or_without_the_flag() {
        let end = at(2026, 6, 1);
        let before = at(2026, 5, 31);
        assert_eq!(
            auto_extension(end, true, before),
            AutoExtension {
                extensions: 0,
                ends_at: end
            }
        );
        assert_eq!(
            auto_extension(end, false, at(2030, 1, 1)),
            AutoExtension {
                extensions: 0,
                ends_at: end
            }
        );
    }

    #[test]
    fn one_extension_at_and_just_after_the_end() {
        let end = at(2026, 6, 1);
        let extended = end + Duration::days(180);
        assert_eq!(
            auto_extension(end, true, end),
            AutoExtension {
                extensions: 1,
                ends_at: extended
            }
        );
        let just_before_second = extended - Duration::seconds(1);
        assert_eq!(auto_extension(end, true, just_before_second).extensions, 1);
    }

    #[test]
    fn missed_sweeps_apply_several_extensions() {
        let end = at(2026, 6, 1);
        let exactly_two_periods_later = end + Duration::days(360);
        let got = auto_extension(end, true, exactly_two_periods_later);
        assert_eq!(got.extensions, 3);
        assert_eq!(got.ends_at, end + Duration::days(540));
        let got = auto_extension(end, true, end + Duration::days(400));
        assert_eq!(got.extensions, 3);
        assert!(got.ends_at > end + Duration::days(400));
    }
}
