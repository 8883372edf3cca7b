//! Template structs of the operator area.

use askama::Template;

use super::Page;
use crate::db::listings::{AuditRow, CustomerRow, InvitationRow, RelationshipRow};
use crate::flows::admin::Overview;
use crate::i18n::Formatted;
use crate::listing::{AuditFilter, CustomerFilter, InvitationFilter, RelationshipFilter};

/// Links shared by every listing page.
pub struct Paging {
    /// The next page, with the same filters.
    pub next: Option<String>,
    /// Back to the first page (shown on later pages).
    pub first: Option<String>,
    /// The CSV export of the whole filtered listing.
    pub csv: String,
}

/// A listing's partner filter as the form shows it: a text box for a partner's name (it
/// works at any number of partners), and what the name typed matched.
pub struct PartnerField {
    /// What the text box holds: the chosen partner's name, or the text typed.
    pub text: String,
    /// The name typed matched no partner.
    pub no_match: bool,
    /// The name typed matched several partners: a link per partner that keeps the rest of
    /// the filter, and whether more partners match than are offered.
    pub choices: Vec<PartnerChoice>,
    pub more: bool,
}

impl PartnerField {
    /// The name typed is not one partner yet: the page says so instead of listing rows.
    pub fn pending(&self) -> bool {
        self.no_match || !self.choices.is_empty()
    }
}

pub struct PartnerChoice {
    pub href: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "admin/overview.html")]
pub struct OverviewPage {
    pub page: Page,
    pub overview: Overview,
    pub chart: String,
    pub expiring_cap: i64,
}

impl OverviewPage {
    pub fn relationships_total(&self) -> i64 {
        self.overview.relationships_direct
            + self.overview.relationships_indirect_provider
            + self.overview.relationships_indirect_reseller
    }

    pub fn multi_partner_percent(&self) -> Formatted {
        let share = if self.overview.customers == 0 {
            0.0
        } else {
            self.overview.multi_partner_customers as f64 / self.overview.customers as f64
        };
        self.percent(&share)
    }

    /// A share (0–1) as a percentage with one decimal, in the page's language.
    pub fn percent(&self, share: &f64) -> Formatted {
        self.page.lang.decimal1(share * 100.0)
    }
}

#[derive(Template)]
#[template(path = "admin/relationships.html")]
pub struct RelationshipsPage {
    pub page: Page,
    pub filter: RelationshipFilter,
    pub rows: Vec<RelationshipRow>,
    pub paging: Paging,
    pub partner: PartnerField,
}

#[derive(Template)]
#[template(path = "admin/invitations.html")]
pub struct InvitationsPage {
    pub page: Page,
    pub filter: InvitationFilter,
    pub rows: Vec<InvitationRow>,
    pub paging: Paging,
    pub partner: PartnerField,
}

#[derive(Template)]
#[template(path = "admin/customers.html")]
pub struct CustomersPage {
    pub page: Page,
    pub filter: CustomerFilter,
    pub rows: Vec<CustomerRow>,
    pub paging: Paging,
    pub partner: PartnerField,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub page: Page,
    pub filter: AuditFilter,
    pub rows: Vec<AuditRow>,
    pub paging: Paging,
}
