//! What a partner may end in a customer: its own admin access (terminate) and its own reseller
//! relationship (end). Only the relationship's own partner ends it: an indirect reseller never
//! ends its provider's relationship, nor a provider its reseller's; only admin agents end
//! anything; and only what is still in force can end.

use crate::policy::actor::Actor;
use crate::policy::authorize::{Action, Ownership, Refusal, authorize};

/// What the partner asks to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartnerEnding {
    /// `POST /partner/customers/{id}/admin-access/terminate`
    TerminateAdminAccess,
    /// `POST /partner/customers/{id}/end`
    EndRelationship,
}

impl PartnerEnding {
    pub const ALL: &'static [PartnerEnding] = &[
        PartnerEnding::TerminateAdminAccess,
        PartnerEnding::EndRelationship,
    ];

    /// The action the role policy knows it as.
    pub fn action(self) -> Action {
        match self {
            PartnerEnding::TerminateAdminAccess => Action::TerminateAdminAccess,
            PartnerEnding::EndRelationship => Action::EndCustomerRelationship,
        }
    }
}

/// The relationship the request addresses (the newest between the customer and the partner
/// asked about), as the flow found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationshipFacts {
    pub partner_tenant_id: i64,
    /// For an indirect reseller's relationship: its provider.
    pub provider_tenant_id: Option<i64>,
    pub is_active: bool,
    /// The partner holds admin access in the customer that is in force now.
    pub has_active_admin_access: bool,
}

/// Why an ending is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndingRefusal {
    /// 404 (audited): no relationship, or not the actor's own (another partner's, its
    /// provider's, its reseller's).
    NotFound,
    /// 403: only admin agents end things.
    Forbidden,
    /// 409: the relationship has already ended.
    NotActive,
    /// 409: there is no admin access in force to terminate.
    NoAdminAccess,
}

/// Decides whether `actor` may perform `ending` on `relationship` (`None`: the actor has none
/// with this customer). Checked in the order of the refusals: what is not the actor's is not
/// found for everyone, then roles, then state.
pub fn decide_partner_ending(
    actor: &Actor,
    ending: PartnerEnding,
    relationship: Option<RelationshipFacts>,
) -> Result<(), EndingRefusal> {
    let ownership = match relationship {
        Some(r) if r.partner_tenant_id == actor.tenant_id => Ownership::Own,
        // A provider named on its reseller's relationship does not own it either.
        _ => Ownership::OtherTenant,
    };
    authorize(actor, ending.action(), ownership)
        .into_result()
        .map_err(|refusal| match refusal {
            Refusal::NotFound => EndingRefusal::NotFound,
            Refusal::Forbidden => EndingRefusal::Forbidden,
        })?;
    let Some(relationship) = relationship else {
        return Err(EndingRefusal::NotFound);
    };
    match ending {
        PartnerEnding::EndRelationship if !relationship.is_active => Err(EndingRefusal::NotActive),
        PartnerEnding::TerminateAdminAccess if !relationship.has_active_admin_access => {
            Err(EndingRefusal::NoAdminAccess)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PartnerType, Role, Roles, TenantKind};

    const FABRIKAM: i64 = 1;
    const TAILSPIN: i64 = 2;
    const LITWARE: i64 = 3;
    const NORTHWIND: i64 = 4;

    fn actor(tenant_id: i64, partner_type: PartnerType, roles: &[Role]) -> Actor {
        Actor {
            tenant_id,
            tenant_kind: TenantKind::Partner,
            partner_type: Some(partner_type),
            roles: roles.iter().copied().collect(),
        }
    }

    fn facts(partner: i64, provider: Option<i64>, active: bool, access: bool) -> RelationshipFacts {
        RelationshipFacts {
            partner_tenant_id: partner,
            provider_tenant_id: provider,
            is_active: active,
            has_active_admin_access: access,
        }
    }

    /// Every role against every ending on the actor's own active relationship with access:
    /// admin agents only.
    #[test]
    fn every_role_and_ending() {
        let own = Some(facts(FABRIKAM, None, true, true));
        let mut checked = 0;
        for role in Role::ALL {
            for ending in PartnerEnding::ALL {
                let got = decide_partner_ending(
                    &actor(FABRIKAM, PartnerType::DirectReseller, &[*role]),
                    *ending,
                    own,
                );
                let expected = if *role == Role::AdminAgent {
                    Ok(())
                } else {
                    Err(EndingRefusal::Forbidden)
                };
                assert_eq!(got, expected, "{role} {ending:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, Role::ALL.len() * 2);
        let none = actor(FABRIKAM, PartnerType::DirectReseller, &[]);
        for ending in PartnerEnding::ALL {
            assert_eq!(
                decide_partner_ending(&none, *ending, own),
                Err(EndingRefusal::Forbidden)
            );
        }
    }

    /// Whose relationship against who asks, for every partner type and both endings: only
    /// the relationship's own partner, never its provider, its reseller or a stranger.
    #[test]
    fn only_the_relationships_own_partner_ends_it() {
        let litware_rel = facts(LITWARE, None, true, true);
        let tailspin_rel = facts(TAILSPIN, Some(LITWARE), true, true);
        let fabrikam_rel = facts(FABRIKAM, None, true, true);
        let admin = [Role::AdminAgent];
        let cases = [
            (
                actor(TAILSPIN, PartnerType::IndirectReseller, &admin),
                litware_rel,
                false,
            ),
            (
                actor(TAILSPIN, PartnerType::IndirectReseller, &admin),
                tailspin_rel,
                true,
            ),
            (
                actor(LITWARE, PartnerType::IndirectProvider, &admin),
                tailspin_rel,
                false,
            ),
            (
                actor(LITWARE, PartnerType::IndirectProvider, &admin),
                litware_rel,
                true,
            ),
            (
                actor(FABRIKAM, PartnerType::DirectReseller, &admin),
                fabrikam_rel,
                true,
            ),
            (
                actor(NORTHWIND, PartnerType::DirectReseller, &admin),
                fabrikam_rel,
                false,
            ),
            (
                actor(NORTHWIND, PartnerType::DirectReseller, &admin),
                tailspin_rel,
                false,
            ),
        ];
        for (who, relationship, allowed) in cases {
            for ending in PartnerEnding::ALL {
                let got = decide_partner_ending(&who, *ending, Some(relationship));
                let expected = if allowed {
                    Ok(())
                } else {
                    Err(EndingRefusal::NotFound)
                };
                assert_eq!(
                    got, expected,
                    "{} {ending:?} {relationship:?}",
                    who.tenant_id
                );
            }
        }
        // Not the actor's: not found even for a role that could not end anything anyway.
        let sales = actor(TAILSPIN, PartnerType::IndirectReseller, &[Role::SalesAgent]);
        assert_eq!(
            decide_partner_ending(&sales, PartnerEnding::EndRelationship, Some(litware_rel)),
            Err(EndingRefusal::NotFound)
        );
    }

    #[test]
    fn no_relationship_is_not_found() {
        let admin = actor(FABRIKAM, PartnerType::DirectReseller, &[Role::AdminAgent]);
        let sales = actor(FABRIKAM, PartnerType::DirectReseller, &[Role::SalesAgent]);
        for ending in PartnerEnding::ALL {
            assert_eq!(
                decide_partner_ending(&admin, *ending, None),
                Err(EndingRefusal::NotFound)
            );
            assert_eq!(
                decide_partner_ending(&sales, *ending, None),
                Err(EndingRefusal::NotFound)
            );
        }
    }

    /// Every state of the relationship and its access against both endings.
    #[test]
    fn only_what_is_in_force_ends() {
        let admin = actor(FABRIKAM, PartnerType::DirectReseller, &[Role::AdminAgent]);
        use EndingRefusal::*;
        use PartnerEnding::*;
        let table = [
            (true, true, TerminateAdminAccess, Ok(())),
            (true, true, EndRelationship, Ok(())),
            (true, false, TerminateAdminAccess, Err(NoAdminAccess)),
            (true, false, EndRelationship, Ok(())),
            (false, false, TerminateAdminAccess, Err(NoAdminAccess)),
            (false, false, EndRelationship, Err(NotActive)),
        ];
        for (active, access, ending, expected) in table {
            let got =
                decide_partner_ending(&admin, ending, Some(facts(FABRIKAM, None, active, access)));
            assert_eq!(got, expected, "active {active} access {access} {ending:?}");
        }
        // State is not revealed to a role that may not end anything.
        let helpdesk = actor(
            FABRIKAM,
            PartnerType::DirectReseller,
            &[Role::HelpdeskAgent],
        );
        assert_eq!(
            decide_partner_ending(
                &helpdesk,
                EndRelationship,
                Some(facts(FABRIKAM, None, false, false))
            ),
            Err(Forbidden)
        );
    }

    #[test]
    fn customer_and_operator_users_end_nothing_on_the_partner_side() {
        for (kind, role) in [
            (TenantKind::Customer, Role::GlobalAdmin),
            (TenantKind::Operator, Role::PlatformAdmin),
        ] {
            let who = Actor {
                tenant_id: FABRIKAM,
                tenant_kind: kind,
                partner_type: None,
                roles: Roles::from_iter([role]),
            };
            for ending in PartnerEnding::ALL {
                assert_eq!(
                    decide_partner_ending(&who, *ending, Some(facts(FABRIKAM, None, true, true))),
                    Err(EndingRefusal::Forbidden)
                );
            }
        }
    }
}
