//! What kind of organisation a signed-in user belongs to.

use crate::domain::string_enum::string_enum;

string_enum! {
    /// The kind of a tenant (an organisation in the identity provider).
    ///
    /// It decides which roles mean anything for its users: see
    /// [`Role::allowed_for`](crate::domain::role::Role::allowed_for).
    pub enum TenantKind("tenant kind") {
        /// A Cloud Solution Provider partner.
        Partner = "partner",
        /// A customer organisation that works with one or more partners.
        Customer = "customer",
        /// The platform operator.
        Operator = "operator",
    }
}

impl TenantKind {
    /// Fluent message id of the kind's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            TenantKind::Partner => "tenant-kind-partner",
            TenantKind::Customer => "tenant-kind-customer",
            TenantKind::Operator => "tenant-kind-operator",
        }
    }
}

string_enum! {
    /// How a partner sells in the CSP programme.
    ///
    /// An indirect reseller never transacts alone: it works through an indirect
    /// provider, which is why its invitations must name one.
    pub enum PartnerType("partner type") {
        /// Buys from Microsoft and bills its customers itself.
        DirectReseller = "direct_reseller",
        /// Distributor that supplies indirect resellers.
        IndirectProvider = "indirect_provider",
        /// Sells through an indirect provider.
        IndirectReseller = "indirect_reseller",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::{check_message_keys, check_string_table};

    #[test]
    fn tenant_kind_spellings() {
        check_string_table(
            TenantKind::ALL,
            TenantKind::as_str,
            &["partner", "customer", "operator"],
        );
        check_message_keys(
            TenantKind::ALL,
            TenantKind::as_str,
            TenantKind::message_key,
            "tenant-kind",
        );
    }

    #[test]
    fn partner_type_spellings() {
        check_string_table(
            PartnerType::ALL,
            PartnerType::as_str,
            &["direct_reseller", "indirect_provider", "indirect_reseller"],
        );
    }

    #[test]
    fn try_from_str_matches_from_str() {
        assert_eq!(TenantKind::try_from("customer"), Ok(TenantKind::Customer));
        let err = PartnerType::try_from("reseller").unwrap_err();
        assert_eq!(err.kind(), "partner type");
    }
}
