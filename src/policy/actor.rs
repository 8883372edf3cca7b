//! Who is asking: the signed-in user as the policy sees them.

use crate::domain::{PartnerType, Role, Roles, TenantKind};

/// The signed-in user, reduced to what decisions depend on.
///
/// Built by the session layer from the IdP claims and the tenant row; the policy
/// never looks at names or e-mail addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The actor's tenant (database id), compared with object owners by the caller
    /// to compute [`Ownership`](crate::policy::Ownership).
    pub tenant_id: i64,
    pub tenant_kind: TenantKind,
    /// Set for partner tenants only.
    pub partner_type: Option<PartnerType>,
    /// Roles as claimed; roles that do not fit `tenant_kind` are ignored by [`Actor::has_role`].
    pub roles: Roles,
}

impl Actor {
    /// Whether the actor holds `role` *and* the role means something in their
    /// tenant: a `global_admin` claim on a partner user grants nothing.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(role) && role.allowed_for(self.tenant_kind)
    }

    /// The one actor who may decide invitations and manage partners for a customer.
    pub fn is_customer_global_admin(&self) -> bool {
        self.has_role(Role::GlobalAdmin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(kind: TenantKind, claims: &[&str]) -> Actor {
        Actor {
            tenant_id: 1,
            tenant_kind: kind,
            partner_type: None,
            roles: Roles::from_claims(claims),
        }
    }

    #[test]
    fn role_counts_only_in_its_tenant_kind() {
        let customer = actor(TenantKind::Customer, &["global_admin"]);
        assert!(customer.has_role(Role::GlobalAdmin));
        assert!(customer.is_customer_global_admin());
        let partner = actor(TenantKind::Partner, &["global_admin", "admin_agent"]);
        assert!(!partner.has_role(Role::GlobalAdmin));
        assert!(!partner.is_customer_global_admin());
        assert!(partner.has_role(Role::AdminAgent));
        let operator = actor(TenantKind::Operator, &["global_admin"]);
        assert!(!operator.is_customer_global_admin());
    }

    #[test]
    fn customer_user_is_not_global_admin() {
        assert!(!actor(TenantKind::Customer, &["user"]).is_customer_global_admin());
        assert!(!actor(TenantKind::Customer, &[]).is_customer_global_admin());
    }
}
