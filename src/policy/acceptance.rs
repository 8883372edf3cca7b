//! Deciding an invitation: what accepting or declining it may do, computed
//! before anything is written.
//!
//! The store layer executes an [`AcceptancePlan`] in one transaction. The plan
//! can only create relationships and admin access and mark the invitation: it
//! has no way to express a change to a subscription, which is the multi-partner
//! guarantee in types.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use crate::domain::invitation::effective_state;
use crate::domain::{
    AdminAccessKind, CustomerDomain, GdapRequest, GdapRole, InvitationAccess, InvitationEvent,
    InvitationState, RelationshipType,
};
use crate::policy::actor::Actor;
use crate::policy::indirect::Inviter;

/// What the invitation asks for, with the GDAP details only where they exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestedAccess {
    Reseller,
    ResellerDap,
    ResellerGdap(GdapRequest),
}

impl RequestedAccess {
    /// The stored spelling of what is asked.
    pub fn kind(&self) -> InvitationAccess {
        match self {
            RequestedAccess::Reseller => InvitationAccess::Reseller,
            RequestedAccess::ResellerDap => InvitationAccess::ResellerDap,
            RequestedAccess::ResellerGdap(_) => InvitationAccess::ResellerGdap,
        }
    }
}

/// The facts of one invitation that a decision depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationFacts {
    /// As stored; expiry is computed here from `expires_at`, so a caller cannot
    /// forget it.
    pub state: InvitationState,
    pub expires_at: DateTime<Utc>,
    /// If set, only the customer with this domain may decide.
    pub bound_domain: Option<CustomerDomain>,
    pub inviter: Inviter,
    pub access: RequestedAccess,
}

/// A partner involved in the invitation that already works with this customer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExistingPartner {
    pub partner_tenant_id: i64,
    /// The admin access it holds that is active right now.
    pub held: HeldAccess,
}

/// The admin access a partner holds in force with one customer, over all its grants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct HeldAccess {
    pub dap: bool,
    /// The union of the roles of its GDAP grants in force.
    pub gdap_roles: BTreeSet<GdapRole>,
}

impl HeldAccess {
    pub fn is_none(&self) -> bool {
        !self.dap && self.gdap_roles.is_empty()
    }
}

/// What an invitation asks for, set against what its partner already holds. Accepting grants
/// the asked access unless it is [`covered`](AccessDifference::covered); the pages say exactly
/// which case it is, because "already has the access" is only true when it is covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessDifference {
    /// The invitation asks for no admin access.
    NothingAsked,
    /// The partner holds no admin access in force.
    NothingHeld,
    /// DAP asked, and DAP is held.
    DapHeld,
    /// DAP asked; the partner holds only GDAP, with these roles.
    DapAskedGdapHeld { held_roles: BTreeSet<GdapRole> },
    /// GDAP asked; the partner holds DAP and no GDAP role.
    GdapAskedDapHeld,
    /// GDAP asked; the partner holds GDAP roles. Covered when `not_held` is empty.
    GdapRoles {
        /// Asked and not held: what accepting adds.
        not_held: BTreeSet<GdapRole>,
        /// Held and not asked: they stay as they are.
        held_not_asked: BTreeSet<GdapRole>,
    },
}

impl AccessDifference {
    /// Everything asked is already held, so accepting grants no admin access.
    pub fn covered(&self) -> bool {
        match self {
            AccessDifference::NothingAsked | AccessDifference::DapHeld => true,
            AccessDifference::GdapRoles { not_held, .. } => not_held.is_empty(),
            AccessDifference::NothingHeld
            | AccessDifference::DapAskedGdapHeld { .. }
            | AccessDifference::GdapAskedDapHeld => false,
        }
    }
}

/// Compares what is asked with what is held. DAP and GDAP are different grants: DAP held does
/// not cover a GDAP request (a customer moving its partner to the safer GDAP accepts one while
/// DAP is still in force), and GDAP roles never add up to DAP.
pub fn compare_access(asked: &RequestedAccess, held: &HeldAccess) -> AccessDifference {
    match asked {
        RequestedAccess::Reseller => AccessDifference::NothingAsked,
        _ if held.is_none() => AccessDifference::NothingHeld,
        RequestedAccess::ResellerDap if held.dap => AccessDifference::DapHeld,
        RequestedAccess::ResellerDap => AccessDifference::DapAskedGdapHeld {
            held_roles: held.gdap_roles.clone(),
        },
        RequestedAccess::ResellerGdap(_) if held.gdap_roles.is_empty() => {
            AccessDifference::GdapAskedDapHeld
        }
        RequestedAccess::ResellerGdap(gdap) => AccessDifference::GdapRoles {
            not_held: gdap.roles().difference(&held.gdap_roles).copied().collect(),
            held_not_asked: held.gdap_roles.difference(gdap.roles()).copied().collect(),
        },
    }
}

/// Everything [`decide_acceptance`] looks at.
#[derive(Debug, Clone, Copy)]
pub struct AcceptanceInput<'a> {
    pub actor: &'a Actor,
    pub invitation: &'a InvitationFacts,
    /// The deciding customer's default domain.
    pub customer_domain: Option<&'a CustomerDomain>,
    pub now: DateTime<Utc>,
    /// Involved partners (inviter, and for an indirect reseller its provider) that
    /// already have an active relationship with this customer.
    pub existing: &'a [ExistingPartner],
}

/// Everything [`decide_decline`] looks at.
#[derive(Debug, Clone, Copy)]
pub struct DeclineInput<'a> {
    pub actor: &'a Actor,
    pub invitation: &'a InvitationFacts,
    pub customer_domain: Option<&'a CustomerDomain>,
    pub now: DateTime<Utc>,
}

/// Why an invitation cannot be accepted or declined. Each maps to one plain page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum AcceptRefusal {
    #[error("only a customer's Global Administrator can decide an invitation")]
    NotCustomerGlobalAdmin,
    #[error("this invitation is for another customer")]
    WrongCustomer,
    #[error("this invitation has expired")]
    Expired,
    #[error("this invitation was withdrawn by the partner")]
    Revoked,
    #[error("this invitation has already been used")]
    AlreadyUsed,
    #[error("this partner already works with you and asks for nothing new")]
    AlreadyPartnerNothingNew,
}

/// A relationship the acceptance creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NewRelationship {
    pub partner_tenant_id: i64,
    pub relationship_type: RelationshipType,
    /// For an indirect reseller: the provider it sells through.
    pub indirect_provider_tenant_id: Option<i64>,
}

/// Admin access the acceptance grants to the inviting partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAdminAccess {
    pub partner_tenant_id: i64,
    pub kind: AdminAccessKind,
    /// GDAP: the requested roles. DAP: empty, because its roles follow from each
    /// agent's role (admin agents Global Administrator, helpdesk agents Helpdesk
    /// Administrator).
    pub roles: BTreeSet<GdapRole>,
    pub starts_at: DateTime<Utc>,
    /// GDAP: `starts_at` + duration. DAP: none.
    pub ends_at: Option<DateTime<Utc>>,
    pub auto_extend: bool,
}

/// What accepting writes, all in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptancePlan {
    /// Always [`InvitationState::Accepted`].
    pub invitation_state: InvitationState,
    /// In creation order; relationships that already exist are left out.
    pub relationships: Vec<NewRelationship>,
    pub admin_access: Option<NewAdminAccess>,
}

/// What declining writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeclinePlan {
    /// Always [`InvitationState::Declined`].
    pub invitation_state: InvitationState,
}

/// Decides whether the actor may accept the invitation and, if so, exactly what
/// accepting creates.
///
/// Accepting an indirect reseller's invitation creates the provider's
/// relationship too. Relationships that already exist are skipped, and admin
/// access is not granted twice; if that leaves nothing to do, the acceptance is
/// refused instead of recording an empty change.
pub fn decide_acceptance(input: &AcceptanceInput<'_>) -> Result<AcceptancePlan, AcceptRefusal> {
    let invitation = input.invitation;
    let invitation_state = check_decidable(
        input.actor,
        invitation,
        input.customer_domain,
        input.now,
        InvitationEvent::Accept,
    )?;

    let existing = |partner: i64| {
        input
            .existing
            .iter()
            .find(|e| e.partner_tenant_id == partner)
    };

    let relationships: Vec<NewRelationship> = relationships_for(&invitation.inviter)
        .into_iter()
        .filter(|r| existing(r.partner_tenant_id).is_none())
        .collect();

    let inviter = invitation.inviter.partner();
    let held = existing(inviter)
        .map(|e| e.held.clone())
        .unwrap_or_default();
    let admin_access = if compare_access(&invitation.access, &held).covered() {
        None
    } else {
        admin_access_for(inviter, &invitation.access, input.now)
    };

    if relationships.is_empty() && admin_access.is_none() {
        return Err(AcceptRefusal::AlreadyPartnerNothingNew);
    }
    Ok(AcceptancePlan {
        invitation_state,
        relationships,
        admin_access,
    })
}

/// Decides whether the actor may decline the invitation. Declining changes only
/// the invitation; a customer may decline even a partner it already works with.
pub fn decide_decline(input: &DeclineInput<'_>) -> Result<DeclinePlan, AcceptRefusal> {
    let invitation_state = check_decidable(
        input.actor,
        input.invitation,
        input.customer_domain,
        input.now,
        InvitationEvent::Decline,
    )?;
    Ok(DeclinePlan { invitation_state })
}

/// The checks shared by accept and decline, in the order a user should hear
/// about them: who you are, whether it is addressed to you, then its state.
/// Returns the state the invitation moves to.
fn check_decidable(
    actor: &Actor,
    invitation: &InvitationFacts,
    customer_domain: Option<&CustomerDomain>,
    now: DateTime<Utc>,
    event: InvitationEvent,
) -> Result<InvitationState, AcceptRefusal> {
    if !actor.is_customer_global_admin() {
        return Err(AcceptRefusal::NotCustomerGlobalAdmin);
    }
    if invitation
        .bound_domain
        .as_ref()
        .is_some_and(|bound| customer_domain != Some(bound))
    {
        return Err(AcceptRefusal::WrongCustomer);
    }
    match effective_state(invitation.state, invitation.expires_at, now) {
        InvitationState::Pending => InvitationState::Pending
            .apply(event)
            .map_err(|_| AcceptRefusal::AlreadyUsed),
        InvitationState::Accepted | InvitationState::Declined => Err(AcceptRefusal::AlreadyUsed),
        InvitationState::Revoked => Err(AcceptRefusal::Revoked),
        InvitationState::Expired => Err(AcceptRefusal::Expired),
    }
}

/// Every relationship an invitation stands for, in creation order: an indirect
/// reseller's brings its provider's relationship first.
fn relationships_for(inviter: &Inviter) -> Vec<NewRelationship> {
    let one = |partner_tenant_id, relationship_type, indirect_provider_tenant_id| NewRelationship {
        partner_tenant_id,
        relationship_type,
        indirect_provider_tenant_id,
    };
    match *inviter {
        Inviter::DirectReseller { partner } => {
            vec![one(partner, RelationshipType::DirectReseller, None)]
        }
        Inviter::IndirectProvider { partner } => {
            vec![one(partner, RelationshipType::IndirectProvider, None)]
        }
        Inviter::IndirectReseller { reseller, provider } => vec![
            one(provider, RelationshipType::IndirectProvider, None),
            one(reseller, RelationshipType::IndirectReseller, Some(provider)),
        ],
    }
}

fn admin_access_for(
    partner_tenant_id: i64,
    access: &RequestedAccess,
    now: DateTime<Utc>,
) -> Option<NewAdminAccess> {
    match access {
        RequestedAccess::Reseller => None,
        RequestedAccess::ResellerDap => Some(NewAdminAccess {
            partner_tenant_id,
            kind: AdminAccessKind::Dap,
            roles: BTreeSet::new(),
            starts_at: now,
            ends_at: None,
            auto_extend: false,
        }),
        RequestedAccess::ResellerGdap(gdap) => Some(NewAdminAccess {
            partner_tenant_id,
            kind: AdminAccessKind::Gdap,
            roles: gdap.roles().clone(),
            starts_at: now,
            ends_at: Some(gdap.duration().ends_at(now)),
            auto_extend: gdap.auto_extend(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GdapDuration, PartnerType, Roles, TenantKind};
    use chrono::{Duration, TimeZone};

    const CUSTOMER: i64 = 100;
    const NORTHWIND: i64 = 1;
    const TAILSPIN: i64 = 2; // indirect reseller
    const LITWARE: i64 = 3; // indirect provider

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()
    }

    fn domain(s: &str) -> CustomerDomain {
        CustomerDomain::parse(s).unwrap()
    }

    fn contoso() -> CustomerDomain {
        domain("contoso.partner.onmschina.cn")
    }

    fn actor(kind: TenantKind, claims: &[&str]) -> Actor {
        Actor {
            tenant_id: CUSTOMER,
            tenant_kind: kind,
            partner_type: None,
            roles: Roles::from_claims(claims),
        }
    }

    fn grace() -> Actor {
        actor(TenantKind::Customer, &["global_admin"])
    }

    fn gdap(roles: &[GdapRole], days: u32, auto_extend: bool) -> GdapRequest {
        GdapRequest::new(
            roles.iter().copied(),
            GdapDuration::new(days).unwrap(),
            auto_extend,
        )
        .unwrap()
    }

    fn invitation(inviter: Inviter, access: RequestedAccess) -> InvitationFacts {
        InvitationFacts {
            state: InvitationState::Pending,
            expires_at: now() + Duration::days(7),
            bound_domain: None,
            inviter,
            access,
        }
    }

    fn direct(access: RequestedAccess) -> InvitationFacts {
        invitation(Inviter::DirectReseller { partner: NORTHWIND }, access)
    }

    fn indirect(access: RequestedAccess) -> InvitationFacts {
        invitation(
            Inviter::IndirectReseller {
                reseller: TAILSPIN,
                provider: LITWARE,
            },
            access,
        )
    }

    fn accept(
        actor: &Actor,
        inv: &InvitationFacts,
        existing: &[ExistingPartner],
    ) -> Result<AcceptancePlan, AcceptRefusal> {
        decide_acceptance(&AcceptanceInput {
            actor,
            invitation: inv,
            customer_domain: Some(&contoso()),
            now: now(),
            existing,
        })
    }

    fn decline(actor: &Actor, inv: &InvitationFacts) -> Result<DeclinePlan, AcceptRefusal> {
        decide_decline(&DeclineInput {
            actor,
            invitation: inv,
            customer_domain: Some(&contoso()),
            now: now(),
        })
    }

    fn rel(partner: i64, t: RelationshipType, provider: Option<i64>) -> NewRelationship {
        NewRelationship {
            partner_tenant_id: partner,
            relationship_type: t,
            indirect_provider_tenant_id: provider,
        }
    }

    /// An existing partner; `has_access` means it holds DAP.
    fn partner(id: i64, has_access: bool) -> ExistingPartner {
        partner_holding(
            id,
            HeldAccess {
                dap: has_access,
                gdap_roles: BTreeSet::new(),
            },
        )
    }

    fn partner_holding(id: i64, held: HeldAccess) -> ExistingPartner {
        ExistingPartner {
            partner_tenant_id: id,
            held,
        }
    }

    fn holding_gdap(roles: &[GdapRole]) -> HeldAccess {
        HeldAccess {
            dap: false,
            gdap_roles: roles.iter().copied().collect(),
        }
    }

    #[test]
    fn direct_reseller_only() {
        let plan = accept(&grace(), &direct(RequestedAccess::Reseller), &[]).unwrap();
        assert_eq!(
            plan,
            AcceptancePlan {
                invitation_state: InvitationState::Accepted,
                relationships: vec![rel(NORTHWIND, RelationshipType::DirectReseller, None)],
                admin_access: None,
            }
        );
    }

    #[test]
    fn indirect_provider_invitation_creates_its_own_relationship() {
        let inv = invitation(
            Inviter::IndirectProvider { partner: LITWARE },
            RequestedAccess::Reseller,
        );
        let plan = accept(&grace(), &inv, &[]).unwrap();
        assert_eq!(
            plan.relationships,
            [rel(LITWARE, RelationshipType::IndirectProvider, None)]
        );
    }

    #[test]
    fn dap_has_no_end_and_no_listed_roles() {
        let plan = accept(&grace(), &direct(RequestedAccess::ResellerDap), &[]).unwrap();
        assert_eq!(
            plan.admin_access,
            Some(NewAdminAccess {
                partner_tenant_id: NORTHWIND,
                kind: AdminAccessKind::Dap,
                roles: BTreeSet::new(),
                starts_at: now(),
                ends_at: None,
                auto_extend: false,
            })
        );
    }

    #[test]
    fn gdap_ends_after_its_duration() {
        let req = gdap(
            &[GdapRole::HelpdeskAdministrator, GdapRole::GlobalReader],
            90,
            true,
        );
        let plan = accept(&grace(), &direct(RequestedAccess::ResellerGdap(req)), &[]).unwrap();
        assert_eq!(
            plan.admin_access,
            Some(NewAdminAccess {
                partner_tenant_id: NORTHWIND,
                kind: AdminAccessKind::Gdap,
                roles: [GdapRole::HelpdeskAdministrator, GdapRole::GlobalReader].into(),
                starts_at: now(),
                ends_at: Some(now() + Duration::days(90)),
                auto_extend: true,
            })
        );
    }

    #[test]
    fn indirect_reseller_creates_provider_then_reseller() {
        let plan = accept(&grace(), &indirect(RequestedAccess::Reseller), &[]).unwrap();
        assert_eq!(
            plan.relationships,
            [
                rel(LITWARE, RelationshipType::IndirectProvider, None),
                rel(TAILSPIN, RelationshipType::IndirectReseller, Some(LITWARE)),
            ]
        );
    }

    #[test]
    fn indirect_reseller_skips_existing_provider_relationship() {
        let plan = accept(
            &grace(),
            &indirect(RequestedAccess::Reseller),
            &[partner(LITWARE, false)],
        )
        .unwrap();
        assert_eq!(
            plan.relationships,
            [rel(
                TAILSPIN,
                RelationshipType::IndirectReseller,
                Some(LITWARE)
            )]
        );
    }

    #[test]
    fn indirect_reseller_admin_access_goes_to_the_reseller() {
        let req = gdap(&[GdapRole::UserAdministrator], 30, false);
        let plan = accept(
            &grace(),
            &indirect(RequestedAccess::ResellerGdap(req)),
            &[partner(LITWARE, true)],
        )
        .unwrap();
        let access = plan.admin_access.unwrap();
        assert_eq!(access.partner_tenant_id, TAILSPIN);
        // The provider's existing access does not suppress the reseller's grant.
        assert_eq!(access.kind, AdminAccessKind::Gdap);
    }

    #[test]
    fn indirect_reseller_already_there_with_provider_is_nothing_new() {
        let existing = [partner(LITWARE, false), partner(TAILSPIN, false)];
        assert_eq!(
            accept(&grace(), &indirect(RequestedAccess::Reseller), &existing),
            Err(AcceptRefusal::AlreadyPartnerNothingNew)
        );
    }

    #[test]
    fn existing_partner_without_access_may_still_be_granted_access() {
        let plan = accept(
            &grace(),
            &direct(RequestedAccess::ResellerDap),
            &[partner(NORTHWIND, false)],
        )
        .unwrap();
        assert!(plan.relationships.is_empty());
        assert_eq!(
            plan.admin_access.map(|a| a.kind),
            Some(AdminAccessKind::Dap)
        );
    }

    #[test]
    fn existing_partner_asking_for_nothing_new_is_refused() {
        assert_eq!(
            accept(
                &grace(),
                &direct(RequestedAccess::Reseller),
                &[partner(NORTHWIND, false)]
            ),
            Err(AcceptRefusal::AlreadyPartnerNothingNew)
        );
        let req = gdap(&[GdapRole::GlobalReader], 30, false);
        assert_eq!(
            accept(
                &grace(),
                &direct(RequestedAccess::ResellerGdap(req)),
                &[partner_holding(
                    NORTHWIND,
                    holding_gdap(&[GdapRole::GlobalReader, GdapRole::HelpdeskAdministrator])
                )]
            ),
            Err(AcceptRefusal::AlreadyPartnerNothingNew)
        );
        assert_eq!(
            accept(
                &grace(),
                &direct(RequestedAccess::ResellerDap),
                &[partner(NORTHWIND, true)]
            ),
            Err(AcceptRefusal::AlreadyPartnerNothingNew)
        );
    }

    /// The case: Fabrikam holds GDAP (Helpdesk, User Administrator) and asks for DAP.
    /// That is not "already has the access": accepting grants DAP, and the difference is named.
    #[test]
    fn dap_asked_while_gdap_held_grants_dap() {
        let held = holding_gdap(&[GdapRole::HelpdeskAdministrator, GdapRole::UserAdministrator]);
        assert_eq!(
            compare_access(&RequestedAccess::ResellerDap, &held),
            AccessDifference::DapAskedGdapHeld {
                held_roles: held.gdap_roles.clone()
            }
        );
        let plan = accept(
            &grace(),
            &direct(RequestedAccess::ResellerDap),
            &[partner_holding(NORTHWIND, held)],
        )
        .unwrap();
        assert!(plan.relationships.is_empty());
        assert_eq!(
            plan.admin_access.map(|a| a.kind),
            Some(AdminAccessKind::Dap)
        );
    }

    #[test]
    fn gdap_asked_while_dap_held_grants_gdap() {
        let req = gdap(&[GdapRole::GlobalReader], 30, false);
        let held = HeldAccess {
            dap: true,
            gdap_roles: BTreeSet::new(),
        };
        let asked = RequestedAccess::ResellerGdap(req);
        assert_eq!(
            compare_access(&asked, &held),
            AccessDifference::GdapAskedDapHeld
        );
        let plan = accept(
            &grace(),
            &direct(asked),
            &[partner_holding(NORTHWIND, held)],
        )
        .unwrap();
        assert_eq!(
            plan.admin_access.map(|a| a.kind),
            Some(AdminAccessKind::Gdap)
        );
    }

    #[test]
    fn gdap_roles_compare_both_ways() {
        let asked = RequestedAccess::ResellerGdap(gdap(
            &[GdapRole::GlobalReader, GdapRole::UserAdministrator],
            30,
            false,
        ));
        let held = holding_gdap(&[GdapRole::UserAdministrator, GdapRole::HelpdeskAdministrator]);
        let difference = compare_access(&asked, &held);
        assert_eq!(
            difference,
            AccessDifference::GdapRoles {
                not_held: [GdapRole::GlobalReader].into(),
                held_not_asked: [GdapRole::HelpdeskAdministrator].into(),
            }
        );
        assert!(!difference.covered());
        let plan = accept(
            &grace(),
            &direct(asked.clone()),
            &[partner_holding(NORTHWIND, held)],
        )
        .unwrap();
        // The new grant carries every role asked, not only the missing ones: it is one grant
        // with its own duration.
        assert_eq!(
            plan.admin_access.map(|a| a.roles),
            Some([GdapRole::GlobalReader, GdapRole::UserAdministrator].into())
        );
        // A superset held covers the request.
        let more = holding_gdap(&[
            GdapRole::GlobalReader,
            GdapRole::UserAdministrator,
            GdapRole::HelpdeskAdministrator,
        ]);
        assert!(compare_access(&asked, &more).covered());
    }

    #[test]
    fn nothing_asked_or_nothing_held() {
        let held = holding_gdap(&[GdapRole::GlobalReader]);
        assert_eq!(
            compare_access(&RequestedAccess::Reseller, &held),
            AccessDifference::NothingAsked
        );
        assert!(AccessDifference::NothingAsked.covered());
        let none = HeldAccess::default();
        assert_eq!(
            compare_access(&RequestedAccess::ResellerDap, &none),
            AccessDifference::NothingHeld
        );
        assert!(!AccessDifference::NothingHeld.covered());
    }

    #[test]
    fn other_customers_partners_are_irrelevant() {
        // Existing entries for uninvolved partners change nothing.
        let plan = accept(
            &grace(),
            &direct(RequestedAccess::Reseller),
            &[partner(99, true)],
        )
        .unwrap();
        assert_eq!(plan.relationships.len(), 1);
    }

    #[test]
    fn only_customer_global_admin_decides() {
        let inv = direct(RequestedAccess::Reseller);
        let not_allowed = [
            actor(TenantKind::Customer, &["user"]),
            actor(TenantKind::Customer, &[]),
            actor(TenantKind::Partner, &["global_admin", "admin_agent"]),
            actor(TenantKind::Operator, &["platform_admin", "global_admin"]),
        ];
        for who in &not_allowed {
            assert_eq!(
                accept(who, &inv, &[]),
                Err(AcceptRefusal::NotCustomerGlobalAdmin)
            );
            assert_eq!(
                decline(who, &inv),
                Err(AcceptRefusal::NotCustomerGlobalAdmin)
            );
        }
    }

    #[test]
    fn bound_invitation_refuses_other_customers() {
        let mut inv = direct(RequestedAccess::Reseller);
        inv.bound_domain = Some(domain("adventureworks.partner.onmschina.cn"));
        assert_eq!(
            accept(&grace(), &inv, &[]),
            Err(AcceptRefusal::WrongCustomer)
        );
        assert_eq!(decline(&grace(), &inv), Err(AcceptRefusal::WrongCustomer));
        inv.bound_domain = Some(domain("Contoso.Partner.OnMSChina.cn"));
        assert!(accept(&grace(), &inv, &[]).is_ok());
        assert!(decline(&grace(), &inv).is_ok());
    }

    /// A customer whose domain the portal does not know (created at its first sign-in by a
    /// provider that sends none) can take unbound invitations only.
    #[test]
    fn customer_without_a_known_domain_matches_no_binding() {
        let decide = |inv: &InvitationFacts| {
            decide_acceptance(&AcceptanceInput {
                actor: &grace(),
                invitation: inv,
                customer_domain: None,
                now: now(),
                existing: &[],
            })
        };
        let mut inv = direct(RequestedAccess::Reseller);
        assert!(decide(&inv).is_ok());
        inv.bound_domain = Some(contoso());
        assert_eq!(decide(&inv), Err(AcceptRefusal::WrongCustomer));
    }

    #[test]
    fn state_refusals() {
        let cases = [
            (InvitationState::Accepted, AcceptRefusal::AlreadyUsed),
            (InvitationState::Declined, AcceptRefusal::AlreadyUsed),
            (InvitationState::Revoked, AcceptRefusal::Revoked),
            (InvitationState::Expired, AcceptRefusal::Expired),
        ];
        for (state, refusal) in cases {
            let mut inv = direct(RequestedAccess::Reseller);
            inv.state = state;
            assert_eq!(accept(&grace(), &inv, &[]), Err(refusal), "{state}");
            assert_eq!(decline(&grace(), &inv), Err(refusal), "{state}");
        }
    }

    #[test]
    fn pending_past_expiry_is_expired() {
        let mut inv = direct(RequestedAccess::Reseller);
        inv.expires_at = now();
        assert_eq!(accept(&grace(), &inv, &[]), Err(AcceptRefusal::Expired));
        assert_eq!(decline(&grace(), &inv), Err(AcceptRefusal::Expired));
        inv.expires_at = now() + Duration::seconds(1);
        assert!(accept(&grace(), &inv, &[]).is_ok());
    }

    #[test]
    fn revoked_past_expiry_still_says_revoked() {
        let mut inv = direct(RequestedAccess::Reseller);
        inv.state = InvitationState::Revoked;
        inv.expires_at = now() - Duration::days(1);
        assert_eq!(accept(&grace(), &inv, &[]), Err(AcceptRefusal::Revoked));
    }

    #[test]
    fn refusal_order_actor_then_customer_then_state() {
        let mut inv = direct(RequestedAccess::Reseller);
        inv.state = InvitationState::Revoked;
        inv.bound_domain = Some(domain("fabrikam.cn"));
        let user = actor(TenantKind::Customer, &["user"]);
        assert_eq!(
            accept(&user, &inv, &[]),
            Err(AcceptRefusal::NotCustomerGlobalAdmin)
        );
        assert_eq!(
            accept(&grace(), &inv, &[]),
            Err(AcceptRefusal::WrongCustomer)
        );
    }

    #[test]
    fn decline_only_marks_the_invitation() {
        let inv = direct(RequestedAccess::Reseller);
        assert_eq!(
            decline(&grace(), &inv),
            Ok(DeclinePlan {
                invitation_state: InvitationState::Declined
            })
        );
    }

    #[test]
    fn requested_access_kind() {
        assert_eq!(RequestedAccess::Reseller.kind(), InvitationAccess::Reseller);
        assert_eq!(
            RequestedAccess::ResellerDap.kind(),
            InvitationAccess::ResellerDap
        );
        let req = gdap(&[GdapRole::GlobalReader], 1, false);
        assert_eq!(
            RequestedAccess::ResellerGdap(req).kind(),
            InvitationAccess::ResellerGdap
        );
    }

    #[test]
    fn inviter_type_survives_into_the_plan() {
        let inv = indirect(RequestedAccess::Reseller);
        assert_eq!(inv.inviter.partner_type(), PartnerType::IndirectReseller);
        let plan = accept(&grace(), &inv, &[]).unwrap();
        let types: Vec<PartnerType> = plan
            .relationships
            .iter()
            .map(|r| r.relationship_type.into())
            .collect();
        assert_eq!(
            types,
            [PartnerType::IndirectProvider, PartnerType::IndirectReseller]
        );
    }
}
