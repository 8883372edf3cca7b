//! A deliberately misbehaving OpenID provider: it signs every user in at once and answers the
//! token request with an ID token broken in one chosen way (or does not answer it at all). The
//! `Good` mode proves the harness itself can sign in, so each refusal is the portal's doing.

use actix_web::{App, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Good,
    SignedByOtherKey,
    WrongAudience,
    WrongIssuer,
    Expired,
    WrongNonce,
    Unsigned,
    /// Expired 30 s ago: within the default clock leeway.
    ExpiredWithinLeeway,
    /// Issued a day from now.
    IssuedInFuture,
    /// `nbf` an hour from now.
    NotYetValid,
    /// Discovery names a token endpoint where nothing listens.
    TokenEndpointDown,
    /// The token endpoint answers 200 with something that is not a token response.
    TokenGarbage,
    /// The token endpoint answers `invalid_grant`.
    TokenRefused,
    /// The authorization endpoint sends the browser back with `error=invalid_scope`.
    InvalidScope,
    /// The ID token has no tenant id claim (and there is no userinfo).
    NoTenantClaim,
    /// A partner tenant the portal does not know.
    UnknownTenant,
    /// Contoso (a customer) claimed to be a partner.
    TenantKindMismatch,
}

pub struct RogueIdp {
    pub issuer: String,
}

struct Keys {
    published: RsaPrivateKey,
    other: RsaPrivateKey,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        published: RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).unwrap(),
        other: RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).unwrap(),
    })
}

struct State {
    issuer: String,
    mode: Mode,
    nonces: Mutex<HashMap<String, String>>,
}

impl RogueIdp {
    pub async fn start(mode: Mode) -> RogueIdp {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let issuer = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        Self::start_on(mode, listener, issuer).await
    }

    /// Serves on `listener` and calls itself `issuer` (for example `https://localhost:…` when a
    /// TLS endpoint in front forwards to it).
    pub async fn start_on(mode: Mode, listener: std::net::TcpListener, issuer: String) -> RogueIdp {
        let state = web::Data::new(State {
            issuer: issuer.clone(),
            mode,
            nonces: Mutex::new(HashMap::new()),
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .route(
                    "/.well-known/openid-configuration",
                    web::get().to(discovery),
                )
                .route("/authorize", web::get().to(authorize))
                .route("/token", web::post().to(token))
                .route("/jwks", web::get().to(jwks))
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        tokio::spawn(server);
        RogueIdp { issuer }
    }
}

async fn discovery(state: web::Data<State>) -> HttpResponse {
    let i = &state.issuer;
    let token_endpoint = if state.mode == Mode::TokenEndpointDown {
        "http://127.0.0.1:1/token".to_owned()
    } else {
        format!("{i}/token")
    };
    HttpResponse::Ok().json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": token_endpoint,
        "jwks_uri": format!("{i}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks() -> HttpResponse {
    let key = &keys().published;
    HttpResponse::Ok().json(json!({"keys": [{
        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": "k1",
        "n": URL_SAFE_NO_PAD.encode(key.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(key.e().to_bytes_be()),
    }]}))
}

async fn authorize(
    state: web::Data<State>,
    query: web::Query<HashMap<String, String>>,
) -> HttpResponse {
    let code = format!("code-{}", rand::random::<u64>());
    state.nonces.lock().unwrap().insert(
        code.clone(),
        query.get("nonce").cloned().unwrap_or_default(),
    );
    let mut target =
        url::Url::parse(query.get("redirect_uri").map(String::as_str).unwrap_or("")).unwrap();
    let state_param = query.get("state").map(String::as_str).unwrap_or("");
    if state.mode == Mode::InvalidScope {
        target
            .query_pairs_mut()
            .append_pair("error", "invalid_scope")
            .append_pair("error_description", "scope tenant is not known")
            .append_pair("state", state_param);
    } else {
        target
            .query_pairs_mut()
            .append_pair("code", &code)
            .append_pair("state", state_param);
    }
    HttpResponse::SeeOther()
        .insert_header(("Location", target.to_string()))
        .finish()
}

async fn token(state: web::Data<State>, form: web::Form<HashMap<String, String>>) -> HttpResponse {
    let nonce = state
        .nonces
        .lock()
        .unwrap()
        .remove(form.get("code").map(String::as_str).unwrap_or(""))
        .unwrap_or_default();
    let now = chrono::Utc::now().timestamp();
    let mode = state.mode;
    match mode {
        Mode::TokenGarbage => {
            return HttpResponse::Ok()
                .content_type("application/json")
                .body("{\"access_token\": 42}");
        }
        Mode::TokenRefused => {
            return HttpResponse::BadRequest().json(json!({
                "error": "invalid_grant", "error_description": "code expired"
            }));
        }
        _ => {}
    }
    let mut claims = json!({
        "iss": if mode == Mode::WrongIssuer { "http://127.0.0.1:1".to_owned() } else { state.issuer.clone() },
        "aud": if mode == Mode::WrongAudience { "another-client" } else { "rogue-client" },
        "sub": "rogue-grace",
        "iat": match mode { Mode::IssuedInFuture => now + 86_400, Mode::ExpiredWithinLeeway => now - 330, _ => now - 600 },
        "exp": match mode {
            Mode::Expired => now - 300,
            Mode::ExpiredWithinLeeway => now - 30,
            Mode::IssuedInFuture => now + 86_700,
            _ => now + 300,
        },
        "nonce": if mode == Mode::WrongNonce { "some-other-nonce".to_owned() } else { nonce },
        "name": "Grace Contoso",
        "tenant_id": if mode == Mode::UnknownTenant { "t-unknown-partner" } else { "t-contoso" },
        "tenant_type": if matches!(mode, Mode::UnknownTenant | Mode::TenantKindMismatch) { "partner" } else { "customer" },
        "roles": ["global_admin"],
    });
    if mode == Mode::NotYetValid {
        claims["nbf"] = json!(now + 3600);
    }
    if mode == Mode::NoTenantClaim {
        claims.as_object_mut().unwrap().remove("tenant_id");
    }
    let id_token = match mode {
        Mode::Unsigned => unsigned_jwt(&claims),
        Mode::SignedByOtherKey => sign(&keys().other, &claims),
        _ => sign(&keys().published, &claims),
    };
    HttpResponse::Ok().json(json!({
        "access_token": "rogue-access-token",
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
}

fn sign(key: &RsaPrivateKey, claims: &Value) -> String {
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": "k1"});
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = SigningKey::<Sha256>::new(key.clone())
        .sign(input.as_bytes())
        .to_bytes();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn unsigned_jwt(claims: &Value) -> String {
    let header = json!({"alg": "none", "typ": "JWT"});
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}
