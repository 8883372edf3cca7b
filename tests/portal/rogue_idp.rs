//! A deliberately misbehaving OpenID provider: it signs every user in at once and answers the
//! token request with an ID token broken in one chosen way. The `Good` mode proves the harness
//! itself can sign in, so each refusal is the portal's doing.

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
    HttpResponse::Ok().json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
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
    target
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair(
            "state",
            query.get("state").map(String::as_str).unwrap_or(""),
        );
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
    let claims = json!({
        "iss": if mode == Mode::WrongIssuer { "http://127.0.0.1:1".to_owned() } else { state.issuer.clone() },
        "aud": if mode == Mode::WrongAudience { "another-client" } else { "rogue-client" },
        "sub": "rogue-grace",
        "iat": now - 600,
        "exp": if mode == Mode::Expired { now - 300 } else { now + 300 },
        "nonce": if mode == Mode::WrongNonce { "some-other-nonce".to_owned() } else { nonce },
        "name": "Grace Contoso",
        "tenant_id": "t-contoso",
        "tenant_type": "customer",
        "roles": ["global_admin"],
    });
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
