//! Granular delegated admin privileges (GDAP): which roles, for how long.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};

use crate::domain::string_enum::{ParseEnumError, string_enum};

/// Days added to a GDAP grant's end each time it auto-extends.
pub const AUTO_EXTEND_DAYS: i64 = 180;

string_enum! {
    /// The fixed catalogue of Microsoft Entra built-in roles a partner may ask for.
    ///
    /// The stored value is a stable slug; the Entra role template id is what a real
    /// GDAP request would carry. Declaration order is the display order and the
    /// order of a [`GdapRequest`]'s roles.
    pub enum GdapRole("GDAP role") {
        GlobalAdministrator = "global_administrator",
        HelpdeskAdministrator = "helpdesk_administrator",
        UserAdministrator = "user_administrator",
        ExchangeAdministrator = "exchange_administrator",
        SharePointAdministrator = "sharepoint_administrator",
        TeamsAdministrator = "teams_administrator",
        SecurityReader = "security_reader",
        BillingAdministrator = "billing_administrator",
        LicenseAdministrator = "license_administrator",
        DirectoryReaders = "directory_readers",
        GlobalReader = "global_reader",
        ServiceSupportAdministrator = "service_support_administrator",
    }
}

impl GdapRole {
    /// The role's Microsoft Entra template id, identical in every cloud
    /// (including Microsoft Entra operated by 21Vianet).
    pub fn template_id(&self) -> &'static str {
        match self {
            GdapRole::GlobalAdministrator => "62e90394-69f5-4237-9190-012177145e10",
            GdapRole::HelpdeskAdministrator => "729827e3-9c14-49f7-bb1b-9608f156bbb8",
            GdapRole::UserAdministrator => "fe930be7-5e62-47db-91af-98c3a49a38b1",
            GdapRole::ExchangeAdministrator => "29232cdf-9323-42fd-ade2-1d097af3e4de",
            GdapRole::SharePointAdministrator => "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
            GdapRole::TeamsAdministrator => "69091246-20e8-4a56-aa4d-066075b2a7a8",
            GdapRole::SecurityReader => "5d6b6bb7-de71-4623-b4af-96380a352509",
            GdapRole::BillingAdministrator => "b0f54661-2d74-4c50-afa3-1ec803f12efe",
            GdapRole::LicenseAdministrator => "4d6ac14f-3453-41d0-bef9-a3e0c569773a",
            GdapRole::DirectoryReaders => "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
            GdapRole::GlobalReader => "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
            GdapRole::ServiceSupportAdministrator => "f023fd81-a637-4b56-95fd-791ac0226033",
        }
    }

    /// The role's English name in Microsoft Entra, for logs and exports
    /// (pages use [`GdapRole::message_key`]).
    pub fn entra_name(&self) -> &'static str {
        match self {
            GdapRole::GlobalAdministrator => "Global Administrator",
            GdapRole::HelpdeskAdministrator => "Helpdesk Administrator",
            GdapRole::UserAdministrator => "User Administrator",
            GdapRole::ExchangeAdministrator => "Exchange Administrator",
            GdapRole::SharePointAdministrator => "SharePoint Administrator",
            GdapRole::TeamsAdministrator => "Teams Administrator",
            GdapRole::SecurityReader => "Security Reader",
            GdapRole::BillingAdministrator => "Billing Administrator",
            GdapRole::LicenseAdministrator => "License Administrator",
            GdapRole::DirectoryReaders => "Directory Readers",
            GdapRole::GlobalReader => "Global Reader",
            GdapRole::ServiceSupportAdministrator => "Service Support Administrator",
        }
    }

    /// Fluent message id of the role's localised name.
    pub fn message_key(&self) -> &'static str {
        match self {
            GdapRole::GlobalAdministrator => "gdap-role-global-administrator",
            GdapRole::HelpdeskAdministrator => "gdap-role-helpdesk-administrator",
            GdapRole::UserAdministrator => "gdap-role-user-administrator",
            GdapRole::ExchangeAdministrator => "gdap-role-exchange-administrator",
            GdapRole::SharePointAdministrator => "gdap-role-sharepoint-administrator",
            GdapRole::TeamsAdministrator => "gdap-role-teams-administrator",
            GdapRole::SecurityReader => "gdap-role-security-reader",
            GdapRole::BillingAdministrator => "gdap-role-billing-administrator",
            GdapRole::LicenseAdministrator => "gdap-role-license-administrator",
            GdapRole::DirectoryReaders => "gdap-role-directory-readers",
            GdapRole::GlobalReader => "gdap-role-global-reader",
            GdapRole::ServiceSupportAdministrator => "gdap-role-service-support-administrator",
        }
    }

    /// Fluent message id of the one-line plain description of what the role lets
    /// the partner do — what the customer reads before accepting.
    pub fn description_key(&self) -> &'static str {
        match self {
            GdapRole::GlobalAdministrator => "gdap-role-global-administrator-desc",
            GdapRole::HelpdeskAdministrator => "gdap-role-helpdesk-administrator-desc",
            GdapRole::UserAdministrator => "gdap-role-user-administrator-desc",
            GdapRole::ExchangeAdministrator => "gdap-role-exchange-administrator-desc",
            GdapRole::SharePointAdministrator => "gdap-role-sharepoint-administrator-desc",
            GdapRole::TeamsAdministrator => "gdap-role-teams-administrator-desc",
            GdapRole::SecurityReader => "gdap-role-security-reader-desc",
            GdapRole::BillingAdministrator => "gdap-role-billing-administrator-desc",
            GdapRole::LicenseAdministrator => "gdap-role-license-administrator-desc",
            GdapRole::DirectoryReaders => "gdap-role-directory-readers-desc",
            GdapRole::GlobalReader => "gdap-role-global-reader-desc",
            GdapRole::ServiceSupportAdministrator => "gdap-role-service-support-administrator-desc",
        }
    }

    /// Stores a set of roles as one text column: slugs in catalogue order,
    /// comma-separated. Inverse of [`GdapRole::decode_list`].
    pub fn encode_list<'a>(roles: impl IntoIterator<Item = &'a GdapRole>) -> String {
        let sorted: BTreeSet<GdapRole> = roles.into_iter().copied().collect();
        sorted
            .iter()
            .map(GdapRole::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads a column written by [`GdapRole::encode_list`]; the empty string is
    /// the empty set (DAP grants list no roles).
    pub fn decode_list(s: &str) -> Result<BTreeSet<GdapRole>, ParseEnumError> {
        if s.is_empty() {
            return Ok(BTreeSet::new());
        }
        s.split(',').map(str::parse).collect()
    }
}

/// How long a GDAP grant lasts: whole days, 1 to 730 (two years), as in Partner Center.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct GdapDuration(u32);

/// The duration asked for is outside 1..=730 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a GDAP duration is 1 to 730 days, not {0}")]
pub struct GdapDurationError(pub u32);

impl GdapDuration {
    pub const MIN_DAYS: u32 = 1;
    pub const MAX_DAYS: u32 = 730;

    pub fn new(days: u32) -> Result<Self, GdapDurationError> {
        if (Self::MIN_DAYS..=Self::MAX_DAYS).contains(&days) {
            Ok(Self(days))
        } else {
            Err(GdapDurationError(days))
        }
    }

    pub fn days(&self) -> u32 {
        self.0
    }

    /// The end of a grant that starts at `starts_at`.
    pub fn ends_at(&self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at + Duration::days(i64::from(self.0))
    }
}

impl TryFrom<u32> for GdapDuration {
    type Error = GdapDurationError;

    fn try_from(days: u32) -> Result<Self, Self::Error> {
        Self::new(days)
    }
}

impl From<GdapDuration> for u32 {
    fn from(d: GdapDuration) -> Self {
        d.0
    }
}

/// Why a GDAP request cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GdapRequestError {
    #[error("a GDAP request needs at least one role")]
    NoRoles,
    /// Microsoft refuses auto-extend for Global Administrator: standing tenant-wide
    /// power must be asked for again, not renewed silently.
    #[error("auto-extend is not allowed when Global Administrator is requested")]
    AutoExtendWithGlobalAdministrator,
}

/// A validated GDAP request: at least one role (sorted, no duplicates), a
/// duration, and auto-extend only without Global Administrator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GdapRequest {
    roles: BTreeSet<GdapRole>,
    duration: GdapDuration,
    auto_extend: bool,
}

impl GdapRequest {
    pub fn new(
        roles: impl IntoIterator<Item = GdapRole>,
        duration: GdapDuration,
        auto_extend: bool,
    ) -> Result<Self, GdapRequestError> {
        let roles: BTreeSet<GdapRole> = roles.into_iter().collect();
        if roles.is_empty() {
            return Err(GdapRequestError::NoRoles);
        }
        if auto_extend && roles.contains(&GdapRole::GlobalAdministrator) {
            return Err(GdapRequestError::AutoExtendWithGlobalAdministrator);
        }
        Ok(Self {
            roles,
            duration,
            auto_extend,
        })
    }

    /// The requested roles in catalogue order, never empty.
    pub fn roles(&self) -> &BTreeSet<GdapRole> {
        &self.roles
    }

    pub fn duration(&self) -> GdapDuration {
        self.duration
    }

    pub fn auto_extend(&self) -> bool {
        self.auto_extend
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::check_string_table;
    use GdapRole::*;

    #[test]
    fn catalogue_is_exactly_the_twelve_roles() {
        check_string_table(
            GdapRole::ALL,
            GdapRole::as_str,
            &[
                "global_administrator",
                "helpdesk_administrator",
                "user_administrator",
                "exchange_administrator",
                "sharepoint_administrator",
                "teams_administrator",
                "security_reader",
                "billing_administrator",
                "license_administrator",
                "directory_readers",
                "global_reader",
                "service_support_administrator",
            ],
        );
    }

    #[test]
    fn template_ids_are_the_documented_ones() {
        let expected = [
            (
                "Global Administrator",
                "62e90394-69f5-4237-9190-012177145e10",
            ),
            (
                "Helpdesk Administrator",
                "729827e3-9c14-49f7-bb1b-9608f156bbb8",
            ),
            ("User Administrator", "fe930be7-5e62-47db-91af-98c3a49a38b1"),
            (
                "Exchange Administrator",
                "29232cdf-9323-42fd-ade2-1d097af3e4de",
            ),
            (
                "SharePoint Administrator",
                "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
            ),
            (
                "Teams Administrator",
                "69091246-20e8-4a56-aa4d-066075b2a7a8",
            ),
            ("Security Reader", "5d6b6bb7-de71-4623-b4af-96380a352509"),
            (
                "Billing Administrator",
                "b0f54661-2d74-4c50-afa3-1ec803f12efe",
            ),
            (
                "License Administrator",
                "4d6ac14f-3453-41d0-bef9-a3e0c569773a",
            ),
            ("Directory Readers", "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"),
            ("Global Reader", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"),
            (
                "Service Support Administrator",
                "f023fd81-a637-4b56-95fd-791ac0226033",
            ),
        ];
        let got: Vec<_> = GdapRole::ALL
            .iter()
            .map(|r| (r.entra_name(), r.template_id()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn template_ids_are_lowercase_guids() {
        for role in GdapRole::ALL {
            let id = role.template_id();
            let groups: Vec<usize> = id.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{role}");
            assert!(
                id.bytes()
                    .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            );
        }
    }

    #[test]
    fn message_keys_follow_the_slug() {
        for role in GdapRole::ALL {
            let dashed = role.as_str().replace('_', "-");
            assert_eq!(role.message_key(), format!("gdap-role-{dashed}"));
            assert_eq!(role.description_key(), format!("gdap-role-{dashed}-desc"));
        }
    }

    #[test]
    fn role_lists_round_trip_in_catalogue_order() {
        let encoded = GdapRole::encode_list(&[GlobalReader, HelpdeskAdministrator, GlobalReader]);
        assert_eq!(encoded, "helpdesk_administrator,global_reader");
        let decoded = GdapRole::decode_list(&encoded).unwrap();
        assert_eq!(
            decoded.into_iter().collect::<Vec<_>>(),
            [HelpdeskAdministrator, GlobalReader]
        );
        assert_eq!(GdapRole::decode_list(""), Ok(BTreeSet::new()));
        assert!(GdapRole::decode_list("global_reader,").is_err());
        assert!(GdapRole::decode_list("global_reader, user_administrator").is_err());
        assert!(GdapRole::decode_list("owner").is_err());
    }

    #[test]
    fn duration_bounds() {
        assert_eq!(GdapDuration::new(0), Err(GdapDurationError(0)));
        assert_eq!(GdapDuration::new(1).map(|d| d.days()), Ok(1));
        assert_eq!(GdapDuration::new(730).map(|d| d.days()), Ok(730));
        assert_eq!(GdapDuration::new(731), Err(GdapDurationError(731)));
        assert_eq!(
            GdapDuration::try_from(u32::MAX),
            Err(GdapDurationError(u32::MAX))
        );
        assert_eq!(GdapDuration::try_from(90).map(u32::from), Ok(90));
    }

    #[test]
    fn duration_cannot_be_deserialized_out_of_range() {
        use serde::Deserialize;
        use serde::de::value::{Error, U32Deserializer};
        let ok = GdapDuration::deserialize(U32Deserializer::<Error>::new(730));
        assert_eq!(ok.map(|d| d.days()), Ok(730));
        assert!(GdapDuration::deserialize(U32Deserializer::<Error>::new(0)).is_err());
        assert!(GdapDuration::deserialize(U32Deserializer::<Error>::new(731)).is_err());
    }

    #[test]
    fn duration_ends_at() {
        use chrono::TimeZone;
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 8, 30, 0).unwrap();
        let d = GdapDuration::new(730).unwrap();
        assert_eq!(
            d.ends_at(start),
            Utc.with_ymd_and_hms(2028, 1, 1, 8, 30, 0).unwrap()
        );
    }

    fn days(n: u32) -> GdapDuration {
        GdapDuration::new(n).unwrap()
    }

    #[test]
    fn request_needs_a_role() {
        let none: [GdapRole; 0] = [];
        assert_eq!(
            GdapRequest::new(none, days(30), false),
            Err(GdapRequestError::NoRoles)
        );
        assert_eq!(
            GdapRequest::new(none, days(30), true),
            Err(GdapRequestError::NoRoles)
        );
    }

    #[test]
    fn auto_extend_refused_with_global_administrator() {
        assert_eq!(
            GdapRequest::new([GlobalAdministrator], days(730), true),
            Err(GdapRequestError::AutoExtendWithGlobalAdministrator)
        );
        assert_eq!(
            GdapRequest::new([GlobalReader, GlobalAdministrator], days(1), true),
            Err(GdapRequestError::AutoExtendWithGlobalAdministrator)
        );
        let ga = GdapRequest::new([GlobalAdministrator], days(730), false).unwrap();
        assert!(!ga.auto_extend());
    }

    #[test]
    fn auto_extend_allowed_without_global_administrator() {
        let all_but_ga: Vec<GdapRole> = GdapRole::ALL
            .iter()
            .copied()
            .filter(|r| *r != GlobalAdministrator)
            .collect();
        let req = GdapRequest::new(all_but_ga.clone(), days(730), true).unwrap();
        assert!(req.auto_extend());
        assert_eq!(req.roles().iter().copied().collect::<Vec<_>>(), all_but_ga);
        assert_eq!(req.duration().days(), 730);
    }

    #[test]
    fn request_roles_are_sorted_and_deduplicated() {
        let req = GdapRequest::new(
            [
                GlobalReader,
                UserAdministrator,
                GlobalReader,
                HelpdeskAdministrator,
            ],
            days(90),
            false,
        )
        .unwrap();
        assert_eq!(
            req.roles().iter().copied().collect::<Vec<_>>(),
            [HelpdeskAdministrator, UserAdministrator, GlobalReader]
        );
    }
}
