//! Typed form input: parse, don't validate. Each form decodes into domain types or a list of
//! field errors (message keys) to show beside the fields.
//!
//! Decoding is pure: no database, no clock. What needs the database (whether a named indirect
//! provider is associated, whether an offer exists) is the flow's to check. On error the user's
//! values come back unchanged so the form can be shown again as it was typed.

use crate::domain::{
    CustomerDomain, EndReason, FREE_TEXT_MAX_CHARS, FreeText, GdapDuration, GdapRequest,
    GdapRequestError, GdapRole, InvitationAccess, InvitationExpiry, InvitationMessage, Quantity,
    RecordId,
};
use crate::flows::invitations::InvitationRequest;
use crate::policy::RequestedAccess;
use crate::web::form::FormFields;

/// Most characters the optional message to the customer may have.
pub const MESSAGE_MAX_CHARS: usize = FREE_TEXT_MAX_CHARS;

/// Most characters an invitation's optional name may have (Graph's `displayName` limit).
pub const NAME_MAX_CHARS: usize = 50;

/// The GDAP duration a new form suggests: the longest Partner Center allows.
pub const DEFAULT_GDAP_DAYS: u32 = GdapDuration::MAX_DAYS;

// ---------------------------------------------------------------------------------------------
// The invitation form.

/// What the partner typed into the invitation form, kept verbatim to show the form again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationInput {
    /// `reseller`, `reseller_dap` or `reseller_gdap` (the stored spellings).
    pub access: String,
    /// GDAP role slugs, as ticked.
    pub roles: Vec<String>,
    pub duration_days: String,
    pub auto_extend: bool,
    pub customer_domain: String,
    pub message: String,
    pub expiry_days: String,
    /// The indirect provider's tenant id (indirect resellers only).
    pub provider: String,
    /// The invitation's optional name.
    pub display_name: String,
}

impl Default for InvitationInput {
    /// A new form: relationship only (the least access), the default durations.
    fn default() -> Self {
        InvitationInput {
            access: InvitationAccess::Reseller.as_str().to_owned(),
            roles: Vec::new(),
            duration_days: DEFAULT_GDAP_DAYS.to_string(),
            auto_extend: false,
            customer_domain: String::new(),
            message: String::new(),
            expiry_days: InvitationExpiry::DEFAULT_DAYS.to_string(),
            provider: String::new(),
            display_name: String::new(),
        }
    }
}

impl InvitationInput {
    pub fn from_fields(fields: &FormFields) -> InvitationInput {
        let text = |name: &str| fields.get(name).unwrap_or_default().to_owned();
        InvitationInput {
            access: text("access"),
            roles: fields
                .all("role")
                .into_iter()
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect(),
            duration_days: text("duration_days"),
            auto_extend: fields.checked("auto_extend"),
            customer_domain: text("customer_domain"),
            message: text("message"),
            expiry_days: text("expiry_days"),
            provider: text("provider"),
            display_name: text("display_name"),
        }
    }

    /// Whether the role with this slug is ticked.
    pub fn has_role(&self, role: &GdapRole) -> bool {
        self.roles.iter().any(|r| r == role.as_str())
    }
}

/// Message keys of what is wrong, per field (`None`: the field is fine).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvitationFieldErrors {
    pub access: Option<&'static str>,
    pub roles: Option<&'static str>,
    pub duration: Option<&'static str>,
    pub auto_extend: Option<&'static str>,
    pub customer_domain: Option<&'static str>,
    pub message: Option<&'static str>,
    pub expiry: Option<&'static str>,
    pub provider: Option<&'static str>,
    pub display_name: Option<&'static str>,
}

impl InvitationFieldErrors {
    pub fn is_empty(&self) -> bool {
        self.summary().is_empty()
    }

    /// `(element id of the field, message key)` in form order, for the error summary at the
    /// top of the form (each entry links to its field).
    pub fn summary(&self) -> Vec<(&'static str, &'static str)> {
        [
            ("provider", self.provider),
            ("display_name", self.display_name),
            ("access-reseller", self.access),
            ("roles", self.roles),
            ("duration_days", self.duration),
            ("auto_extend", self.auto_extend),
            ("customer_domain", self.customer_domain),
            ("message", self.message),
            ("expiry_days", self.expiry),
        ]
        .into_iter()
        .filter_map(|(id, key)| key.map(|k| (id, k)))
        .collect()
    }
}

/// The form could not be decoded: the values as typed, and what is wrong with them (boxed, so
/// the `Result` stays small).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationFormErrors {
    pub input: Box<InvitationInput>,
    pub errors: Box<InvitationFieldErrors>,
}

/// Decodes the invitation form. The GDAP fields (roles, duration, auto-extend) count only
/// when GDAP is asked for; they are ignored otherwise.
pub fn invitation(fields: &FormFields) -> Result<InvitationRequest, InvitationFormErrors> {
    let input = InvitationInput::from_fields(fields);
    let mut errors = InvitationFieldErrors::default();

    let access_kind = input.access.parse::<InvitationAccess>().ok();
    if access_kind.is_none() {
        errors.access = Some("invitation-error-access");
    }

    let mut access = None;
    match access_kind {
        Some(InvitationAccess::Reseller) => access = Some(RequestedAccess::Reseller),
        Some(InvitationAccess::ResellerDap) => access = Some(RequestedAccess::ResellerDap),
        Some(InvitationAccess::ResellerGdap) => {
            let mut roles = Vec::new();
            for slug in &input.roles {
                match slug.parse::<GdapRole>() {
                    Ok(role) => roles.push(role),
                    Err(_) => errors.roles = Some("invitation-error-role-unknown"),
                }
            }
            let duration = whole_days(&input.duration_days)
                .and_then(|d| GdapDuration::new(d).ok())
                .ok_or("invitation-error-duration");
            if let Err(key) = duration {
                errors.duration = Some(key);
            }
            if errors.roles.is_none() {
                // Checked on its own so both role errors show even when the duration is bad.
                let any_duration = duration.unwrap_or(GdapDuration::new(1).expect("1 day"));
                match GdapRequest::new(roles, any_duration, input.auto_extend) {
                    Ok(request) if duration.is_ok() => {
                        access = Some(RequestedAccess::ResellerGdap(request));
                    }
                    Ok(_) => {}
                    Err(GdapRequestError::NoRoles) => {
                        errors.roles = Some("invitation-error-roles-none");
                    }
                    Err(GdapRequestError::AutoExtendWithGlobalAdministrator) => {
                        errors.auto_extend = Some("invitation-error-auto-extend-global-admin");
                    }
                }
            }
        }
        None => {}
    }

    let customer_domain = if input.customer_domain.is_empty() {
        None
    } else {
        match CustomerDomain::parse(&input.customer_domain) {
            Ok(domain) => Some(domain),
            Err(_) => {
                errors.customer_domain = Some("invitation-error-domain");
                None
            }
        }
    };

    let message = InvitationMessage::optional(&input.message).unwrap_or_else(|e| {
        errors.message = Some(e.message_key());
        None
    });

    // A blank expiry means the default (the form always offers one).
    let expiry = if input.expiry_days.is_empty() {
        Some(InvitationExpiry::default())
    } else {
        whole_days(&input.expiry_days).and_then(|d| InvitationExpiry::new(d).ok())
    };
    if expiry.is_none() {
        errors.expiry = Some("invitation-error-expiry");
    }

    let indirect_provider = if input.provider.is_empty() {
        None
    } else {
        match input.provider.parse::<RecordId>() {
            Ok(id) => Some(id.get()),
            Err(_) => {
                errors.provider = Some("invitation-error-provider-invalid");
                None
            }
        }
    };

    let name = input.display_name.trim();
    let display_name = if name.is_empty() {
        None
    } else {
        // The same rules as every free text (length, no control or bidi characters), and
        // one line.
        match FreeText::<NAME_MAX_CHARS>::optional(name) {
            Ok(Some(text)) if !text.as_str().contains(['\n', '\r', '\t']) => {
                Some(text.as_str().to_owned())
            }
            _ => {
                errors.display_name = Some("invitation-error-name");
                None
            }
        }
    };

    match (access, expiry) {
        (Some(access), Some(expiry)) if errors.is_empty() => Ok(InvitationRequest {
            access,
            customer_domain,
            message,
            expiry,
            indirect_provider,
            display_name,
        }),
        _ => Err(InvitationFormErrors {
            input: Box::new(input),
            errors: Box::new(errors),
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// The order form.

/// A validated order: which offer, how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderRequest {
    pub offer_id: i64,
    pub quantity: Quantity,
}

/// What the partner typed into the order form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderInput {
    pub offer: String,
    pub quantity: String,
}

impl Default for OrderInput {
    fn default() -> Self {
        OrderInput {
            offer: String::new(),
            quantity: "1".to_owned(),
        }
    }
}

impl OrderInput {
    pub fn from_fields(fields: &FormFields) -> OrderInput {
        OrderInput {
            offer: fields.get("offer").unwrap_or_default().to_owned(),
            quantity: fields.get("quantity").unwrap_or_default().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderFieldErrors {
    pub offer: Option<&'static str>,
    pub quantity: Option<&'static str>,
}

impl OrderFieldErrors {
    pub fn is_empty(&self) -> bool {
        self.offer.is_none() && self.quantity.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFormErrors {
    pub input: OrderInput,
    pub errors: OrderFieldErrors,
}

/// Decodes the order form: an offer id and a quantity of 1 to 10 000. Whether the offer exists
/// is the flow's to check (`order-error-offer`).
pub fn order(fields: &FormFields) -> Result<OrderRequest, OrderFormErrors> {
    let input = OrderInput::from_fields(fields);
    let offer = input.offer.parse::<RecordId>().ok().map(RecordId::get);
    let quantity = whole_number(&input.quantity, 6).and_then(|n| Quantity::new(n).ok());
    match (offer, quantity) {
        (Some(offer_id), Some(quantity)) => Ok(OrderRequest { offer_id, quantity }),
        _ => Err(OrderFormErrors {
            errors: OrderFieldErrors {
                offer: offer.is_none().then_some("order-error-offer"),
                quantity: quantity.is_none().then_some("order-error-quantity"),
            },
            input,
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// The reason given when a partner ends something.

/// Most characters the optional reason for ending a relationship may have (customer or
/// partner).
pub const END_REASON_MAX_CHARS: usize = FREE_TEXT_MAX_CHARS;

/// The optional `reason` of an ending's confirmation form (customer or partner): `Ok(None)`
/// when blank, else an [`EndReason`]; a refused text comes back as typed, with the message
/// key of why (to show the form again).
pub fn end_reason(fields: &FormFields) -> Result<Option<EndReason>, (String, &'static str)> {
    let typed = fields.get("reason").unwrap_or_default();
    EndReason::optional(typed).map_err(|e| (typed.to_owned(), e.message_key()))
}

// ---------------------------------------------------------------------------------------------
// Pieces.

/// A count of days: ASCII digits only (no sign, no decimals), at most four of them.
fn whole_days(text: &str) -> Option<u32> {
    whole_number(text, 4)
}

fn whole_number(text: &str, max_digits: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::web::Bytes;

    #[test]
    fn invitation_name_is_optional_trimmed_and_bounded() {
        let with_name =
            |name: &str| invitation(&fields(&[("access", "reseller"), ("display_name", name)]));
        assert_eq!(with_name("").unwrap().display_name, None);
        assert_eq!(with_name("   ").unwrap().display_name, None);
        assert_eq!(
            with_name("  Contoso Teams rollout ")
                .unwrap()
                .display_name
                .as_deref(),
            Some("Contoso Teams rollout")
        );
        let longest = "名".repeat(NAME_MAX_CHARS);
        assert_eq!(
            with_name(&longest).unwrap().display_name,
            Some(longest.clone())
        );
        for bad in [
            "a\u{202E}b".to_owned(),
            format!("{longest}x"),
            "two\nlines".to_owned(),
            "tab\there".to_owned(),
        ] {
            let err = with_name(&bad).unwrap_err();
            assert_eq!(
                err.errors.display_name,
                Some("invitation-error-name"),
                "{bad:?}"
            );
            assert_eq!(err.input.display_name, bad);
        }
    }

    #[test]
    fn end_reason_is_optional_plain_and_bounded() {
        assert_eq!(end_reason(&fields(&[])), Ok(None));
        assert_eq!(end_reason(&fields(&[("reason", "  \n ")])), Ok(None));
        assert_eq!(
            end_reason(&fields(&[("reason", " Contract ended.\nThanks ")]))
                .unwrap()
                .as_deref(),
            Some("Contract ended.\nThanks")
        );
        let longest = "é".repeat(END_REASON_MAX_CHARS);
        assert_eq!(
            end_reason(&fields(&[("reason", &longest)]))
                .unwrap()
                .as_deref(),
            Some(longest.as_str())
        );
        let too_long = format!("{longest}x");
        assert_eq!(
            end_reason(&fields(&[("reason", &too_long)])),
            Err((too_long, "free-text-error-too-long"))
        );
        assert_eq!(
            end_reason(&fields(&[("reason", "bell\u{7}")])),
            Err(("bell\u{7}".to_owned(), "free-text-error-control"))
        );
        assert_eq!(
            end_reason(&fields(&[("reason", "a\u{202E}b")])),
            Err(("a\u{202E}b".to_owned(), "free-text-error-bidirectional"))
        );
    }

    fn fields(pairs: &[(&str, &str)]) -> FormFields {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs.iter())
            .finish();
        FormFields::parse(&Bytes::from(body))
    }

    /// A valid GDAP form, changed by `overrides` (a pair with an empty name removes that field).
    fn gdap_form(overrides: &[(&str, &str)]) -> FormFields {
        let mut pairs: Vec<(&str, &str)> = vec![
            ("csrf_token", "x"),
            ("access", "reseller_gdap"),
            ("role", "helpdesk_administrator"),
            ("role", "user_administrator"),
            ("duration_days", "730"),
            ("customer_domain", ""),
            ("message", ""),
            ("expiry_days", "7"),
        ];
        for (name, value) in overrides {
            pairs.retain(|(n, _)| n != name || *name == "role");
            pairs.push((name, value));
        }
        fields(&pairs)
    }

    fn errors_of(form: &FormFields) -> InvitationFieldErrors {
        *invitation(form)
            .expect_err("the form should be refused")
            .errors
    }

    #[test]
    fn access_values() {
        let ok = invitation(&fields(&[("access", "reseller")])).unwrap();
        assert_eq!(ok.access, RequestedAccess::Reseller);
        assert_eq!(ok.expiry, InvitationExpiry::default());
        assert_eq!(ok.customer_domain, None);
        assert_eq!(ok.message, None);
        assert_eq!(ok.indirect_provider, None);

        let dap = invitation(&fields(&[("access", "reseller_dap")])).unwrap();
        assert_eq!(dap.access, RequestedAccess::ResellerDap);

        let gdap = invitation(&gdap_form(&[])).unwrap();
        match gdap.access {
            RequestedAccess::ResellerGdap(request) => {
                assert_eq!(
                    request.roles().iter().copied().collect::<Vec<_>>(),
                    [GdapRole::HelpdeskAdministrator, GdapRole::UserAdministrator]
                );
                assert_eq!(request.duration().days(), 730);
                assert!(!request.auto_extend());
            }
            other => panic!("expected GDAP, got {other:?}"),
        }

        for bad in ["", "gdap", "RESELLER", "reseller-dap", "owner"] {
            let errors = errors_of(&fields(&[("access", bad)]));
            assert_eq!(errors.access, Some("invitation-error-access"), "{bad:?}");
        }
        // Surrounding blanks are trimmed (FormFields), as a browser user would expect.
        assert!(invitation(&fields(&[("access", " reseller ")])).is_ok());
        assert_eq!(
            errors_of(&fields(&[])).access,
            Some("invitation-error-access")
        );
    }

    #[test]
    fn gdap_duration_bounds() {
        for (days, ok) in [
            ("0", false),
            ("1", true),
            ("730", true),
            ("731", false),
            ("", false),
            ("x", false),
            ("-1", false),
            ("+5", false),
            ("1.5", false),
            ("99999999999", false),
        ] {
            let form = gdap_form(&[("duration_days", days)]);
            match invitation(&form) {
                Ok(request) => {
                    assert!(ok, "{days:?} should be refused");
                    let RequestedAccess::ResellerGdap(gdap) = request.access else {
                        panic!("GDAP expected");
                    };
                    assert_eq!(gdap.duration().days().to_string(), days);
                }
                Err(e) => {
                    assert!(!ok, "{days:?} should be accepted: {e:?}");
                    assert_eq!(e.errors.duration, Some("invitation-error-duration"));
                    assert_eq!(e.errors.summary().len(), 1, "{days:?}: {:?}", e.errors);
                    assert_eq!(e.input.duration_days, days.trim());
                }
            }
        }
    }

    #[test]
    fn auto_extend_refused_with_global_administrator() {
        let refused = errors_of(&gdap_form(&[
            ("role", "global_administrator"),
            ("auto_extend", "on"),
        ]));
        assert_eq!(
            refused.auto_extend,
            Some("invitation-error-auto-extend-global-admin")
        );
        assert_eq!(refused.summary().len(), 1);

        // Without auto-extend, Global Administrator may be asked for.
        let ga = invitation(&gdap_form(&[("role", "global_administrator")])).unwrap();
        let RequestedAccess::ResellerGdap(gdap) = ga.access else {
            panic!("GDAP expected")
        };
        assert!(gdap.roles().contains(&GdapRole::GlobalAdministrator));
        assert!(!gdap.auto_extend());

        // Auto-extend without Global Administrator is fine.
        let extended = invitation(&gdap_form(&[("auto_extend", "on")])).unwrap();
        let RequestedAccess::ResellerGdap(gdap) = extended.access else {
            panic!("GDAP expected")
        };
        assert!(gdap.auto_extend());
    }

    #[test]
    fn gdap_needs_known_roles() {
        let none = fields(&[
            ("access", "reseller_gdap"),
            ("duration_days", "30"),
            ("expiry_days", "7"),
        ]);
        assert_eq!(errors_of(&none).roles, Some("invitation-error-roles-none"));

        let unknown = errors_of(&gdap_form(&[("role", "owner")]));
        assert_eq!(unknown.roles, Some("invitation-error-role-unknown"));
        let spelled = errors_of(&gdap_form(&[("role", "Global Administrator")]));
        assert_eq!(spelled.roles, Some("invitation-error-role-unknown"));

        // Both a bad duration and no roles are reported together.
        let both = errors_of(&fields(&[
            ("access", "reseller_gdap"),
            ("duration_days", "0"),
        ]));
        assert_eq!(both.roles, Some("invitation-error-roles-none"));
        assert_eq!(both.duration, Some("invitation-error-duration"));

        // Every role of the catalogue decodes.
        let mut pairs = vec![("access", "reseller_gdap"), ("duration_days", "90")];
        for role in GdapRole::ALL {
            pairs.push(("role", role.as_str()));
        }
        let all = invitation(&fields(&pairs)).unwrap();
        let RequestedAccess::ResellerGdap(gdap) = all.access else {
            panic!("GDAP expected")
        };
        assert_eq!(gdap.roles().len(), 12);
    }

    #[test]
    fn gdap_fields_are_ignored_unless_gdap_is_asked() {
        for access in ["reseller", "reseller_dap"] {
            let form = fields(&[
                ("access", access),
                ("role", "owner"),
                ("role", "global_administrator"),
                ("duration_days", "0"),
                ("auto_extend", "on"),
            ]);
            let request = invitation(&form).unwrap();
            assert_eq!(request.access.kind().as_str(), access);
        }
    }

    #[test]
    fn customer_domain() {
        let bound = invitation(&fields(&[
            ("access", "reseller"),
            ("customer_domain", " Contoso.Partner.OnMSChina.CN "),
        ]))
        .unwrap();
        assert_eq!(
            bound.customer_domain.map(String::from).as_deref(),
            Some("contoso.partner.onmschina.cn")
        );
        for bad in [
            "localhost",
            "contoso..cn",
            "user@contoso.cn",
            "https://contoso.cn",
            "中国.cn",
            "-x.cn",
        ] {
            let e = invitation(&fields(&[("access", "reseller"), ("customer_domain", bad)]))
                .unwrap_err();
            assert_eq!(
                e.errors.customer_domain,
                Some("invitation-error-domain"),
                "{bad}"
            );
            assert_eq!(e.input.customer_domain, bad);
        }
    }

    #[test]
    fn message_length_and_characters() {
        let at_limit = "字".repeat(MESSAGE_MAX_CHARS);
        let ok = invitation(&fields(&[("access", "reseller"), ("message", &at_limit)])).unwrap();
        assert_eq!(ok.message.as_deref(), Some(at_limit.as_str()));

        let over = "a".repeat(MESSAGE_MAX_CHARS + 1);
        let e = invitation(&fields(&[("access", "reseller"), ("message", &over)])).unwrap_err();
        assert_eq!(e.errors.message, Some("free-text-error-too-long"));
        assert_eq!(e.input.message, over, "what was typed comes back");

        let lines = invitation(&fields(&[
            ("access", "reseller"),
            ("message", "Hello,\r\n\tsee you"),
        ]))
        .unwrap();
        assert_eq!(lines.message.as_deref(), Some("Hello,\n\tsee you"));

        for (text, key) in [
            ("a\u{0}b", "free-text-error-control"),
            ("a\u{202E}b", "free-text-error-bidirectional"),
            ("a\u{200B}b", "free-text-error-invisible"),
        ] {
            let refused =
                invitation(&fields(&[("access", "reseller"), ("message", text)])).unwrap_err();
            assert_eq!(refused.errors.message, Some(key), "{text:?}");
            assert_eq!(refused.input.message, text, "what was typed comes back");
        }
        let blank = invitation(&fields(&[("access", "reseller"), ("message", " \r\n ")])).unwrap();
        assert_eq!(blank.message, None, "a blank message is no message");
    }

    #[test]
    fn expiry_bounds() {
        for (days, expected) in [
            ("", Some(7)),
            ("0", None),
            ("1", Some(1)),
            ("7", Some(7)),
            ("90", Some(90)),
            ("91", None),
            ("x", None),
            ("-7", None),
            ("7d", None),
        ] {
            let result = invitation(&fields(&[("access", "reseller"), ("expiry_days", days)]));
            match expected {
                Some(n) => assert_eq!(result.unwrap().expiry.days(), n, "{days:?}"),
                None => assert_eq!(
                    result.unwrap_err().errors.expiry,
                    Some("invitation-error-expiry"),
                    "{days:?}"
                ),
            }
        }
    }

    #[test]
    fn provider_id() {
        let named = invitation(&fields(&[("access", "reseller"), ("provider", "4")])).unwrap();
        assert_eq!(named.indirect_provider, Some(4));
        let none = invitation(&fields(&[("access", "reseller"), ("provider", "")])).unwrap();
        assert_eq!(none.indirect_provider, None);
        for bad in ["Litware", "0", "-4", "4.0", "4x", "99999999999999999999999"] {
            let e = invitation(&fields(&[("access", "reseller"), ("provider", bad)])).unwrap_err();
            assert_eq!(
                e.errors.provider,
                Some("invitation-error-provider-invalid"),
                "{bad}"
            );
        }
    }

    #[test]
    fn every_error_at_once_keeps_every_value() {
        let form = fields(&[
            ("access", "reseller_gdap"),
            ("role", "global_administrator"),
            ("auto_extend", "on"),
            ("duration_days", "731"),
            ("customer_domain", "not a domain"),
            ("message", &"m".repeat(501)),
            ("expiry_days", "91"),
            ("provider", "abc"),
        ]);
        let e = invitation(&form).unwrap_err();
        let fields_in_error: Vec<&str> = e.errors.summary().iter().map(|(id, _)| *id).collect();
        assert_eq!(
            fields_in_error,
            [
                "provider",
                "duration_days",
                "auto_extend",
                "customer_domain",
                "message",
                "expiry_days"
            ]
        );
        assert_eq!(e.input.access, "reseller_gdap");
        assert_eq!(e.input.roles, ["global_administrator"]);
        assert!(e.input.auto_extend);
        assert!(e.input.has_role(&GdapRole::GlobalAdministrator));
        assert!(!e.input.has_role(&GdapRole::GlobalReader));
        assert_eq!(e.input.duration_days, "731");
        assert_eq!(e.input.expiry_days, "91");
        assert_eq!(e.input.provider, "abc");
    }

    #[test]
    fn blank_form_defaults() {
        let input = InvitationInput::default();
        assert_eq!(input.access, "reseller");
        assert_eq!(input.duration_days, "730");
        assert_eq!(input.expiry_days, "7");
        assert!(InvitationFieldErrors::default().is_empty());
    }

    #[test]
    fn order_form() {
        let ok = order(&fields(&[("offer", "3"), ("quantity", "25")])).unwrap();
        assert_eq!(ok.offer_id, 3);
        assert_eq!(ok.quantity.get(), 25);

        for (quantity, ok) in [
            ("0", false),
            ("1", true),
            ("10000", true),
            ("10001", false),
            ("x", false),
            ("", false),
            ("-1", false),
            ("2.5", false),
            ("1e3", false),
            ("99999999999999", false),
        ] {
            let result = order(&fields(&[("offer", "1"), ("quantity", quantity)]));
            match result {
                Ok(request) => {
                    assert!(ok, "{quantity:?} should be refused");
                    assert_eq!(request.quantity.get().to_string(), quantity);
                }
                Err(e) => {
                    assert!(!ok, "{quantity:?} should be accepted");
                    assert_eq!(e.errors.quantity, Some("order-error-quantity"));
                    assert_eq!(e.errors.offer, None);
                    assert_eq!(e.input.quantity, quantity);
                }
            }
        }

        for offer in ["", "x", "0", "-2"] {
            let e = order(&fields(&[("offer", offer), ("quantity", "1")])).unwrap_err();
            assert_eq!(e.errors.offer, Some("order-error-offer"), "{offer:?}");
            assert_eq!(e.errors.quantity, None);
        }
        let both = order(&fields(&[])).unwrap_err();
        assert!(both.errors.offer.is_some() && both.errors.quantity.is_some());
        assert!(!both.errors.is_empty());
        assert_eq!(OrderInput::default().quantity, "1");
    }
}
