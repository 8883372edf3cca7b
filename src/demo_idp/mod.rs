//! The built-in demo OpenID provider under `/demo-idp` (demo mode only): discovery, an
//! authorize page listing the demo users, token (authorization code + PKCE S256, client secret),
//! userinfo and JWKS with an RS256 key. The portal signs in through it over real HTTP with the
//! same client code as through any provider, so the demo exercises the production path.

mod keys;
mod routes;

pub use keys::SigningKey;
pub use routes::routes;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Authorization codes live this long and are single-use.
const CODE_TTL: Duration = Duration::from_secs(60);
/// Access tokens (for userinfo) live this long.
const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(300);

pub struct DemoIdp {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    /// The one address RP-initiated logout may send the browser back to.
    pub post_logout_redirect_uri: String,
    key: &'static SigningKey,
    codes: Mutex<HashMap<String, CodeGrant>>,
    access_tokens: Mutex<HashMap<String, (String, Instant)>>,
}

#[derive(Clone)]
struct CodeGrant {
    login: String,
    nonce: Option<String>,
    code_challenge: String,
    issued: Instant,
}

impl DemoIdp {
    pub fn new(
        issuer: String,
        client_id: String,
        client_secret: String,
        redirect_uri: String,
        post_logout_redirect_uri: String,
    ) -> Self {
        DemoIdp {
            issuer,
            client_id,
            client_secret,
            redirect_uri,
            post_logout_redirect_uri,
            key: SigningKey::shared(),
            codes: Mutex::new(HashMap::new()),
            access_tokens: Mutex::new(HashMap::new()),
        }
    }

    /// The discovery document (also read by `multipartner doctor`, which cannot reach a demo
    /// provider that only a running server serves).
    pub fn discovery(&self) -> serde_json::Value {
        let i = &self.issuer;
        serde_json::json!({
            "issuer": i,
            "authorization_endpoint": format!("{i}/authorize"),
            "token_endpoint": format!("{i}/token"),
            "userinfo_endpoint": format!("{i}/userinfo"),
            "jwks_uri": format!("{i}/jwks"),
            "end_session_endpoint": format!("{i}/logout"),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "name", "preferred_username", "tenant_id", "tenant_type", "tenant_name", "tenant_domain", "roles"],
            "authorization_response_iss_parameter_supported": true,
        })
    }

    pub fn jwks(&self) -> &serde_json::Value {
        self.key.jwks()
    }

    fn store_code(&self, code: String, grant: CodeGrant) {
        let mut codes = self.codes.lock().unwrap_or_else(|p| p.into_inner());
        codes.retain(|_, g| g.issued.elapsed() < CODE_TTL);
        codes.insert(code, grant);
    }

    /// Takes a code out (single use); `None` when unknown or expired.
    fn take_code(&self, code: &str) -> Option<CodeGrant> {
        let mut codes = self.codes.lock().unwrap_or_else(|p| p.into_inner());
        codes.remove(code).filter(|g| g.issued.elapsed() < CODE_TTL)
    }

    fn store_access_token(&self, token: String, login: String) {
        let mut tokens = self.access_tokens.lock().unwrap_or_else(|p| p.into_inner());
        tokens.retain(|_, (_, at)| at.elapsed() < ACCESS_TOKEN_TTL);
        tokens.insert(token, (login, Instant::now()));
    }

    fn login_for_access_token(&self, token: &str) -> Option<String> {
        let tokens = self.access_tokens.lock().unwrap_or_else(|p| p.into_inner());
        tokens
            .get(token)
            .filter(|(_, at)| at.elapsed() < ACCESS_TOKEN_TTL)
            .map(|(login, _)| login.clone())
    }
}
