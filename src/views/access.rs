//! Admin access as the pages show it, shared by the customer and partner areas.

use chrono::NaiveDateTime;

use crate::db::models::AdminAccess;
use crate::domain::admin_access::auto_extension;
use crate::domain::{AdminAccessKind, AdminAccessState, EndedBy, GdapRole};

/// Who looks at a grant: DAP reads "your admin agents" to the partner and "the partner's
/// admin agents" to the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Customer,
    Partner,
}

/// A grant of admin access, with its state as of now.
#[derive(Debug, Clone)]
pub struct AccessView {
    pub kind_key: &'static str,
    pub is_dap: bool,
    /// What DAP grants, worded for the viewer.
    pub dap_roles_key: &'static str,
    pub state_key: &'static str,
    pub state_badge: &'static str,
    pub is_active: bool,
    pub is_expired: bool,
    pub roles: Vec<GdapRole>,
    pub starts_at: NaiveDateTime,
    /// For active access that auto-extends, the end after the extensions due by now.
    pub ends_at: Option<NaiveDateTime>,
    pub auto_extend: bool,
    pub removed_at: Option<NaiveDateTime>,
    /// Ended from the partner's side (terminated), not removed by the customer.
    pub terminated_by_partner: bool,
    /// How a removal reads to the viewer: who did it, with `$date`.
    pub removed_key: &'static str,
}

impl AccessView {
    pub fn new(access: &AdminAccess, now: NaiveDateTime, viewer: Viewer) -> AccessView {
        let state = access.effective_state(now);
        let ends_at = access.ends_at.map(|end| {
            if state == AdminAccessState::Active {
                auto_extension(end.and_utc(), access.auto_extend, now.and_utc())
                    .ends_at
                    .naive_utc()
            } else {
                end
            }
        });
        let kind = access.kind;
        AccessView {
            kind_key: kind.message_key(),
            is_dap: kind == AdminAccessKind::Dap,
            dap_roles_key: match viewer {
                Viewer::Customer => "customer-dap-roles",
                Viewer::Partner => "customers-dap-roles",
            },
            state_key: state.message_key(),
            state_badge: match state {
                AdminAccessState::Active => "badge-ok",
                AdminAccessState::Expired => "badge-warn",
                AdminAccessState::Removed => "badge-danger",
            },
            is_active: state == AdminAccessState::Active,
            is_expired: state == AdminAccessState::Expired,
            roles: access.roles(),
            starts_at: access.starts_at,
            ends_at,
            auto_extend: access.auto_extend,
            removed_at: access.removed_at,
            terminated_by_partner: access.removed_by == Some(EndedBy::Partner),
            removed_key: match (viewer, access.removed_by) {
                (Viewer::Customer, Some(EndedBy::Partner)) => "admin-access-terminated-on",
                (Viewer::Partner, Some(EndedBy::Partner)) => "admin-access-terminated-by-you-on",
                (Viewer::Partner, Some(EndedBy::Customer)) => "admin-access-removed-by-customer-on",
                (Viewer::Customer, _) | (Viewer::Partner, None) => "admin-access-removed-on",
            },
        }
    }
}
