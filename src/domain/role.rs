//! Roles a user holds inside their own tenant, as asserted by the identity provider.

use std::collections::BTreeSet;

use crate::domain::string_enum::string_enum;
use crate::domain::tenant::TenantKind;

string_enum! {
    /// One role inside a tenant. Which roles make sense depends on the tenant kind:
    /// see [`Role::allowed_for`].
    pub enum Role("role") {
        /// Partner: may invite customers and holds delegated admin in them.
        AdminAgent = "admin_agent",
        /// Partner: may invite customers and place orders.
        SalesAgent = "sales_agent",
        /// Partner: read-only.
        HelpdeskAgent = "helpdesk_agent",
        /// Customer: the only role that accepts or ends relationships and grants or
        /// removes admin access.
        GlobalAdmin = "global_admin",
        /// Customer: may read its own partner list and subscriptions.
        User = "user",
        /// Operator: reviews every listing and reads the audit trail.
        PlatformAdmin = "platform_admin",
    }
}

impl Role {
    /// Whether this role means anything in a tenant of `kind`.
    ///
    /// A claim such as `global_admin` on a partner user is not an error from the
    /// IdP's point of view, but it must grant nothing here.
    pub fn allowed_for(&self, kind: TenantKind) -> bool {
        match self {
            Role::AdminAgent | Role::SalesAgent | Role::HelpdeskAgent => {
                kind == TenantKind::Partner
            }
            Role::GlobalAdmin | Role::User => kind == TenantKind::Customer,
            Role::PlatformAdmin => kind == TenantKind::Operator,
        }
    }

    /// Fluent message id of the role's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            Role::AdminAgent => "role-admin-agent",
            Role::SalesAgent => "role-sales-agent",
            Role::HelpdeskAgent => "role-helpdesk-agent",
            Role::GlobalAdmin => "role-global-admin",
            Role::User => "role-user",
            Role::PlatformAdmin => "role-platform-admin",
        }
    }
}

/// The set of roles a user holds.
///
/// Built from the IdP's role claim with [`Roles::from_claims`], which drops
/// strings it does not know: identity providers routinely send roles meant for
/// other applications, and refusing the sign-in over them would help no one.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Roles(BTreeSet<Role>);

impl Roles {
    /// No roles at all: the user may sign in but do nothing.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Parses the strings of a role claim, ignoring the ones that name no [`Role`].
    pub fn from_claims<I, S>(claims: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        claims
            .into_iter()
            .filter_map(|s| s.as_ref().parse::<Role>().ok())
            .collect()
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The roles in a stable order (declaration order of [`Role`]).
    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// Only the roles that mean something in a tenant of `kind`.
    pub fn effective_for(&self, kind: TenantKind) -> Roles {
        self.iter().filter(|r| r.allowed_for(kind)).collect()
    }
}

impl FromIterator<Role> for Roles {
    fn from_iter<T: IntoIterator<Item = Role>>(iter: T) -> Self {
        Self(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::{check_message_keys, check_string_table};

    #[test]
    fn role_spellings() {
        check_string_table(
            Role::ALL,
            Role::as_str,
            &[
                "admin_agent",
                "sales_agent",
                "helpdesk_agent",
                "global_admin",
                "user",
                "platform_admin",
            ],
        );
        check_message_keys(Role::ALL, Role::as_str, Role::message_key, "role");
    }

    #[test]
    fn allowed_for_every_pair() {
        use Role::*;
        use TenantKind::*;
        // (role, partner, customer, operator)
        let table = [
            (AdminAgent, true, false, false),
            (SalesAgent, true, false, false),
            (HelpdeskAgent, true, false, false),
            (GlobalAdmin, false, true, false),
            (User, false, true, false),
            (PlatformAdmin, false, false, true),
        ];
        assert_eq!(table.len(), Role::ALL.len());
        for (role, partner, customer, operator) in table {
            assert_eq!(role.allowed_for(Partner), partner, "{role} partner");
            assert_eq!(role.allowed_for(Customer), customer, "{role} customer");
            assert_eq!(role.allowed_for(Operator), operator, "{role} operator");
        }
    }

    #[test]
    fn claims_ignore_unknown_and_duplicates() {
        let roles = Roles::from_claims([
            "global_admin",
            "Directory.Read",
            "global_admin",
            "62e90394-69f5-4237-9190-012177145e10",
            "user",
            "GLOBAL_ADMIN",
        ]);
        assert_eq!(
            roles.iter().collect::<Vec<_>>(),
            vec![Role::GlobalAdmin, Role::User]
        );
        assert!(roles.contains(Role::GlobalAdmin));
        assert!(!roles.contains(Role::AdminAgent));
    }

    #[test]
    fn empty_claims_give_no_roles() {
        let none: [&str; 0] = [];
        assert!(Roles::from_claims(none).is_empty());
        assert!(Roles::from_claims(["", "admin"]).is_empty());
        assert!(Roles::empty().is_empty());
    }

    #[test]
    fn effective_for_drops_roles_of_other_tenant_kinds() {
        let roles = Roles::from_claims(["admin_agent", "global_admin", "platform_admin"]);
        let partner = roles.effective_for(TenantKind::Partner);
        assert_eq!(partner.iter().collect::<Vec<_>>(), vec![Role::AdminAgent]);
        let customer = roles.effective_for(TenantKind::Customer);
        assert_eq!(customer.iter().collect::<Vec<_>>(), vec![Role::GlobalAdmin]);
    }
}
