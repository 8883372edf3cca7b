//! The OpenID Connect relying party: authorization-code flow with PKCE (S256), `state` and
//! `nonce`, ID-token validation (JWKS signature, exact issuer, audience, nonce) through
//! `openidconnect`, and the token's times checked here with a configurable leeway. The same code
//! signs in through the built-in demo provider and a real one. Discovery is fetched by this
//! module so that a provider that cannot be reached (503) is told from one that answers badly,
//! and a wrong issuer string is named.

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreJsonWebKeySet};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, ProviderMetadataWithLogout, RedirectUrl,
    RequestTokenError, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::sync::RwLock;

use crate::auth::http::{TransportError, error_chain, exchange_client, without_query};
use crate::auth::identity::{Identity, IdentityError, identity_from_claims};
use crate::config::OidcConfig;
use crate::security::constant_time_eq;

/// How long discovery metadata (and the JWKS in it) is trusted before it is fetched again.
const METADATA_TTL: Duration = Duration::from_secs(600);
/// A sign-in that takes longer than this at the identity provider must start again.
pub const PENDING_MAX_AGE_SECS: i64 = 600;

/// Which of the provider's endpoints an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Discovery,
    Jwks,
    Token,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Endpoint::Discovery => "discovery document",
            Endpoint::Jwks => "key set (JWKS)",
            Endpoint::Token => "token endpoint",
        })
    }
}

/// Why a sign-in did not complete. The texts are for the log: they name the cause (the claim,
/// the provider's error code, the times, both issuer strings) and never hold token material.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No answer at all: connection refused, DNS, TLS, time-out, a gateway's 5xx. Retry later.
    #[error("the identity provider's {endpoint} could not be reached: {cause}")]
    Unreachable { endpoint: Endpoint, cause: String },
    /// An answer that is not what the protocol says it must be.
    #[error("the identity provider's {endpoint} answered badly: {problem}")]
    BadAnswer { endpoint: Endpoint, problem: String },
    /// Discovery worked, but the provider calls itself something else: a configuration fault.
    #[error(
        "the identity provider calls itself {announced:?} but OIDC_ISSUER_URL is {configured:?}; \
         issuer strings must match exactly"
    )]
    IssuerMismatch {
        configured: String,
        announced: String,
    },
    #[error("no sign-in is in progress (missing or expired state)")]
    NoPendingSignIn,
    #[error("the state parameter does not match")]
    StateMismatch,
    /// RFC 9207: the callback's `iss` names another provider (a mix-up attack, or a
    /// misconfigured issuer string).
    #[error("the callback's iss is {announced:?}, not the configured {configured:?}")]
    CallbackIssuerMismatch {
        configured: String,
        announced: String,
    },
    #[error("the identity provider refused the sign-in: {error}{}", describe(.description))]
    Denied {
        error: String,
        description: Option<String>,
    },
    #[error("the code exchange failed: {0}")]
    Exchange(String),
    #[error("the ID token is invalid: {0}")]
    InvalidToken(String),
    #[error("{0}")]
    Identity(#[from] IdentityError),
}

fn describe(description: &Option<String>) -> String {
    description
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}

/// What a callback's `error` code says about whose fault it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenialKind {
    /// The user (or the provider's policy) said no.
    User,
    /// The provider is in trouble (`server_error`, `temporarily_unavailable`): retry later.
    Outage,
    /// Our request was wrong (`invalid_scope`, `unauthorized_client`, ...): a set-up fault.
    Configuration,
}

impl AuthError {
    /// A short stable reason for the audit trail (no token material).
    pub fn reason(&self) -> &'static str {
        match self {
            AuthError::Unreachable { .. } => "provider_unreachable",
            AuthError::BadAnswer { .. } => "provider_bad_answer",
            AuthError::IssuerMismatch { .. } => "issuer_mismatch",
            AuthError::NoPendingSignIn => "no_pending_sign_in",
            AuthError::StateMismatch => "state_mismatch",
            AuthError::CallbackIssuerMismatch { .. } => "callback_issuer_mismatch",
            AuthError::Denied { .. } => "denied_by_provider",
            AuthError::Exchange(_) => "code_exchange_failed",
            AuthError::InvalidToken(_) => "invalid_id_token",
            AuthError::Identity(_) => "unusable_identity",
        }
    }

    pub fn denial_kind(&self) -> Option<DenialKind> {
        let AuthError::Denied { error, .. } = self else {
            return None;
        };
        Some(match error.as_str() {
            "server_error" | "temporarily_unavailable" => DenialKind::Outage,
            "access_denied"
            | "login_required"
            | "consent_required"
            | "interaction_required"
            | "account_selection_required" => DenialKind::User,
            _ => DenialKind::Configuration,
        })
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

/// A completed sign-in: who, and the raw ID token when the provider offers RP-initiated logout
/// (it is the `id_token_hint` at sign-out; otherwise it is not kept anywhere).
#[derive(Debug)]
pub struct SignedIn {
    pub identity: Identity,
    pub logout_hint: Option<String>,
}

/// The provider as discovery found it: typed metadata with its keys, and the raw document for
/// the checks `openidconnect` has no field for (`code_challenge_methods_supported`).
#[derive(Debug, Clone)]
pub struct Discovered {
    pub metadata: ProviderMetadataWithLogout,
    pub document: Map<String, Value>,
}

impl Discovered {
    pub fn end_session_endpoint(&self) -> Option<&url::Url> {
        self.metadata
            .additional_metadata()
            .end_session_endpoint
            .as_ref()
            .map(|u| u.url())
    }
}

/// Whether the provider has been discovered since start (readiness), or why not yet.
#[derive(Debug, Clone)]
enum Readiness {
    NotYet(String),
    Ready,
}

type Client = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

pub struct OidcClient {
    config: OidcConfig,
    redirect_uri: RedirectUrl,
    http: reqwest::Client,
    metadata: RwLock<Option<(Arc<Discovered>, Instant)>>,
    readiness: std::sync::RwLock<Readiness>,
}

impl OidcClient {
    pub fn new(config: OidcConfig, redirect_uri: String) -> Result<Self, String> {
        let http = crate::auth::http::provider_client(config.ca_file.as_deref())?;
        let redirect_uri = RedirectUrl::new(redirect_uri).map_err(|e| e.to_string())?;
        Ok(OidcClient {
            config,
            redirect_uri,
            http,
            metadata: RwLock::new(None),
            readiness: std::sync::RwLock::new(Readiness::NotYet(
                "discovery has not been tried yet".into(),
            )),
        })
    }

    pub fn issuer(&self) -> &str {
        &self.config.issuer_url
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// `Ok` once discovery has succeeded since start; else the last reason, for `/readyz`.
    pub fn ready(&self) -> Result<(), String> {
        match &*self.readiness.read().unwrap_or_else(|p| p.into_inner()) {
            Readiness::Ready => Ok(()),
            Readiness::NotYet(why) => Err(why.clone()),
        }
    }

    /// Discovery metadata with its keys, cached for [`METADATA_TTL`]. Fetched lazily (the demo
    /// provider is this very server, which is not listening yet when the client is built).
    pub async fn discovered(&self, refresh: bool) -> Result<Arc<Discovered>, AuthError> {
        if !refresh
            && let Some((found, at)) = self.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(found.clone());
        }
        let outcome = discover(&self.http, &self.config.issuer_url)
            .await
            .map(Arc::new);
        {
            let mut readiness = self.readiness.write().unwrap_or_else(|p| p.into_inner());
            match (&outcome, &mut *readiness) {
                (Ok(_), readiness) => *readiness = Readiness::Ready,
                // Once ready, a later failed refresh does not take the instance out of the
                // load balancer: sign-in reports it, the rest of the portal works on.
                (Err(err), Readiness::NotYet(why)) => *why = err.readiness_reason().to_owned(),
                (Err(_), Readiness::Ready) => {}
            }
        }
        let found = outcome?;
        *self.metadata.write().await = Some((found.clone(), Instant::now()));
        Ok(found)
    }

    fn client(&self, found: &Discovered) -> Client {
        CoreClient::from_provider_metadata(
            found.metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect_uri.clone())
    }

    /// The scopes every sign-in asks for.
    pub fn scopes(&self) -> Vec<String> {
        requested_scopes(&self.config)
    }

    /// Starts a sign-in: the URL to send the browser to, and what to keep in the session.
    pub async fn begin(
        &self,
        next: Option<String>,
        now: i64,
    ) -> Result<(url::Url, PendingSignIn), AuthError> {
        let client = self.client(&*self.discovered(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        // `openid` is added by the library.
        for scope in self.scopes().into_iter().skip(1) {
            request = request.add_scope(Scope::new(scope));
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
    ) -> Result<SignedIn, AuthError> {
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
            return Err(AuthError::CallbackIssuerMismatch {
                configured: self.config.issuer_url.clone(),
                announced: iss.chars().take(200).collect(),
            });
        }
        if let Some(error) = &callback.error {
            return Err(AuthError::Denied {
                error: error.chars().take(64).collect(),
                description: callback
                    .error_description
                    .as_ref()
                    .map(|d| d.chars().take(200).collect()),
            });
        }
        let code = callback
            .code
            .clone()
            .ok_or_else(|| AuthError::Exchange("no code in the callback".into()))?;

        let found = self.discovered(false).await?;
        let client = self.client(&found);
        let http = exchange_client(&self.http);
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| AuthError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&http)
            .await
            .map_err(token_error)?;
        let id_token = response
            .id_token()
            .ok_or_else(|| AuthError::InvalidToken("no id_token in the token response".into()))?;
        let nonce = Nonce::new(pending.nonce.clone());

        // Verify with the cached keys; if the provider rotated its keys, fetch them once more.
        let verified = match id_token.claims(&verifier(&client), &nonce) {
            Ok(claims) => claims.clone(),
            Err(first) => {
                let fresh = self.client(&*self.discovered(true).await?);
                id_token
                    .claims(&verifier(&fresh), &nonce)
                    .map_err(|_| AuthError::InvalidToken(first.to_string()))?
                    .clone()
            }
        };
        let issuer = verified.issuer().as_str().to_owned();
        let subject = verified.subject().as_str().to_owned();

        // The signature is verified; read the times and custom claims from the same payload.
        let raw_token = id_token.to_string();
        let mut claims = jwt_payload(&raw_token)?;
        check_token_times(&claims, now, self.config.clock_skew.as_secs() as i64)
            .map_err(AuthError::InvalidToken)?;
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
        let identity = identity_from_claims(&issuer, &subject, &claims, &self.config.claims)?;
        Ok(SignedIn {
            identity,
            logout_hint: found.end_session_endpoint().is_some().then_some(raw_token),
        })
    }

    /// The issuer's origin (`https://host[:port]`) when it is not `base`'s: the one foreign
    /// origin the portal's sign-out form may end up at (the CSP's `form-action`).
    pub fn foreign_origin(&self, base: &url::Url) -> Option<String> {
        let issuer = url::Url::parse(&self.config.issuer_url).ok()?;
        (issuer.origin() != base.origin()).then(|| issuer.origin().ascii_serialization())
    }

    /// Where to send the browser so that the provider ends its session too (RP-initiated
    /// logout), when it offers that. Uses the cached metadata only: signing out never waits
    /// on a provider that is away.
    pub async fn logout_url(&self, id_token: Option<&str>) -> Option<url::Url> {
        let found = self.metadata.read().await.as_ref()?.0.clone();
        let mut url = found.end_session_endpoint()?.clone();
        // The CSP lets the sign-out form lead to the issuer's origin only.
        let issuer_origin = url::Url::parse(&self.config.issuer_url).ok()?.origin();
        if url.origin() != issuer_origin {
            tracing::warn!(
                end_session_endpoint = %without_query(&url),
                "the provider's end_session_endpoint is not on the issuer's origin; signing out here only"
            );
            return None;
        }
        {
            let mut query = url.query_pairs_mut();
            if let Some(token) = id_token {
                query.append_pair("id_token_hint", token);
            }
            query
                .append_pair("client_id", &self.config.client_id)
                .append_pair(
                    "post_logout_redirect_uri",
                    &self.config.post_logout_redirect_uri,
                );
        }
        Some(url)
    }

    async fn userinfo(&self, client: &Client, access_token: &str) -> Option<Map<String, Value>> {
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

impl AuthError {
    /// What `/readyz` says while discovery has not succeeded (no URLs, no details).
    fn readiness_reason(&self) -> &'static str {
        match self {
            AuthError::Unreachable { .. } => "cannot be reached",
            AuthError::IssuerMismatch { .. } => "issuer string does not match",
            _ => "discovery answered badly",
        }
    }
}

/// `openid profile email` and `OIDC_SCOPES`, in that order.
pub fn requested_scopes(config: &OidcConfig) -> Vec<String> {
    ["openid", "profile", "email"]
        .into_iter()
        .map(str::to_owned)
        .chain(config.extra_scopes.iter().cloned())
        .collect()
}

/// `openidconnect` checks signature, issuer, audience and nonce; its clock is parked at the
/// epoch because it compares `exp` without leeway and ignores `nbf`. [`check_token_times`]
/// does the times.
fn verifier(client: &Client) -> openidconnect::core::CoreIdTokenVerifier<'_> {
    client
        .id_token_verifier()
        .set_time_fn(|| chrono::DateTime::<chrono::Utc>::UNIX_EPOCH)
}

/// `exp`, `iat` and `nbf` against `now`, each with `skew` seconds of leeway: a token that
/// expired a moment ago passes, one issued in the future beyond the leeway does not.
pub fn check_token_times(claims: &Map<String, Value>, now: i64, skew: i64) -> Result<(), String> {
    let time = |name: &str| claims.get(name).and_then(Value::as_f64).map(|t| t as i64);
    let show = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|d| d.format("%Y-%m-%d %H:%M:%S UTC").to_string())
            .unwrap_or_else(|| t.to_string())
    };
    let exp = time("exp").ok_or("the ID token has no exp claim")?;
    if now >= exp.saturating_add(skew) {
        return Err(format!(
            "the ID token expired at {} (now {}, leeway {skew} s: OIDC_CLOCK_SKEW_SECONDS)",
            show(exp),
            show(now)
        ));
    }
    if let Some(iat) = time("iat")
        && iat > now.saturating_add(skew)
    {
        return Err(format!(
            "the ID token was issued in the future, at {} (now {}, leeway {skew} s): check both clocks",
            show(iat),
            show(now)
        ));
    }
    if let Some(nbf) = time("nbf")
        && nbf > now.saturating_add(skew)
    {
        return Err(format!(
            "the ID token is not valid before {} (now {}, leeway {skew} s)",
            show(nbf),
            show(now)
        ));
    }
    Ok(())
}

/// Fetches the discovery document and the key set, and compares the issuer string exactly.
pub async fn discover(http: &reqwest::Client, issuer: &str) -> Result<Discovered, AuthError> {
    let document = fetch_discovery(http, issuer).await?;
    check_issuer(issuer, &document)?;
    let mut metadata: ProviderMetadataWithLogout =
        serde_json::from_value(Value::Object(document.clone())).map_err(|e| {
            AuthError::BadAnswer {
                endpoint: Endpoint::Discovery,
                problem: format!("not valid OpenID provider metadata: {e}"),
            }
        })?;
    let jwks = fetch_jwks(http, metadata.jwks_uri().url()).await?;
    metadata = metadata.set_jwks(jwks);
    Ok(Discovered { metadata, document })
}

/// `{issuer}/.well-known/openid-configuration`, as OpenID Connect Discovery §4 builds it.
pub fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    )
}

/// The discovery document as a JSON object.
pub async fn fetch_discovery(
    http: &reqwest::Client,
    issuer: &str,
) -> Result<Map<String, Value>, AuthError> {
    let url = url::Url::parse(&discovery_url(issuer)).map_err(|e| AuthError::BadAnswer {
        endpoint: Endpoint::Discovery,
        problem: format!("OIDC_ISSUER_URL is not a URL: {e}"),
    })?;
    get_json(http, Endpoint::Discovery, url).await
}

/// The issuer the document announces must be the configured string, byte for byte.
pub fn check_issuer(configured: &str, document: &Map<String, Value>) -> Result<(), AuthError> {
    match document.get("issuer").and_then(Value::as_str) {
        Some(announced) if announced == configured => Ok(()),
        Some(announced) => Err(AuthError::IssuerMismatch {
            configured: configured.to_owned(),
            announced: announced.chars().take(200).collect(),
        }),
        None => Err(AuthError::BadAnswer {
            endpoint: Endpoint::Discovery,
            problem: "the document has no issuer".into(),
        }),
    }
}

pub async fn fetch_jwks(
    http: &reqwest::Client,
    url: &url::Url,
) -> Result<CoreJsonWebKeySet, AuthError> {
    let document = get_json(http, Endpoint::Jwks, url.clone()).await?;
    serde_json::from_value(Value::Object(document)).map_err(|e| AuthError::BadAnswer {
        endpoint: Endpoint::Jwks,
        problem: format!("not a JSON Web Key Set: {e}"),
    })
}

async fn get_json(
    http: &reqwest::Client,
    endpoint: Endpoint,
    url: url::Url,
) -> Result<Map<String, Value>, AuthError> {
    let shown = without_query(&url);
    let unreachable = |cause: String| AuthError::Unreachable { endpoint, cause };
    let bad = |problem: String| AuthError::BadAnswer { endpoint, problem };
    let response = http
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| unreachable(error_chain(&e)))?;
    let status = response.status();
    if status.is_server_error() {
        return Err(unreachable(format!("HTTP {status} from {shown}")));
    }
    if !status.is_success() {
        return Err(bad(format!("HTTP {status} from {shown}")));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| unreachable(error_chain(&e)))?;
    serde_json::from_slice(&body).map_err(|e| bad(format!("{shown} is not a JSON object: {e}")))
}

/// Sorts the token endpoint's failures: no answer is an outage, an answer is the provider's
/// word (its error code), anything else a bad answer. Never quotes the body: it may hold tokens.
fn token_error(
    err: RequestTokenError<
        TransportError,
        openidconnect::StandardErrorResponse<openidconnect::core::CoreErrorResponseType>,
    >,
) -> AuthError {
    match err {
        RequestTokenError::Request(e) => AuthError::Unreachable {
            endpoint: Endpoint::Token,
            cause: e.to_string(),
        },
        RequestTokenError::ServerResponse(r) => AuthError::Exchange(format!(
            "the token endpoint answered {}{}",
            r.error(),
            describe(&r.error_description().map(|d| d.chars().take(200).collect()))
        )),
        RequestTokenError::Parse(e, _body) => AuthError::BadAnswer {
            endpoint: Endpoint::Token,
            problem: format!(
                "not a token response (at `{}`: {:?} error, line {} column {})",
                e.path(),
                e.inner().classify(),
                e.inner().line(),
                e.inner().column()
            ),
        },
        RequestTokenError::Other(problem) => AuthError::BadAnswer {
            endpoint: Endpoint::Token,
            problem,
        },
    }
}

/// The callback's query parameters.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn times(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn expiry_has_leeway_and_names_the_time() {
        let now = 1_800_000_000;
        // Expired 30 s ago: within the default 60 s leeway.
        let recent = times(json!({"exp": now - 30, "iat": now - 330}));
        assert_eq!(check_token_times(&recent, now, 60), Ok(()));
        let err = check_token_times(&recent, now, 0).unwrap_err();
        assert!(err.contains("expired at 2027-01-15 07:59:30 UTC"), "{err}");
        assert!(check_token_times(&times(json!({"exp": now - 61})), now, 60).is_err());
    }

    #[test]
    fn tokens_from_the_future_are_refused_beyond_the_leeway() {
        let now = 1_800_000_000;
        let day_ahead = times(json!({"exp": now + 86_700, "iat": now + 86_400}));
        let err = check_token_times(&day_ahead, now, 60).unwrap_err();
        assert!(err.contains("issued in the future"), "{err}");
        let slightly = times(json!({"exp": now + 300, "iat": now + 45}));
        assert_eq!(check_token_times(&slightly, now, 60), Ok(()));
        let not_yet = times(json!({"exp": now + 7200, "iat": now, "nbf": now + 3600}));
        assert!(
            check_token_times(&not_yet, now, 60)
                .unwrap_err()
                .contains("not valid before")
        );
        assert!(check_token_times(&times(json!({})), now, 60).is_err());
    }

    #[test]
    fn issuer_strings_compare_exactly_and_the_error_names_both() {
        let doc = times(json!({"issuer": "https://idp.example.cn"}));
        assert!(check_issuer("https://idp.example.cn", &doc).is_ok());
        let err = check_issuer("https://idp.example.cn/", &doc).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("\"https://idp.example.cn\""), "{text}");
        assert!(text.contains("\"https://idp.example.cn/\""), "{text}");
        assert_eq!(err.reason(), "issuer_mismatch");
        assert_eq!(
            discovery_url("https://idp.example.cn/"),
            "https://idp.example.cn/.well-known/openid-configuration"
        );
    }

    #[test]
    fn callback_errors_are_sorted_by_whose_fault_they_are() {
        let denied = |e: &str| AuthError::Denied {
            error: e.into(),
            description: None,
        };
        assert_eq!(
            denied("access_denied").denial_kind(),
            Some(DenialKind::User)
        );
        assert_eq!(
            denied("temporarily_unavailable").denial_kind(),
            Some(DenialKind::Outage)
        );
        assert_eq!(
            denied("invalid_scope").denial_kind(),
            Some(DenialKind::Configuration)
        );
    }
}
