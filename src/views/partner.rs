//! Template structs of the partner area: the partner's customers (with only the subscriptions it
//! is Partner of Record of, and the order form), and its invitations (list, form, the page that
//! shows the link once, detail, revoke confirmation). Rows are plain display values (names,
//! catalog keys, dates) computed once here, so the templates stay free of logic.

use askama::Template;
use chrono::NaiveDateTime;

use super::Page;
use crate::db::models::invitation::Invitation;
use crate::db::models::{AdminAccess, Offer, Relationship, Tenant};
use crate::domain::invitation::effective_state;
use crate::domain::{EndedBy, GdapRole, InvitationAccess, InvitationState};
use crate::forms::{InvitationFieldErrors, InvitationInput, OrderFieldErrors, OrderInput};

// ---------------------------------------------------------------------------------------------
// Customers.

/// The partner's relationship with one customer.
#[derive(Debug, Clone)]
pub struct RelationshipView {
    pub type_key: &'static str,
    pub is_active: bool,
    pub state_key: &'static str,
    pub established_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
    /// Ended from the partner's side (else by the customer).
    pub ended_by_partner: bool,
    pub end_reason: Option<String>,
    /// For an indirect reseller's relationship: its own provider.
    pub provider_name: Option<String>,
}

impl RelationshipView {
    pub fn new(relationship: &Relationship, provider_name: Option<String>) -> RelationshipView {
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
            ended_by_partner: relationship.ended_by == Some(EndedBy::Partner),
            end_reason: relationship.end_reason.clone(),
            provider_name,
        }
    }
}

pub use super::access::{AccessView, Viewer};
pub use super::subscription::SubscriptionView;
use super::subscription::term_key;

/// One customer of the partner, as the list and the detail page show it.
#[derive(Debug, Clone)]
pub struct CustomerRow {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    /// The active relationship, else the most recent one.
    pub relationship: RelationshipView,
    /// The access in force, else the most recent grant (shown expired or removed).
    pub access: Option<AccessView>,
}

impl CustomerRow {
    /// `history` is this partner's grants in this customer (any state), newest first.
    pub fn new(
        customer: &Tenant,
        relationship: RelationshipView,
        active: Option<&AdminAccess>,
        history: &[&AdminAccess],
        now: NaiveDateTime,
    ) -> CustomerRow {
        CustomerRow {
            id: customer.id,
            name: customer.name.clone(),
            domain: customer.default_domain.clone(),
            relationship,
            access: active
                .or_else(|| history.first().copied())
                .map(|a| AccessView::new(a, now, Viewer::Partner)),
        }
    }

    /// Admin access that is in force right now.
    pub fn active_access(&self) -> Option<&AccessView> {
        self.access.as_ref().filter(|a| a.is_active)
    }
}

/// An offer of the catalogue, for the order form.
#[derive(Debug, Clone)]
pub struct OfferOption {
    pub id: i64,
    pub name: String,
    pub term_key: &'static str,
    pub selected: bool,
}

impl OfferOption {
    pub fn list(offers: &[Offer], chosen: &str) -> Vec<OfferOption> {
        offers
            .iter()
            .map(|o| OfferOption {
                id: o.id,
                name: o.name.clone(),
                term_key: term_key(&o.term),
                selected: o.id.to_string() == chosen,
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "partner/customers.html")]
pub struct CustomersPage {
    pub page: Page,
    pub partner_name: String,
    pub customers: Vec<CustomerRow>,
}

#[derive(Template)]
#[template(path = "partner/customer.html")]
pub struct CustomerPage {
    pub page: Page,
    pub partner_name: String,
    pub customer: CustomerRow,
    pub access_history: Vec<AccessView>,
    /// Only those with this partner as Partner of Record.
    pub subscriptions: Vec<SubscriptionView>,
    /// The order form is shown (active relationship, and the user may order).
    pub can_order: bool,
    pub offers: Vec<OfferOption>,
    pub order: OrderInput,
    pub order_errors: OrderFieldErrors,
    /// The user may terminate admin access and end the relationship (admin agents).
    pub can_end: bool,
}

impl CustomerPage {
    /// The access history is worth its own table (more than the one grant shown above).
    pub fn show_history(&self) -> bool {
        let shown_above = usize::from(self.customer.access.is_some());
        self.access_history.len() > shown_above
    }
}

/// `GET /partner/customers/{id}/admin-access/terminate`: what terminating does, then confirm.
#[derive(Template)]
#[template(path = "partner/terminate_access.html")]
pub struct TerminateAccessPage {
    pub page: Page,
    pub customer: CustomerRow,
}

/// `GET /partner/customers/{id}/end`: what ending does (nothing to any subscription), then
/// confirm with an optional reason.
#[derive(Template)]
#[template(path = "partner/end_relationship.html")]
pub struct EndRelationshipPage {
    pub page: Page,
    pub partner_name: String,
    pub customer: CustomerRow,
    /// The subscriptions this partner sold the customer: all continue unchanged.
    pub subscriptions: Vec<SubscriptionView>,
    /// What was typed, when the form comes back with an error.
    pub reason: String,
    pub error: Option<&'static str>,
    pub max_chars: usize,
}

// ---------------------------------------------------------------------------------------------
// Invitations.

/// An invitation as the partner sees it, with its state as of now.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub id: i64,
    pub access_key: &'static str,
    pub is_gdap: bool,
    pub is_dap: bool,
    pub roles: Vec<GdapRole>,
    pub duration_days: Option<i32>,
    pub auto_extend: bool,
    pub customer_domain: Option<String>,
    pub message: Option<String>,
    pub state_key: &'static str,
    pub state_badge: &'static str,
    /// Pending and not expired: it can still be accepted, and revoked.
    pub is_pending: bool,
    pub is_accepted: bool,
    pub is_revoked: bool,
    pub created_at: NaiveDateTime,
    pub created_by: String,
    pub expires_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    /// Who accepted, declined or revoked it (detail page only).
    pub decided_by: Option<String>,
    /// The customer that accepted or declined.
    pub customer_name: Option<String>,
    /// The indirect provider an indirect reseller named.
    pub provider_name: Option<String>,
    /// The partner's own name for it.
    pub display_name: Option<String>,
}

impl InvitationView {
    pub fn new(
        invitation: &Invitation,
        created_by: String,
        customer_name: Option<String>,
        now: NaiveDateTime,
    ) -> InvitationView {
        let state = effective_state(
            invitation.state,
            invitation.expires_at.and_utc(),
            now.and_utc(),
        );
        let access = invitation.access;
        InvitationView {
            id: invitation.id,
            access_key: access.message_key(),
            is_gdap: access == InvitationAccess::ResellerGdap,
            is_dap: access == InvitationAccess::ResellerDap,
            roles: invitation.roles(),
            duration_days: invitation.gdap_duration_days,
            auto_extend: invitation.auto_extend,
            customer_domain: invitation.customer_domain.clone(),
            message: invitation.message.clone(),
            state_key: state.message_key(),
            state_badge: match state {
                InvitationState::Pending => "badge-warn",
                InvitationState::Accepted => "badge-ok",
                InvitationState::Declined | InvitationState::Revoked | InvitationState::Expired => {
                    "badge-danger"
                }
            },
            is_pending: state == InvitationState::Pending,
            is_accepted: state == InvitationState::Accepted,
            is_revoked: state == InvitationState::Revoked,
            created_at: invitation.created_at,
            created_by,
            expires_at: invitation.expires_at,
            decided_at: invitation.decided_at,
            decided_by: None,
            customer_name,
            provider_name: None,
            display_name: invitation.display_name.clone(),
        }
    }

    pub fn duration_text(&self) -> String {
        self.duration_days
            .map(|d| d.to_string())
            .unwrap_or_default()
    }
}

/// One choice of the invitation list's state filter.
#[derive(Debug, Clone)]
pub struct StateChoice {
    /// The query value (`""`: every state).
    pub value: &'static str,
    pub label_key: &'static str,
    pub selected: bool,
}

impl StateChoice {
    pub fn list(chosen: Option<InvitationState>) -> Vec<StateChoice> {
        let mut choices = vec![StateChoice {
            value: "",
            label_key: "invitation-filter-any",
            selected: chosen.is_none(),
        }];
        choices.extend(InvitationState::ALL.iter().map(|s| StateChoice {
            value: s.as_str(),
            label_key: s.message_key(),
            selected: chosen == Some(*s),
        }));
        choices
    }
}

#[derive(Template)]
#[template(path = "partner/invitations.html")]
pub struct InvitationsPage {
    pub page: Page,
    pub partner_name: String,
    pub states: Vec<StateChoice>,
    /// The state filtered on, for the "none in this state" message.
    pub filtered: bool,
    pub invitations: Vec<InvitationView>,
    /// Link to the next (older) page, if there is one.
    pub next: Option<String>,
    /// Link back to the first page, when on a later one.
    pub first: Option<String>,
}

/// An indirect provider an indirect reseller may act for.
#[derive(Debug, Clone)]
pub struct ProviderOption {
    pub id: i64,
    pub name: String,
    pub partner_id: Option<String>,
    pub selected: bool,
}

impl ProviderOption {
    pub fn list(providers: &[Tenant], chosen: &str) -> Vec<ProviderOption> {
        let only_one = providers.len() == 1;
        providers
            .iter()
            .map(|p| ProviderOption {
                id: p.id,
                name: p.name.clone(),
                partner_id: p.partner_id.clone(),
                selected: p.id.to_string() == chosen || (only_one && chosen.is_empty()),
            })
            .collect()
    }
}

/// One choice of what the invitation asks for.
#[derive(Debug, Clone)]
pub struct AccessChoice {
    pub value: &'static str,
    pub label_key: &'static str,
    pub hint_key: &'static str,
    pub checked: bool,
}

/// One GDAP role checkbox.
#[derive(Debug, Clone)]
pub struct RoleChoice {
    pub role: GdapRole,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "partner/new_invitation.html")]
pub struct NewInvitationPage {
    pub page: Page,
    pub partner_name: String,
    pub input: InvitationInput,
    pub errors: InvitationFieldErrors,
    pub access_choices: Vec<AccessChoice>,
    pub role_choices: Vec<RoleChoice>,
    /// Indirect resellers name the provider they act for.
    pub is_indirect_reseller: bool,
    pub providers: Vec<ProviderOption>,
    pub message_max: usize,
    pub name_max: usize,
    /// Admin agents may ask for DAP or GDAP; a sales agent's form offers a reseller
    /// relationship only and says why.
    pub may_request_admin: bool,
}

impl NewInvitationPage {
    pub fn new(
        page: Page,
        partner_name: String,
        input: InvitationInput,
        errors: InvitationFieldErrors,
        is_indirect_reseller: bool,
        providers: &[Tenant],
        may_request_admin: bool,
    ) -> NewInvitationPage {
        let mut input = input;
        if !may_request_admin {
            // The one choice offered is the one chosen.
            input.access = InvitationAccess::Reseller.as_str().to_owned();
        }
        let access_choices = InvitationAccess::ALL
            .iter()
            .filter(|a| may_request_admin || **a == InvitationAccess::Reseller)
            .map(|a| AccessChoice {
                value: a.as_str(),
                label_key: a.message_key(),
                hint_key: match a {
                    InvitationAccess::Reseller => "invitation-form-access-reseller-hint",
                    InvitationAccess::ResellerDap => "invitation-form-access-dap-hint",
                    InvitationAccess::ResellerGdap => "invitation-form-access-gdap-hint",
                },
                checked: input.access == a.as_str(),
            })
            .collect();
        let role_choices = GdapRole::ALL
            .iter()
            .map(|role| RoleChoice {
                role: *role,
                checked: input.has_role(role),
            })
            .collect();
        let providers = ProviderOption::list(providers, &input.provider);
        NewInvitationPage {
            page,
            partner_name,
            input,
            errors,
            access_choices,
            role_choices,
            is_indirect_reseller,
            providers,
            message_max: crate::forms::MESSAGE_MAX_CHARS,
            name_max: crate::forms::NAME_MAX_CHARS,
            may_request_admin,
        }
    }

    /// `aria-describedby` of a field: its hint, and its error when it has one.
    pub fn described_by(&self, field: &str, has_hint: bool) -> String {
        let error = self
            .errors
            .summary()
            .iter()
            .any(|(id, _)| *id == field || (field == "access" && *id == "access-reseller"));
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{field}-hint"));
        }
        if error {
            ids.push(format!("{field}-error"));
        }
        ids.join(" ")
    }
}

/// The ready-to-send e-mail, in the partner user's language: paragraphs before and after the
/// link (which the template shows once, between them).
#[derive(Debug, Clone)]
pub struct InvitationEmail {
    pub subject: String,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

impl InvitationEmail {
    pub fn new(
        page: &Page,
        invitation: &InvitationView,
        partner: &Tenant,
        sender_name: &str,
    ) -> InvitationEmail {
        let partner_name = partner.name.as_str();
        let mut before = vec![page.t("invitation-email-greeting")];
        before.push(match &partner.partner_id {
            Some(pid) => page.t2(
                "invitation-email-intro-with-id",
                "partner",
                partner_name,
                "id",
                pid,
            ),
            None => page.t1("invitation-email-intro", "partner", partner_name),
        });
        if let Some(provider) = &invitation.provider_name {
            before.push(page.t2(
                "invitation-email-provider",
                "partner",
                partner_name,
                "provider",
                provider,
            ));
        }
        if invitation.is_dap {
            before.push(page.t1("invitation-email-dap", "partner", partner_name));
        }
        if invitation.is_gdap {
            let roles: Vec<String> = invitation
                .roles
                .iter()
                .map(|r| page.t(r.message_key()))
                .collect();
            let separator = page.t("invitation-email-role-separator");
            before.push(page.t2(
                "invitation-email-gdap",
                "roles",
                &roles.join(&separator),
                "days",
                &invitation.duration_text(),
            ));
            if invitation.auto_extend {
                before.push(page.t("invitation-email-auto-extend"));
            }
        }
        if let Some(domain) = &invitation.customer_domain {
            before.push(page.t1("invitation-email-domain", "domain", domain));
        }
        if let Some(message) = &invitation.message {
            before.push(message.clone());
        }
        before.push(page.t("invitation-email-open"));
        let after = vec![
            page.t1(
                "invitation-email-expires",
                "date",
                page.datetime(&invitation.expires_at).as_str(),
            ),
            page.t("invitation-email-guarantee"),
            page.t2(
                "invitation-email-signature",
                "name",
                sender_name,
                "partner",
                partner_name,
            ),
        ];
        InvitationEmail {
            subject: page.t1("invitation-email-subject", "partner", partner_name),
            before,
            after,
        }
    }
}

#[derive(Template)]
#[template(path = "partner/created.html")]
pub struct CreatedPage {
    pub page: Page,
    pub invitation: InvitationView,
    /// `BASE_URL/invitations/{token}`: shown on this page only, never stored.
    pub link: String,
    pub email: InvitationEmail,
    /// A new link for an existing invitation (the old one no longer works).
    pub reissued: bool,
}

#[derive(Template)]
#[template(path = "partner/invitation.html")]
pub struct InvitationPage {
    pub page: Page,
    pub invitation: InvitationView,
    pub can_revoke: bool,
}

#[derive(Template)]
#[template(path = "partner/revoke.html")]
pub struct RevokePage {
    pub page: Page,
    pub invitation: InvitationView,
}

/// `GET /partner/invitations/{id}/reissue`: what a new link does, then confirm.
#[derive(Template)]
#[template(path = "partner/reissue.html")]
pub struct ReissuePage {
    pub page: Page,
    pub invitation: InvitationView,
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    /// Every key the partner templates name resolves in both languages (the i18n test checks
    /// only some prefixes; `partners-` and `customers-` keys are checked here).
    #[test]
    fn template_keys_exist_in_both_languages() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/partner");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["t(\"", "t1(\"", "t2(\""] {
                for piece in text.split(call).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    for lang in Lang::ALL {
                        let shown = if call == "t(\"" {
                            lang.t(key)
                        } else {
                            let args = [
                                "partner", "date", "days", "name", "domain", "provider",
                                "customer", "max", "used",
                            ];
                            let args: Vec<(&'static str, &str)> =
                                args.iter().map(|a| (*a, "x")).collect();
                            lang.t_args(key, &args)
                        };
                        assert_ne!(shown, key, "{}: {key} missing in {lang:?}", path.display());
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "only {checked} keys found");
        for key in [
            "subscription-status-active",
            "subscription-status-suspended",
            "subscription-status-cancelled",
            "subscription-term-p1m",
            "subscription-term-p1y",
            "subscription-term-p3y",
            "subscription-term-none",
        ] {
            for lang in Lang::ALL {
                assert_ne!(lang.t(key), key, "{key} missing in {lang:?}");
            }
        }
    }
}
