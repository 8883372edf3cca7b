//! The built-in demo OpenID provider under `/demo-idp` (demo mode only): discovery, an
//! authorize page listing the demo users, token (authorization code + PKCE S256, client secret),
//! userinfo and JWKS with an RS256 key. The portal signs in through it over real HTTP with the
//! same client code as through any provider, so the demo exercises the production path.

mod keys;
mod routes;

pub use keys::SigningKey;
pub use routes::configure;

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
    ) -> Self {
        DemoIdp {
            issuer,
            client_id,
            client_secret,
            redirect_uri,
            key: SigningKey::shared(),
            codes: Mutex::new(HashMap::new()),
            access_tokens: Mutex::new(HashMap::new()),
        }
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
