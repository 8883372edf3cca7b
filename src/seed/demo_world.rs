//! The demo world: tenants, users (the ones the demo provider offers), offers and subscriptions.
//! Shared by the seed command and the built-in demo identity provider, so the two always agree.

/// A tenant of the demo world. `external_id` is the identity provider's tenant id claim.
pub struct DemoTenant {
    pub external_id: &'static str,
    pub kind: &'static str,
    pub name: &'static str,
    pub partner_type: Option<&'static str>,
    pub partner_id: Option<&'static str>,
    pub default_domain: Option<&'static str>,
}

pub const TENANTS: &[DemoTenant] = &[
    DemoTenant {
        external_id: "t-operator",
        kind: "operator",
        name: "Multipartner Operations",
        partner_type: None,
        partner_id: None,
        default_domain: None,
    },
    DemoTenant {
        external_id: "t-fabrikam",
        kind: "partner",
        name: "Fabrikam",
        partner_type: Some("direct_reseller"),
        partner_id: Some("5100001"),
        default_domain: None,
    },
    DemoTenant {
        external_id: "t-northwind",
        kind: "partner",
        name: "Northwind Traders",
        partner_type: Some("direct_reseller"),
        partner_id: Some("5100002"),
        default_domain: None,
    },
    DemoTenant {
        external_id: "t-litware",
        kind: "partner",
        name: "Litware",
        partner_type: Some("indirect_provider"),
        partner_id: Some("5100003"),
        default_domain: None,
    },
    DemoTenant {
        external_id: "t-tailspin",
        kind: "partner",
        name: "Tailspin Toys",
        partner_type: Some("indirect_reseller"),
        partner_id: Some("5100004"),
        default_domain: None,
    },
    DemoTenant {
        external_id: "t-contoso",
        kind: "customer",
        name: "Contoso",
        partner_type: None,
        partner_id: None,
        default_domain: Some("contoso.partner.onmschina.cn"),
    },
    DemoTenant {
        external_id: "t-adventure",
        kind: "customer",
        name: "Adventure Works",
        partner_type: None,
        partner_id: None,
        default_domain: Some("adventureworks.partner.onmschina.cn"),
    },
];

/// A demo user. The picker posts `login`; `subject` is the stable, opaque `sub` claim.
pub struct DemoUser {
    pub login: &'static str,
    pub subject: &'static str,
    pub name: &'static str,
    pub tenant_external_id: &'static str,
    pub roles: &'static [&'static str],
}

pub const USERS: &[DemoUser] = &[
    DemoUser {
        login: "admin@operator",
        subject: "demo-0001",
        name: "Olivia Operator",
        tenant_external_id: "t-operator",
        roles: &["platform_admin"],
    },
    DemoUser {
        login: "anna@fabrikam",
        subject: "demo-0002",
        name: "Anna Fabrikam",
        tenant_external_id: "t-fabrikam",
        roles: &["admin_agent"],
    },
    DemoUser {
        login: "sam@fabrikam",
        subject: "demo-0003",
        name: "Sam Fabrikam",
        tenant_external_id: "t-fabrikam",
        roles: &["sales_agent"],
    },
    DemoUser {
        login: "li@northwind",
        subject: "demo-0004",
        name: "Li Northwind",
        tenant_external_id: "t-northwind",
        roles: &["admin_agent"],
    },
    DemoUser {
        login: "ivan@tailspin",
        subject: "demo-0005",
        name: "Ivan Tailspin",
        tenant_external_id: "t-tailspin",
        roles: &["admin_agent"],
    },
    DemoUser {
        login: "grace@contoso",
        subject: "demo-0006",
        name: "Grace Contoso",
        tenant_external_id: "t-contoso",
        roles: &["global_admin"],
    },
    DemoUser {
        login: "uma@contoso",
        subject: "demo-0007",
        name: "Uma Contoso",
        tenant_external_id: "t-contoso",
        roles: &["user"],
    },
    DemoUser {
        login: "wei@adventure",
        subject: "demo-0008",
        name: "Wei Adventure",
        tenant_external_id: "t-adventure",
        roles: &["global_admin"],
    },
];

pub fn tenant(external_id: &str) -> Option<&'static DemoTenant> {
    TENANTS.iter().find(|t| t.external_id == external_id)
}

pub fn user(login: &str) -> Option<&'static DemoUser> {
    USERS.iter().find(|u| u.login == login)
}

/// Offer catalogue: (sku, name, term, billing).
pub const OFFERS: &[(&str, &str, &str, &str)] = &[
    ("M365-E3", "Microsoft 365 E3", "P1Y", "monthly"),
    ("M365-BB", "Microsoft 365 Business Basic", "P1M", "monthly"),
    ("O365-E1", "Office 365 E1", "P1Y", "annual"),
    ("AZURE-PLAN", "Azure plan", "none", "usage"),
    (
        "D365-SALES",
        "Dynamics 365 Sales Enterprise",
        "P1Y",
        "monthly",
    ),
    ("TEAMS-ROOMS", "Microsoft Teams Rooms Pro", "P1Y", "monthly"),
];

/// Contoso's existing subscriptions, all sold by Northwind: (sku, quantity).
pub const CONTOSO_SUBSCRIPTIONS: &[(&str, i32)] =
    &[("M365-E3", 50), ("AZURE-PLAN", 1), ("O365-E1", 120)];
