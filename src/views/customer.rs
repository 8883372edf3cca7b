//! Template structs of the customer area: the invitation link a customer's Global
//! Administrator opens, and the customer's partners and subscriptions. The rows here are
//! plain display values (names, catalog keys, dates) computed once from the flows' results, so
//! the templates stay free of logic.

use askama::Template;
use chrono::NaiveDateTime;

use super::Page;
use crate::db::models::{AdminAccess, Relationship, Tenant};
use crate::domain::{EndedBy, GdapRole};
use crate::flows::customer::PartnerSummary;
use crate::policy::AccessDifference;

/// Most characters a reason for ending a relationship may have.
pub const END_REASON_MAX_CHARS: usize = crate::domain::FREE_TEXT_MAX_CHARS;

pub use super::access::{AccessView, Viewer};
pub use super::subscription::SubscriptionView;

/// One relationship (current or past) with a partner.
#[derive(Debug, Clone)]
pub struct RelationshipView {
    pub type_key: &'static str,
    pub is_active: bool,
    pub state_key: &'static str,
    pub established_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
    pub ended_by_customer: bool,
    pub end_reason: Option<String>,
}

impl RelationshipView {
    pub fn new(relationship: &Relationship) -> RelationshipView {
        let is_active = relationship.is_active();
        RelationshipView {
            type_key: relationship.relationship_type.message_key(),
            is_active,
            state_key: if is_active {
                "relationship-state-active"
            } else {
                "relationship-state-ended"
            },
            established_at: relationship.established_at,
            ended_at: relationship.ended_at,
            ended_by_customer: relationship.ended_by == Some(EndedBy::Customer),
            end_reason: relationship.end_reason.clone(),
        }
    }
}

/// One partner of the customer, as the list and the detail page show it.
#[derive(Debug, Clone)]
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub partner_id: Option<String>,
    /// The active relationship, else the most recent one.
    pub relationship: RelationshipView,
    /// For an indirect reseller: the provider it sells through.
    pub provider_name: Option<String>,
    /// The access in force, else the most recent grant (shown expired or removed).
    pub access: Option<AccessView>,
    pub is_partner_of_record: bool,
}

impl PartnerRow {
    /// `all_access` is every grant of the customer (any partner), newest first.
    pub fn new(summary: &PartnerSummary, all_access: &[AdminAccess], now: NaiveDateTime) -> Self {
        let access = summary
            .admin_access
            .as_ref()
            .or_else(|| {
                all_access
                    .iter()
                    .find(|a| a.partner_tenant_id == summary.partner.id)
            })
            .map(|a| AccessView::new(a, now, Viewer::Customer));
        PartnerRow {
            id: summary.partner.id,
            name: summary.partner.name.clone(),
            partner_id: summary.partner.partner_id.clone(),
            relationship: RelationshipView::new(&summary.relationship),
            provider_name: summary.provider.as_ref().map(|p| p.name.clone()),
            access,
            is_partner_of_record: summary.is_partner_of_record,
        }
    }

    /// Admin access that is in force right now.
    pub fn active_access(&self) -> Option<&AccessView> {
        self.access.as_ref().filter(|a| a.is_active)
    }
}

#[derive(Template)]
#[template(path = "customer/partners.html")]
pub struct PartnersPage {
    pub page: Page,
    pub customer_name: String,
    pub partners: Vec<PartnerRow>,
}

#[derive(Template)]
#[template(path = "customer/partner.html")]
pub struct PartnerPage {
    pub page: Page,
    pub partner: PartnerRow,
    pub history: Vec<RelationshipView>,
    pub access_history: Vec<AccessView>,
    pub subscriptions: Vec<SubscriptionView>,
    /// The user may remove admin access and end the relationship (Global Administrator).
    pub can_manage: bool,
}

#[derive(Template)]
#[template(path = "customer/remove_access.html")]
pub struct RemoveAccessPage {
    pub page: Page,
    pub partner: PartnerRow,
}

#[derive(Template)]
#[template(path = "customer/end_relationship.html")]
pub struct EndRelationshipPage {
    pub page: Page,
    pub partner: PartnerRow,
    pub subscriptions: Vec<SubscriptionView>,
    /// What was typed, when the form comes back with an error.
    pub reason: String,
    pub error: Option<&'static str>,
    pub max_chars: usize,
}

#[derive(Template)]
#[template(path = "customer/subscriptions.html")]
pub struct SubscriptionsPage {
    pub page: Page,
    pub customer_name: String,
    pub subscriptions: Vec<SubscriptionView>,
}

// ---------------------------------------------------------------------------------------------
// The invitation link.

/// A partner tenant on the acceptance page.
#[derive(Debug, Clone)]
pub struct PartyView {
    pub id: i64,
    pub name: String,
    pub partner_id: Option<String>,
    pub type_key: Option<&'static str>,
}

impl PartyView {
    pub fn new(tenant: &Tenant) -> PartyView {
        PartyView {
            id: tenant.id,
            name: tenant.name.clone(),
            partner_id: tenant.partner_id.clone(),
            type_key: tenant
                .partner_type()
                .map(|t| crate::domain::RelationshipType::from(t).message_key()),
        }
    }
}

/// A relationship accepting would create.
#[derive(Debug, Clone)]
pub struct PlannedRelationship {
    pub name: String,
    pub partner_id: Option<String>,
    pub type_key: &'static str,
    pub via: Option<String>,
}

/// The admin access an invitation asks for, in plain words.
#[derive(Debug, Clone)]
pub enum AskedAccess {
    None,
    Dap,
    Gdap {
        roles: Vec<GdapRole>,
        days: i32,
        /// The end if accepted now.
        ends_at: Option<NaiveDateTime>,
        auto_extend: bool,
    },
}

#[derive(Template)]
#[template(path = "invitation/show.html")]
pub struct InvitationPage {
    pub page: Page,
    /// `/invitations/{token}`: the forms post below it.
    pub link: String,
    pub customer_name: String,
    pub partner: PartyView,
    pub provider: Option<PartyView>,
    pub message: Option<String>,
    pub access_key: &'static str,
    pub expires_at: NaiveDateTime,
    /// Relationships accepting creates (in creation order).
    pub relationships: Vec<PlannedRelationship>,
    /// Partners of this invitation the customer already works with.
    pub already_partners: Vec<String>,
    pub asked: AskedAccess,
    /// What is asked against what the partner already holds, sentence by sentence (empty when
    /// it holds nothing or nothing is asked).
    pub access_difference: Vec<String>,
    /// The customer's current partners, other than those of this invitation.
    pub other_partners: Vec<String>,
    /// Set when the form comes back (the authorisation box was not ticked).
    pub error: Option<&'static str>,
}

/// Why an invitation link cannot be used, as one page.
#[derive(Template)]
#[template(path = "invitation/refused.html")]
pub struct InvitationRefusedPage {
    pub page: Page,
    pub title_key: &'static str,
    pub text: String,
    /// Who sent it, when the viewer may know.
    pub partner: Option<PartyView>,
    /// Link to the partner's page (already a partner).
    pub partner_link: Option<i64>,
    /// Already a partner: what is asked against what it holds.
    pub access_difference: Vec<String>,
    /// Offer to sign out (signed in with the wrong account).
    pub offer_sign_out: bool,
}

/// What an invitation asks for against what `partner` holds, in plain sentences: exactly which
/// kind or roles differ, so "already has the access" is said only when it is true.
pub fn access_difference_text(
    page: &Page,
    partner: &str,
    difference: &AccessDifference,
) -> Vec<String> {
    let roles = |set: &std::collections::BTreeSet<GdapRole>| {
        set.iter()
            .map(|r| page.t(r.message_key()))
            .collect::<Vec<_>>()
            .join(&page.t("invitation-email-role-separator"))
    };
    let with_roles = |key: &str, set| page.t2(key, "partner", partner, "roles", &roles(set));
    match difference {
        AccessDifference::NothingAsked | AccessDifference::NothingHeld => Vec::new(),
        AccessDifference::DapHeld => vec![page.t1("accept-held-dap", "partner", partner)],
        AccessDifference::DapAskedGdapHeld { held_roles } => {
            vec![with_roles("accept-held-gdap-asked-dap", held_roles)]
        }
        AccessDifference::GdapAskedDapHeld => {
            vec![page.t1("accept-held-dap-asked-gdap", "partner", partner)]
        }
        AccessDifference::GdapRoles {
            not_held,
            held_not_asked,
        } => {
            let mut text = vec![if not_held.is_empty() {
                page.t1("accept-held-gdap-covered", "partner", partner)
            } else {
                with_roles("accept-held-gdap-missing", not_held)
            }];
            if !held_not_asked.is_empty() {
                text.push(with_roles("accept-held-gdap-extra", held_not_asked));
            }
            text
        }
    }
}

/// What declining means, before the customer confirms it.
#[derive(Template)]
#[template(path = "invitation/decline.html")]
pub struct DeclinePage {
    pub page: Page,
    /// `/invitations/{token}`: the form posts to its `/decline`, Cancel returns to it.
    pub link: String,
    pub partner: PartyView,
}

#[derive(Template)]
#[template(path = "invitation/not_found.html")]
pub struct InvitationNotFoundPage {
    pub page: Page,
}
