//! `GET /auth/signin`, `GET /auth/callback`, `POST /auth/signout`.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::auth::accounts::{self, RequestMeta, SignInError};
use crate::auth::oidc::Callback;
use crate::auth::session::{
    KEY_AUTH_AT, KEY_CSRF, KEY_ID_TOKEN, KEY_PENDING, KEY_ROLES, KEY_USER_ID, unix_now,
};
use crate::auth::{AuthError, PendingSignIn, SignedIn, safe_next};
use crate::db::models::{NewAuditEvent, Outcome};
use crate::domain::AuditAction;
use crate::state::AppState;
use crate::views::{Page, SignInFailedPage};
use crate::web::error::AppError;
use crate::web::page;

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
}

pub fn request_meta(req: &HttpRequest) -> RequestMeta {
    RequestMeta {
        request_id: Some(crate::web::middleware::request_id(req)),
        client_addr: crate::web::client_addr(req).map(|a| a.to_string()),
    }
}

/// Sends the browser to the identity provider.
pub async fn signin(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<SignInQuery>,
) -> Result<HttpResponse, AppError> {
    let next = query.next.as_deref().and_then(safe_next);
    match state.oidc.begin(next, unix_now()).await {
        Ok((url, pending)) => {
            session
                .insert(KEY_PENDING, &pending)
                .map_err(|e| AppError::internal(e.to_string()))?;
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, url.to_string()))
                .finish())
        }
        Err(err) => {
            tracing::warn!(
                request_id = %crate::web::middleware::request_id(&req),
                reason = err.reason(),
                cause = %err,
                "sign-in could not start"
            );
            let (key, status) = failure_page(&err);
            failed(&req, key, status)
        }
    }
}

/// Which page and status a failed sign-in gets: an outage is 503 and says so, a set-up fault
/// is 503 and says it is one, a bad answer is 400, a refusal 403.
fn failure_page(err: &AuthError) -> (&'static str, StatusCode) {
    use crate::auth::oidc::{DenialKind, Endpoint};
    const OUTAGE: (&str, StatusCode) = ("signin-error-provider", StatusCode::SERVICE_UNAVAILABLE);
    const SET_UP: (&str, StatusCode) = (
        "signin-error-misconfigured",
        StatusCode::SERVICE_UNAVAILABLE,
    );
    const INVALID: (&str, StatusCode) = ("signin-error-invalid", StatusCode::BAD_REQUEST);
    match err {
        AuthError::NoPendingSignIn | AuthError::StateMismatch => {
            ("signin-error-expired", StatusCode::BAD_REQUEST)
        }
        AuthError::Unreachable { .. } => OUTAGE,
        AuthError::IssuerMismatch { .. } => SET_UP,
        AuthError::BadAnswer {
            endpoint: Endpoint::Discovery | Endpoint::Jwks,
            ..
        } => SET_UP,
        AuthError::Denied { .. } => match err.denial_kind() {
            Some(DenialKind::Outage) => OUTAGE,
            Some(DenialKind::Configuration) => SET_UP,
            _ => ("signin-error-denied", StatusCode::FORBIDDEN),
        },
        AuthError::Identity(_) => ("signin-error-identity", StatusCode::FORBIDDEN),
        AuthError::BadAnswer { .. }
        | AuthError::CallbackIssuerMismatch { .. }
        | AuthError::Exchange(_)
        | AuthError::InvalidToken(_) => INVALID,
    }
}

/// Completes the code flow, records the user and rotates the session.
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<Callback>,
) -> Result<HttpResponse, AppError> {
    let meta = request_meta(&req);
    // Taken out of the session before anything else: a replayed callback finds nothing.
    let pending = session
        .remove_as::<PendingSignIn>(KEY_PENDING)
        .and_then(Result::ok);
    let signed_in = match pending {
        None => Err(AuthError::NoPendingSignIn),
        Some(pending) => state
            .oidc
            .complete(pending.clone(), &query, unix_now())
            .await
            .map(|signed_in| (signed_in, pending.next)),
    };
    let (
        SignedIn {
            identity,
            logout_hint,
        },
        next,
    ) = match signed_in {
        Ok(found) => found,
        Err(err) => {
            // Once, at warn, with the cause: the deployer's first clue. Never token material.
            tracing::warn!(
                request_id = meta.request_id.as_deref().unwrap_or("-"),
                reason = err.reason(),
                cause = %err,
                "sign-in failed"
            );
            let reason = err.reason();
            let audit_meta = meta.clone();
            state
                .db(move |conn| accounts::record_failure(conn, reason, None, &audit_meta))
                .await?;
            let (key, status) = failure_page(&err);
            return failed(&req, key, status);
        }
    };

    let who = (
        identity.issuer.clone(),
        identity.tenant_external_id.clone(),
        identity.tenant_kind,
    );
    let previous_issuers = state.config.oidc.previous_issuers.clone();
    let request_id = meta.request_id.clone();
    let recorded = state
        .db(
            move |conn| match accounts::record_sign_in(conn, &identity, &previous_issuers, &meta) {
                Ok(found) => Ok(Ok(found)),
                Err(SignInError::Refused(refusal)) => Ok(Err(refusal)),
                Err(SignInError::Db(e)) => Err(e),
            },
        )
        .await?;
    let (user, _tenant) = match recorded {
        Ok(found) => found,
        Err(refusal) => {
            tracing::warn!(
                request_id = request_id.as_deref().unwrap_or("-"),
                reason = refusal.reason(),
                issuer = %who.0,
                tenant_id = %who.1,
                tenant_kind = who.2.as_str(),
                "sign-in refused: {}",
                refusal.explanation()
            );
            return failed(&req, refusal.message_key(), StatusCode::FORBIDDEN);
        }
    };

    // A new session id at privilege change (session fixation), and a fresh CSRF token.
    session.renew();
    let insert = |k: &str, v: serde_json::Value| {
        session
            .insert(k, v)
            .map_err(|e| AppError::internal(e.to_string()))
    };
    insert(KEY_USER_ID, user.id.into())?;
    insert(KEY_AUTH_AT, unix_now().into())?;
    insert(KEY_CSRF, crate::security::random_token(32).into())?;
    insert(KEY_ROLES, user.roles.clone().into())?;
    // Kept only for RP-initiated logout, on the server (database or Redis).
    if let Some(token) = logout_hint {
        insert(KEY_ID_TOKEN, token.into())?;
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, next.unwrap_or_else(|| "/".to_owned())))
        .finish())
}

/// Ends the session on the server (its row or Redis key is deleted) and, when the provider offers
/// RP-initiated logout, sends the browser on to end the provider's session too, so that a
/// shared browser does not sign straight back in.
pub async fn signout(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let mut target = "/".to_owned();
    if let Ok(Some(uid)) = session.get::<i64>(KEY_USER_ID) {
        let meta = request_meta(&req);
        state
            .db(move |conn| {
                NewAuditEvent::new(AuditAction::AuthSignOut, Outcome::Success)
                    .actor(Some(uid), None)
                    .request(meta.request_id, meta.client_addr)
                    .record(conn, crate::db::now())
            })
            .await?;
        let id_token = session.get::<String>(KEY_ID_TOKEN).ok().flatten();
        if let Some(url) = state.oidc.logout_url(id_token.as_deref()).await {
            target = url.to_string();
        }
    }
    session.purge();
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .finish())
}

fn failed(
    req: &HttpRequest,
    message_key: &'static str,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    page::html_status(
        &SignInFailedPage {
            page: Page::new(req, None),
            message_key,
        },
        status,
    )
}
