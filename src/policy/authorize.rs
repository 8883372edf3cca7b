//! Who may do what, to whose objects.

use crate::domain::{InvitationAccess, Role};
use crate::policy::actor::Actor;

/// Everything a signed-in user can ask the portal to do, one per route family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// `GET /partner/customers`
    ViewPartnerCustomers,
    /// `GET /partner/customers/{id}`
    ViewPartnerCustomer,
    /// `GET /partner/invitations`
    ListInvitations,
    /// `GET /partner/invitations/new`, `POST /partner/invitations`: a reseller relationship.
    CreateInvitation,
    /// `POST /partner/invitations` asking for DAP or GDAP as well: in Partner Center only
    /// admin agents request delegated admin access, so a sales agent's invitation is
    /// reseller-only.
    RequestAdminAccess,
    /// `GET /partner/invitations/{id}`
    ViewInvitation,
    /// `GET|POST /partner/invitations/{id}/revoke` of an invitation the actor created.
    RevokeInvitation,
    /// The same for an invitation a colleague (another user of the tenant) created.
    RevokeColleagueInvitation,
    /// `POST /partner/customers/{id}/subscriptions`
    PlaceOrder,
    /// `GET|POST /partner/customers/{id}/admin-access/terminate`: the partner ends its own
    /// admin access in a customer.
    TerminateAdminAccess,
    /// `GET|POST /partner/customers/{id}/end`: the partner ends its own relationship.
    EndCustomerRelationship,
    /// `GET /invitations/{token}`: a customer opening the link.
    ViewInvitationLink,
    /// `POST /invitations/{token}/accept`
    AcceptInvitation,
    /// `POST /invitations/{token}/decline`
    DeclineInvitation,
    /// `GET /customer/partners[/{id}]`
    ViewCustomerPartners,
    /// `POST /customer/partners/{id}/admin-access/remove`
    RemoveAdminAccess,
    /// `POST /customer/partners/{id}/end`
    EndRelationship,
    /// `GET /customer/subscriptions`
    ViewCustomerSubscriptions,
    /// `GET /admin/...` listings (operator, read-only).
    ReviewListings,
    /// `GET /admin/audit` (operator, read-only).
    ViewAuditTrail,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::ViewPartnerCustomers,
        Action::ViewPartnerCustomer,
        Action::ListInvitations,
        Action::CreateInvitation,
        Action::RequestAdminAccess,
        Action::ViewInvitation,
        Action::RevokeInvitation,
        Action::RevokeColleagueInvitation,
        Action::PlaceOrder,
        Action::TerminateAdminAccess,
        Action::EndCustomerRelationship,
        Action::ViewInvitationLink,
        Action::AcceptInvitation,
        Action::DeclineInvitation,
        Action::ViewCustomerPartners,
        Action::RemoveAdminAccess,
        Action::EndRelationship,
        Action::ViewCustomerSubscriptions,
        Action::ReviewListings,
        Action::ViewAuditTrail,
    ];

    /// Stable name for the audit trail.
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::ViewPartnerCustomers => "view_partner_customers",
            Action::ViewPartnerCustomer => "view_partner_customer",
            Action::ListInvitations => "list_invitations",
            Action::CreateInvitation => "create_invitation",
            Action::RequestAdminAccess => "request_admin_access",
            Action::ViewInvitation => "view_invitation",
            Action::RevokeInvitation => "revoke_invitation",
            Action::RevokeColleagueInvitation => "revoke_colleague_invitation",
            Action::PlaceOrder => "place_order",
            Action::TerminateAdminAccess => "terminate_admin_access",
            Action::EndCustomerRelationship => "end_customer_relationship",
            Action::ViewInvitationLink => "view_invitation_link",
            Action::AcceptInvitation => "accept_invitation",
            Action::DeclineInvitation => "decline_invitation",
            Action::ViewCustomerPartners => "view_customer_partners",
            Action::RemoveAdminAccess => "remove_admin_access",
            Action::EndRelationship => "end_relationship",
            Action::ViewCustomerSubscriptions => "view_customer_subscriptions",
            Action::ReviewListings => "review_listings",
            Action::ViewAuditTrail => "view_audit_trail",
        }
    }

    /// The roles that may perform this action. Any one of them suffices.
    ///
    /// This is the whole role policy in one match: partner admin and sales agents
    /// invite and order, only admin agents ask for admin access, revoke a colleague's
    /// invitation or end anything in a customer, helpdesk agents only read customers, the customer's
    /// Global Administrator alone decides, ordinary customer users read, and the
    /// operator only reviews.
    fn permitted_roles(&self) -> &'static [Role] {
        const PARTNER_READERS: &[Role] = &[Role::AdminAgent, Role::SalesAgent, Role::HelpdeskAgent];
        const PARTNER_SELLERS: &[Role] = &[Role::AdminAgent, Role::SalesAgent];
        const PARTNER_ADMINS: &[Role] = &[Role::AdminAgent];
        const CUSTOMER_GA: &[Role] = &[Role::GlobalAdmin];
        const CUSTOMER_READERS: &[Role] = &[Role::GlobalAdmin, Role::User];
        const OPERATOR: &[Role] = &[Role::PlatformAdmin];
        match self {
            Action::ViewPartnerCustomers | Action::ViewPartnerCustomer => PARTNER_READERS,
            Action::ListInvitations
            | Action::CreateInvitation
            | Action::ViewInvitation
            | Action::RevokeInvitation
            | Action::PlaceOrder => PARTNER_SELLERS,
            Action::RequestAdminAccess
            | Action::RevokeColleagueInvitation
            | Action::TerminateAdminAccess
            | Action::EndCustomerRelationship => PARTNER_ADMINS,
            Action::ViewInvitationLink
            | Action::AcceptInvitation
            | Action::DeclineInvitation
            | Action::RemoveAdminAccess
            | Action::EndRelationship => CUSTOMER_GA,
            Action::ViewCustomerPartners | Action::ViewCustomerSubscriptions => CUSTOMER_READERS,
            Action::ReviewListings | Action::ViewAuditTrail => OPERATOR,
        }
    }

    /// The action creating an invitation that asks for `access` needs, besides
    /// [`Action::CreateInvitation`]: none more for a reseller relationship alone.
    pub fn for_invitation_access(access: InvitationAccess) -> Option<Action> {
        match access {
            InvitationAccess::Reseller => None,
            InvitationAccess::ResellerDap | InvitationAccess::ResellerGdap => {
                Some(Action::RequestAdminAccess)
            }
        }
    }

    /// The action revoking an invitation is: one's own, or a colleague's.
    pub fn for_revoking(created_by_actor: bool) -> Action {
        if created_by_actor {
            Action::RevokeInvitation
        } else {
            Action::RevokeColleagueInvitation
        }
    }
}

/// How the object of an action relates to the actor's tenant, as the caller found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ownership {
    /// No single object: a collection scoped to the actor, a form, or an object
    /// addressed by secret (an invitation link).
    None,
    /// The object belongs to (or is a relationship of) the actor's tenant.
    Own,
    /// The object exists but belongs to another tenant.
    OtherTenant,
}

impl Ownership {
    pub const ALL: &'static [Ownership] =
        &[Ownership::None, Ownership::Own, Ownership::OtherTenant];
}

/// Why a request is refused, which is also what the user is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Refusal {
    /// 404: the object belongs to another tenant. Indistinguishable from a missing
    /// object so that ids cannot be probed; the attempt is audited.
    #[error("not found")]
    NotFound,
    /// 403: the actor's roles do not allow this action.
    #[error("forbidden")]
    Forbidden,
}

/// The outcome of [`authorize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    Allow,
    Deny(Refusal),
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow)
    }

    /// For `?` in handlers.
    pub fn into_result(self) -> Result<(), Refusal> {
        match self {
            Decision::Allow => Ok(()),
            Decision::Deny(refusal) => Err(refusal),
        }
    }
}

/// Decides whether `actor` may perform `action` on an object with `ownership`.
///
/// Another tenant's object is `NotFound` for everyone and every action, checked
/// before roles, so even a user without the right role learns nothing about
/// whether the id exists. Operator listings span all tenants by design and are
/// asked with [`Ownership::None`].
pub fn authorize(actor: &Actor, action: Action, ownership: Ownership) -> Decision {
    if ownership == Ownership::OtherTenant {
        return Decision::Deny(Refusal::NotFound);
    }
    if action
        .permitted_roles()
        .iter()
        .any(|role| actor.has_role(*role))
    {
        Decision::Allow
    } else {
        Decision::Deny(Refusal::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PartnerType, Roles, TenantKind};
    use Action::*;

    /// Roles in the column order of [`EXPECTED`].
    const ROLE_COLUMNS: [Role; 6] = [
        Role::AdminAgent,
        Role::SalesAgent,
        Role::HelpdeskAgent,
        Role::GlobalAdmin,
        Role::User,
        Role::PlatformAdmin,
    ];

    /// The policy, written out by hand. Each cell is three letters for the
    /// ownerships None, Own, OtherTenant: A = allow, F = forbidden (403),
    /// N = not found (404).
    #[rustfmt::skip]
    const EXPECTED: &[(Action, [&str; 6])] = &[
        //                            admin   sales   helpdk  gadmin  user    platfm
        (ViewPartnerCustomers,      ["AAN", "AAN", "AAN", "FFN", "FFN", "FFN"]),
        (ViewPartnerCustomer,       ["AAN", "AAN", "AAN", "FFN", "FFN", "FFN"]),
        (ListInvitations,           ["AAN", "AAN", "FFN", "FFN", "FFN", "FFN"]),
        (CreateInvitation,          ["AAN", "AAN", "FFN", "FFN", "FFN", "FFN"]),
        (RequestAdminAccess,        ["AAN", "FFN", "FFN", "FFN", "FFN", "FFN"]),
        (ViewInvitation,            ["AAN", "AAN", "FFN", "FFN", "FFN", "FFN"]),
        (RevokeInvitation,          ["AAN", "AAN", "FFN", "FFN", "FFN", "FFN"]),
        (RevokeColleagueInvitation, ["AAN", "FFN", "FFN", "FFN", "FFN", "FFN"]),
        (PlaceOrder,                ["AAN", "AAN", "FFN", "FFN", "FFN", "FFN"]),
        (TerminateAdminAccess,      ["AAN", "FFN", "FFN", "FFN", "FFN", "FFN"]),
        (EndCustomerRelationship,   ["AAN", "FFN", "FFN", "FFN", "FFN", "FFN"]),
        (ViewInvitationLink,        ["FFN", "FFN", "FFN", "AAN", "FFN", "FFN"]),
        (AcceptInvitation,          ["FFN", "FFN", "FFN", "AAN", "FFN", "FFN"]),
        (DeclineInvitation,         ["FFN", "FFN", "FFN", "AAN", "FFN", "FFN"]),
        (ViewCustomerPartners,      ["FFN", "FFN", "FFN", "AAN", "AAN", "FFN"]),
        (RemoveAdminAccess,         ["FFN", "FFN", "FFN", "AAN", "FFN", "FFN"]),
        (EndRelationship,           ["FFN", "FFN", "FFN", "AAN", "FFN", "FFN"]),
        (ViewCustomerSubscriptions, ["FFN", "FFN", "FFN", "AAN", "AAN", "FFN"]),
        (ReviewListings,            ["FFN", "FFN", "FFN", "FFN", "FFN", "AAN"]),
        (ViewAuditTrail,            ["FFN", "FFN", "FFN", "FFN", "FFN", "AAN"]),
    ];

    fn letter(decision: Decision) -> char {
        match decision {
            Decision::Allow => 'A',
            Decision::Deny(Refusal::Forbidden) => 'F',
            Decision::Deny(Refusal::NotFound) => 'N',
        }
    }

    /// The natural actor for a role: in the tenant kind the role belongs to.
    fn actor_with(roles: &[Role], kind: TenantKind) -> Actor {
        Actor {
            tenant_id: 7,
            tenant_kind: kind,
            partner_type: (kind == TenantKind::Partner).then_some(PartnerType::DirectReseller),
            roles: roles.iter().copied().collect(),
        }
    }

    fn home_kind(role: Role) -> TenantKind {
        match role {
            Role::AdminAgent | Role::SalesAgent | Role::HelpdeskAgent => TenantKind::Partner,
            Role::GlobalAdmin | Role::User => TenantKind::Customer,
            Role::PlatformAdmin => TenantKind::Operator,
        }
    }

    #[test]
    fn table_covers_every_action_and_role_once() {
        let actions: Vec<Action> = EXPECTED.iter().map(|(a, _)| *a).collect();
        assert_eq!(actions, Action::ALL);
        assert_eq!(ROLE_COLUMNS.as_slice(), Role::ALL);
        assert_eq!(Ownership::ALL.len(), 3);
    }

    #[test]
    fn every_role_action_and_ownership() {
        let mut checked = 0;
        for (action, row) in EXPECTED {
            for (role, cell) in ROLE_COLUMNS.iter().zip(row) {
                let actor = actor_with(&[*role], home_kind(*role));
                let got: String = Ownership::ALL
                    .iter()
                    .map(|o| letter(authorize(&actor, *action, *o)))
                    .collect();
                assert_eq!(&got, cell, "{role} {action:?}");
                checked += 3;
            }
        }
        assert_eq!(checked, 20 * 6 * 3);
    }

    #[test]
    fn roles_outside_their_tenant_kind_grant_nothing() {
        for action in Action::ALL {
            for role in Role::ALL {
                for kind in TenantKind::ALL {
                    if role.allowed_for(*kind) {
                        continue;
                    }
                    let actor = actor_with(&[*role], *kind);
                    for ownership in [Ownership::None, Ownership::Own] {
                        assert_eq!(
                            authorize(&actor, *action, ownership),
                            Decision::Deny(Refusal::Forbidden),
                            "{role} in {kind} {action:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn no_roles_means_forbidden_everywhere_and_not_found_abroad() {
        for kind in TenantKind::ALL {
            let actor = Actor {
                tenant_id: 1,
                tenant_kind: *kind,
                partner_type: None,
                roles: Roles::empty(),
            };
            for action in Action::ALL {
                assert_eq!(
                    authorize(&actor, *action, Ownership::Own),
                    Decision::Deny(Refusal::Forbidden)
                );
                assert_eq!(
                    authorize(&actor, *action, Ownership::OtherTenant),
                    Decision::Deny(Refusal::NotFound)
                );
            }
        }
    }

    #[test]
    fn several_roles_combine() {
        let actor = actor_with(
            &[Role::HelpdeskAgent, Role::SalesAgent],
            TenantKind::Partner,
        );
        assert!(authorize(&actor, CreateInvitation, Ownership::None).is_allowed());
        let actor = actor_with(&[Role::User, Role::GlobalAdmin], TenantKind::Customer);
        assert!(authorize(&actor, AcceptInvitation, Ownership::None).is_allowed());
    }

    /// A sales agent invites to a reseller relationship and revokes what they created; DAP,
    /// GDAP and a colleague's invitation need an admin agent.
    #[test]
    fn sales_agents_invite_reseller_only_and_revoke_their_own() {
        let sales = actor_with(&[Role::SalesAgent], TenantKind::Partner);
        let admin = actor_with(&[Role::AdminAgent], TenantKind::Partner);
        let may = |actor: &Actor, access: InvitationAccess| {
            authorize(actor, CreateInvitation, Ownership::None).is_allowed()
                && Action::for_invitation_access(access)
                    .is_none_or(|a| authorize(actor, a, Ownership::None).is_allowed())
        };
        for access in InvitationAccess::ALL {
            assert_eq!(
                may(&sales, *access),
                *access == InvitationAccess::Reseller,
                "{access:?}"
            );
            assert!(may(&admin, *access), "{access:?}");
        }
        let revoke = |actor: &Actor, mine: bool| {
            authorize(actor, Action::for_revoking(mine), Ownership::Own).is_allowed()
        };
        assert!(revoke(&sales, true));
        assert!(!revoke(&sales, false));
        assert!(revoke(&admin, true));
        assert!(revoke(&admin, false));
        // Another partner's invitation stays not found, whoever created it.
        assert_eq!(
            authorize(&admin, Action::for_revoking(false), Ownership::OtherTenant),
            Decision::Deny(Refusal::NotFound)
        );
    }

    #[test]
    fn decision_into_result() {
        assert_eq!(Decision::Allow.into_result(), Ok(()));
        assert_eq!(
            Decision::Deny(Refusal::NotFound).into_result(),
            Err(Refusal::NotFound)
        );
        assert!(!Decision::Deny(Refusal::Forbidden).is_allowed());
    }

    #[test]
    fn action_names_are_distinct_snake_case() {
        let names: std::collections::HashSet<&str> =
            Action::ALL.iter().map(Action::as_str).collect();
        assert_eq!(names.len(), Action::ALL.len());
        assert!(
            names
                .iter()
                .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        );
    }
}
