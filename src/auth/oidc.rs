//! The OpenID Connect relying party: authorization-code flow with PKCE (S256), `state` and
//! `nonce`, ID-token validation (JWKS signature, exact issuer, audience, expiry, nonce) through
//! `openidconnect`. The same code signs in through the built-in demo provider and a real one.

use std::time::{Duration, Instant};

use base64::Engine;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::sync::RwLock;

use crate::auth::identity::{Identity, IdentityError, identity_from_claims};
use crate::config::OidcConfig;
use crate::security::constant_time_eq;

/// How long discovery metadata (and the JWKS in it) is trusted before it is fetched again.
const METADATA_TTL: Duration = Duration::from_secs(600);
/// A sign-in that takes longer than this at the identity provider must start again.
pub const PENDING_MAX_AGE_SECS: i64 = 600;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the identity provider could not be reached or answered badly: {0}")]
    Provider(String),
    #[error("no sign-in is in progress (missing or expired state)")]
    NoPendingSignIn,
    #[error("the state parameter does not match")]
    StateMismatch,
    #[error("the callback names another issuer")]
    IssuerMismatch,
    #[error("the identity provider refused the sign-in: {0}")]
    Denied(String),
    #[error("the code exchange failed: {0}")]
    Exchange(String),
    #[error("the ID token is invalid: {0}")]
    InvalidToken(String),
    #[error("the account cannot be used here: {0}")]
    Identity(#[from] IdentityError),
}

impl AuthError {
    /// A short stable reason for the audit trail (no token material).
    pub fn reason(&self) -> &'static str {
        match self {
            AuthError::Provider(_) => "provider_unreachable",
            AuthError::NoPendingSignIn => "no_pending_sign_in",
            AuthError::StateMismatch => "state_mismatch",
            AuthError::IssuerMismatch => "issuer_mismatch",
            AuthError::Denied(_) => "denied_by_provider",
            AuthError::Exchange(_) => "code_exchange_failed",
            AuthError::InvalidToken(_) => "invalid_id_token",
            AuthError::Identity(_) => "unusable_identity",
        }
    }
}

/// What the portal remembers (in the session) between sending the user to the provider and the
/// callback. Single use: it is removed from the session before the code is exchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next: Option<String>,
    pub created_at: i64,
}

pub struct OidcClient {
    config: OidcConfig,
    redirect_uri: RedirectUrl,
    http: reqwest::Client,
    metadata: RwLock<Option<(CoreProviderMetadata, Instant)>>,
}

impl OidcClient {
    pub fn new(config: OidcConfig, redirect_uri: String) -> Result<Self, AuthError> {
        // Token and JWKS calls never follow redirects (RFC 9700 §4.11) and never hang.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| AuthError::Provider(e.to_string()))?;
        let redirect_uri =
            RedirectUrl::new(redirect_uri).map_err(|e| AuthError::Provider(e.to_string()))?;
        Ok(OidcClient {
            config,
            redirect_uri,
            http,
            metadata: RwLock::new(None),
        })
    }

    pub fn issuer(&self) -> &str {
        &self.config.issuer_url
    }

    /// Discovery metadata, fetched lazily (the demo provider is this very server, which is not
    /// listening yet at start) and cached.
    async fn metadata(&self, refresh: bool) -> Result<CoreProviderMetadata, AuthError> {
        if !refresh
            && let Some((meta, at)) = self.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(meta.clone());
        }
        let issuer = IssuerUrl::new(self.config.issuer_url.clone())
            .map_err(|e| AuthError::Provider(e.to_string()))?;
        let meta = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| AuthError::Provider(error_chain(&e)))?;
        *self.metadata.write().await = Some((meta.clone(), Instant::now()));
        Ok(meta)
    }

    fn client(
        &self,
        meta: CoreProviderMetadata,
    ) -> openidconnect::core::CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    > {
        CoreClient::from_provider_metadata(
            meta,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect_uri.clone())
    }

    /// Starts a sign-in: the URL to send the browser to, and what to keep in the session.
    pub async fn begin(
        &self,
        next: Option<String>,
        now: i64,
    ) -> Result<(url::Url, PendingSignIn), AuthError> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("profile".into()))
            .add_scope(Scope::new("email".into()))
            .set_pkce_challenge(challenge);
        for scope in &self.config.extra_scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok((
            url,
            PendingSignIn {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                next,
                created_at: now,
            },
        ))
    }

    /// Finishes a sign-in from the callback's parameters. The caller has already removed
    /// `pending` from the session, so a replayed callback finds nothing.
    pub async fn complete(
        &self,
        pending: PendingSignIn,
        callback: &Callback,
        now: i64,
    ) -> Result<Identity, AuthError> {
        if now - pending.created_at > PENDING_MAX_AGE_SECS {
            return Err(AuthError::NoPendingSignIn);
        }
        let state = callback.state.as_deref().ok_or(AuthError::StateMismatch)?;
        if !constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
            return Err(AuthError::StateMismatch);
        }
        // RFC 9207: when the provider says who it is, it must be the one we asked.
        if let Some(iss) = &callback.iss
            && iss != &self.config.issuer_url
        {
            return Err(AuthError::IssuerMismatch);
        }
        if let Some(error) = &callback.error {
            return Err(AuthError::Denied(error.chars().take(64).collect()));
        }
        let code = callback
            .code
            .clone()
            .ok_or_else(|| AuthError::Exchange("no code in the callback".into()))?;

        let client = self.client(self.metadata(false).await?);
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| AuthError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| AuthError::Exchange(error_chain(&e)))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| AuthError::InvalidToken("no id_token in the token response".into()))?;
        let nonce = Nonce::new(pending.nonce.clone());

        // Verify with the cached keys; if the provider rotated its keys, fetch them once more.
        let verified = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.clone(),
            Err(first) => {
                let fresh = self.client(self.metadata(true).await?);
                id_token
                    .claims(&fresh.id_token_verifier(), &nonce)
                    .map_err(|_| AuthError::InvalidToken(first.to_string()))?
                    .clone()
            }
        };
        let issuer = verified.issuer().as_str().to_owned();
        let subject = verified.subject().as_str().to_owned();

        // The signature is verified; read the custom claims from the same token's payload.
        let mut claims = jwt_payload(&id_token.to_string())?;
        if claims.get(&self.config.claims.tenant_id).is_none() {
            // Some providers put custom claims in userinfo only.
            if let Some(extra) = self
                .userinfo(&client, response.access_token().secret())
                .await
                && extra.get("sub").and_then(Value::as_str) == Some(subject.as_str())
            {
                for (k, v) in extra {
                    claims.entry(k).or_insert(v);
                }
            }
        }
        Ok(identity_from_claims(
            &issuer,
            &subject,
            &claims,
            &self.config.claims,
        )?)
    }

    async fn userinfo(
        &self,
        client: &openidconnect::core::CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        access_token: &str,
    ) -> Option<Map<String, Value>> {
        let url = client.user_info_url()?.url().clone();
        let response = self
            .http
            .get(url)
            .bearer_auth(access_token)
            .send()
            .await
            .ok()?;
        if !response.status().is_success() {
            return None;
        }
        response.json::<Map<String, Value>>().await.ok()
    }
}

/// The callback's query parameters.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
}

fn jwt_payload(jwt: &str) -> Result<Map<String, Value>, AuthError> {
    let payload = jwt
        .split('.')
        .nth(1)
        .ok_or_else(|| AuthError::InvalidToken("malformed token".into()))?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| AuthError::InvalidToken("malformed token payload".into()))?;
    serde_json::from_slice(&bytes).map_err(|_| AuthError::InvalidToken("malformed claims".into()))
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
