use crate::web::routes::Routes;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{CodeGrant, DemoIdp};
use crate::security::constant_time_eq;
use crate::seed::demo_world::{self, DemoUser};
use crate::state::AppState;
use crate::views::{DemoIdpAuthorizePage, DemoUserOption, Page};
use crate::web::error::{AppError, RawResponse};
use crate::web::page;

pub fn routes(r: &mut Routes) {
    r.get("/demo-idp/.well-known/openid-configuration", discovery)
        .get("/demo-idp/authorize", authorize_page)
        .post("/demo-idp/authorize", authorize_submit)
        .post("/demo-idp/token", token)
        .get("/demo-idp/userinfo", userinfo)
        .get("/demo-idp/jwks", jwks)
        .get("/demo-idp/logout", logout);
}

fn idp(state: &AppState) -> Result<&DemoIdp, AppError> {
    // Not mounted in production, and refused here too should it ever be.
    state.demo_idp.as_ref().ok_or(AppError::NotFound)
}

async fn discovery(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok().json(idp(&state)?.discovery()))
}

async fn jwks(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok().json(idp(&state)?.jwks()))
}

#[derive(Deserialize)]
struct AuthorizeParams {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

impl AuthorizeParams {
    /// Only the registered client, its exact redirect URI, `code` with PKCE S256 pass.
    fn validate(&self, idp: &DemoIdp) -> Result<(), AppError> {
        let ok = self.response_type.as_deref() == Some("code")
            && self.client_id.as_deref() == Some(idp.client_id.as_str())
            && self.redirect_uri.as_deref() == Some(idp.redirect_uri.as_str())
            && self.code_challenge_method.as_deref() == Some("S256")
            && self
                .code_challenge
                .as_deref()
                .is_some_and(|c| (43..=128).contains(&c.len()))
            && self
                .scope
                .as_deref()
                .is_some_and(|s| s.split(' ').any(|x| x == "openid"));
        if ok {
            Ok(())
        } else {
            Err(AppError::BadRequest("demo-idp-bad-request"))
        }
    }

    fn pass_through(&self) -> Vec<(String, String)> {
        [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("scope", &self.scope),
            ("state", &self.state),
            ("nonce", &self.nonce),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k.to_owned(), v)))
        .collect()
    }
}

async fn authorize_page(
    state: web::Data<AppState>,
    page: Page,
    params: web::Query<AuthorizeParams>,
) -> Result<HttpResponse, AppError> {
    params.validate(idp(&state)?)?;
    let users = demo_world::USERS
        .iter()
        .map(|u| DemoUserOption {
            login: u.login,
            name: u.name,
            tenant: demo_world::tenant(u.tenant_external_id)
                .map(|t| t.name)
                .unwrap_or(""),
            role_key: role_key(u),
        })
        .collect();
    page::html(&DemoIdpAuthorizePage {
        page,
        users,
        params: params.pass_through(),
    })
}

fn role_key(user: &DemoUser) -> &'static str {
    user.roles
        .first()
        .and_then(|r| r.parse::<crate::domain::Role>().ok())
        .map(|r| r.message_key())
        .unwrap_or("")
}

#[derive(Deserialize)]
struct AuthorizeForm {
    login: String,
    #[serde(flatten)]
    params: AuthorizeParams,
}

async fn authorize_submit(
    state: web::Data<AppState>,
    form: web::Form<AuthorizeForm>,
) -> Result<HttpResponse, AppError> {
    let idp = idp(&state)?;
    form.params.validate(idp)?;
    let user = demo_world::user(&form.login).ok_or(AppError::BadRequest("demo-idp-bad-request"))?;
    let code = crate::security::random_token(32);
    idp.store_code(
        code.clone(),
        CodeGrant {
            login: user.login.to_owned(),
            nonce: form.params.nonce.clone(),
            code_challenge: form.params.code_challenge.clone().unwrap_or_default(),
            issued: std::time::Instant::now(),
        },
    );
    let mut target =
        url::Url::parse(&idp.redirect_uri).map_err(|e| AppError::internal(e.to_string()))?;
    target
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", form.params.state.as_deref().unwrap_or(""))
        .append_pair("iss", &idp.issuer);
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target.to_string()))
        .finish())
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

fn oauth_error(code: &str) -> HttpResponse {
    let mut res = HttpResponse::BadRequest().json(json!({"error": code}));
    res.extensions_mut().insert(RawResponse);
    res
}

/// Client credentials from `Authorization: Basic` or the form (`client_secret_post`).
fn client_credentials(req: &HttpRequest, form: &TokenForm) -> Option<(String, String)> {
    if let Some(basic) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
    {
        let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        let unescape = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
        };
        return Some((unescape(id)?, unescape(secret)?));
    }
    Some((form.client_id.clone()?, form.client_secret.clone()?))
}

async fn token(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let idp = idp(&state)?;
    let Some((client_id, secret)) = client_credentials(&req, &form) else {
        return Ok(oauth_error("invalid_client"));
    };
    if client_id != idp.client_id
        || !constant_time_eq(secret.as_bytes(), idp.client_secret.as_bytes())
    {
        return Ok(oauth_error("invalid_client"));
    }
    if form.grant_type != "authorization_code" {
        return Ok(oauth_error("unsupported_grant_type"));
    }
    let Some(grant) = idp.take_code(&form.code) else {
        return Ok(oauth_error("invalid_grant"));
    };
    if form.redirect_uri.as_deref() != Some(idp.redirect_uri.as_str()) {
        return Ok(oauth_error("invalid_grant"));
    }
    let verifier = form.code_verifier.as_deref().unwrap_or("");
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    if verifier.len() < 43
        || !constant_time_eq(challenge.as_bytes(), grant.code_challenge.as_bytes())
    {
        return Ok(oauth_error("invalid_grant"));
    }
    let Some(user) = demo_world::user(&grant.login) else {
        return Ok(oauth_error("invalid_grant"));
    };
    let now = chrono::Utc::now().timestamp();
    let mut claims = user_claims(user);
    let extra = json!({
        "iss": idp.issuer, "aud": idp.client_id, "iat": now, "exp": now + 300,
        "nonce": grant.nonce,
    });
    if let (Value::Object(c), Value::Object(e)) = (&mut claims, extra) {
        c.extend(e.into_iter().filter(|(_, v)| !v.is_null()));
    }
    let id_token = idp.key.sign_jwt(&claims);
    let access_token = crate::security::random_token(32);
    idp.store_access_token(access_token.clone(), user.login.to_owned());
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": super::ACCESS_TOKEN_TTL.as_secs(),
            "id_token": id_token,
        })))
}

fn user_claims(user: &DemoUser) -> Value {
    let tenant = demo_world::tenant(user.tenant_external_id);
    json!({
        "sub": user.subject,
        "name": user.name,
        "preferred_username": user.login,
        "tenant_id": user.tenant_external_id,
        "tenant_type": tenant.map(|t| t.kind),
        "tenant_name": tenant.map(|t| t.name),
        "tenant_domain": tenant.and_then(|t| t.default_domain),
        "roles": user.roles,
    })
}

#[derive(Deserialize)]
struct LogoutParams {
    id_token_hint: Option<String>,
    client_id: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
}

/// RP-initiated logout. The demo provider keeps no session of its own, so this only checks the
/// request as a real provider would (a hint it signed for this client, the registered return
/// address) and sends the browser back.
async fn logout(
    state: web::Data<AppState>,
    params: web::Query<LogoutParams>,
) -> Result<HttpResponse, AppError> {
    let idp = idp(&state)?;
    let bad = || AppError::BadRequest("demo-idp-bad-request");
    if let Some(hint) = &params.id_token_hint {
        let claims = idp.key.verify_jwt(hint).ok_or_else(bad)?;
        if claims.get("aud").and_then(Value::as_str) != Some(idp.client_id.as_str()) {
            return Err(bad());
        }
    }
    if params
        .client_id
        .as_deref()
        .is_some_and(|c| c != idp.client_id)
    {
        return Err(bad());
    }
    let target = match &params.post_logout_redirect_uri {
        None => "/".to_owned(),
        Some(uri) if *uri == idp.post_logout_redirect_uri => {
            let mut target = url::Url::parse(uri).map_err(|e| AppError::internal(e.to_string()))?;
            if let Some(s) = &params.state {
                target.query_pairs_mut().append_pair("state", s);
            }
            target.to_string()
        }
        Some(_) => return Err(bad()),
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .finish())
}

async fn userinfo(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let idp = idp(&state)?;
    let login = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|t| idp.login_for_access_token(t.trim()));
    match login.as_deref().and_then(demo_world::user) {
        Some(user) => Ok(HttpResponse::Ok().json(user_claims(user))),
        None => {
            let mut res = HttpResponse::Unauthorized()
                .insert_header((header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
                .finish();
            res.extensions_mut().insert(RawResponse);
            Ok(res)
        }
    }
}
