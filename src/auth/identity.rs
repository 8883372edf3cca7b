//! Turning verified ID-token claims into a portal identity: which tenant, which kind of tenant,
//! which roles. Claim names are configurable (`ClaimMapping`).

use serde_json::{Map, Value};

use crate::config::ClaimMapping;
use crate::domain::{Role, Roles, TenantKind};

/// Who signed in, as the identity provider vouches for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub login: String,
    pub display_name: String,
    pub tenant_external_id: String,
    pub tenant_kind: TenantKind,
    pub tenant_name: Option<String>,
    pub tenant_domain: Option<String>,
    pub roles: Roles,
}

/// Why verified claims do not make a portal identity. The texts are for the deployer's log.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdentityError {
    #[error(
        "neither the ID token nor userinfo carries the {0} claim: check the claim name \
         (OIDC_*_CLAIM) and that a requested scope releases it (OIDC_SCOPES)"
    )]
    MissingClaim(String),
    #[error(
        "the {claim} claim is {value:?}; expected one of {expected} (values are case-sensitive)"
    )]
    BadClaim {
        claim: String,
        value: String,
        expected: &'static str,
    },
}

fn string_claim(claims: &Map<String, Value>, name: &str) -> Option<String> {
    claims
        .get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Maps claims to an identity. `issuer` and `subject` come from the verified token.
pub fn identity_from_claims(
    issuer: &str,
    subject: &str,
    claims: &Map<String, Value>,
    mapping: &ClaimMapping,
) -> Result<Identity, IdentityError> {
    let tenant_external_id = string_claim(claims, &mapping.tenant_id)
        .ok_or_else(|| IdentityError::MissingClaim(mapping.tenant_id.clone()))?;
    let kind_value = string_claim(claims, &mapping.tenant_kind)
        .ok_or_else(|| IdentityError::MissingClaim(mapping.tenant_kind.clone()))?;
    let tenant_kind: TenantKind = kind_value.parse().map_err(|_| IdentityError::BadClaim {
        claim: mapping.tenant_kind.clone(),
        value: kind_value.chars().take(64).collect(),
        expected: "partner, customer, operator",
    })?;

    // `roles` may name several claims ("wids roles"): their values are pooled.
    let raw_roles: Vec<String> = mapping
        .roles
        .split([' ', ','])
        .filter(|name| !name.is_empty())
        .flat_map(|name| match claims.get(name) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Some(Value::String(s)) => s.split([' ', ',']).map(str::to_owned).collect(),
            _ => Vec::new(),
        })
        .collect();
    // Map IdP values (e.g. directory-role template ids) first, then keep only the roles that
    // make sense for this kind of tenant: a customer can never hold a partner role.
    let mapped = raw_roles.iter().map(|r| {
        mapping
            .role_map
            .get(r)
            .cloned()
            .unwrap_or_else(|| r.clone())
    });
    let roles = Roles::from_claims(mapped).effective_for(tenant_kind);

    let login = string_claim(claims, "preferred_username")
        .or_else(|| string_claim(claims, "email"))
        .unwrap_or_else(|| subject.to_owned());
    let display_name = string_claim(claims, "name").unwrap_or_else(|| login.clone());

    Ok(Identity {
        issuer: issuer.to_owned(),
        subject: subject.to_owned(),
        login,
        display_name,
        tenant_external_id,
        tenant_kind,
        tenant_name: string_claim(claims, &mapping.tenant_name),
        tenant_domain: string_claim(claims, &mapping.tenant_domain),
        roles,
    })
}

impl Identity {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mapping() -> ClaimMapping {
        ClaimMapping {
            tenant_id: "tenant_id".into(),
            tenant_kind: "tenant_type".into(),
            tenant_name: "tenant_name".into(),
            tenant_domain: "tenant_domain".into(),
            roles: "roles".into(),
            role_map: [(
                "62e90394-69f5-4237-9190-012177145e10".to_owned(),
                "global_admin".to_owned(),
            )]
            .into_iter()
            .collect(),
        }
    }

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn maps_tenant_kind_and_roles() {
        let c = claims(json!({"tenant_id": "t-1", "tenant_type": "partner",
            "roles": ["admin_agent", "something_else"], "name": "Anna", "email": "anna@x"}));
        let id = identity_from_claims("iss", "sub", &c, &mapping()).unwrap();
        assert_eq!(id.tenant_kind, TenantKind::Partner);
        assert!(id.has_role(Role::AdminAgent));
        assert!(!id.has_role(Role::GlobalAdmin));
        assert_eq!(id.display_name, "Anna");
        assert_eq!(id.login, "anna@x");
    }

    #[test]
    fn role_map_translates_directory_roles_and_kind_limits_them() {
        let c = claims(json!({"tenant_id": "t", "tenant_type": "customer",
            "roles": ["62e90394-69f5-4237-9190-012177145e10", "admin_agent"]}));
        let id = identity_from_claims("iss", "sub", &c, &mapping()).unwrap();
        assert!(id.has_role(Role::GlobalAdmin));
        // A partner role claimed inside a customer tenant is dropped.
        assert!(!id.has_role(Role::AdminAgent));
        assert_eq!(id.login, "sub");
    }

    #[test]
    fn several_role_claims_are_pooled() {
        // Entra: directory roles in `wids`, app roles in `roles`.
        let mut m = mapping();
        m.roles = "wids roles".into();
        let c = claims(json!({"tenant_id": "t", "tenant_type": "customer",
            "wids": ["62e90394-69f5-4237-9190-012177145e10"], "roles": ["user"]}));
        let id = identity_from_claims("iss", "sub", &c, &m).unwrap();
        assert!(id.has_role(Role::GlobalAdmin));
        assert!(id.has_role(Role::User));
    }

    #[test]
    fn missing_or_bad_tenant_claims_are_refused() {
        let m = mapping();
        let no_tenant = claims(json!({"tenant_type": "partner"}));
        assert_eq!(
            identity_from_claims("i", "s", &no_tenant, &m),
            Err(IdentityError::MissingClaim("tenant_id".into()))
        );
        // Values are case-sensitive, and the error says what came and what was expected.
        let bad_kind = claims(json!({"tenant_id": "t", "tenant_type": "Partner"}));
        let err = identity_from_claims("i", "s", &bad_kind, &m).unwrap_err();
        assert_eq!(
            err,
            IdentityError::BadClaim {
                claim: "tenant_type".into(),
                value: "Partner".into(),
                expected: "partner, customer, operator",
            }
        );
        assert!(err.to_string().contains("\"Partner\""), "{err}");
        assert!(
            IdentityError::MissingClaim("tenant_id".into())
                .to_string()
                .contains("OIDC_SCOPES")
        );
    }
}
