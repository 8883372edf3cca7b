//! `GET /auth/signin`, `GET /auth/callback`, `POST /auth/signout`.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::auth::accounts::{self, RequestMeta, SignInError};
use crate::auth::oidc::Callback;
use crate::auth::session::{KEY_AUTH_AT, KEY_CSRF, KEY_PENDING, KEY_USER_ID, unix_now};
use crate::auth::{AuthError, PendingSignIn, safe_next};
use crate::db::models::{NewAuditEvent, Outcome};
use crate::state::AppState;
use crate::views::{self, Page, SignInFailedPage};
use crate::web::error::AppError;

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
}

pub fn request_meta(req: &HttpRequest) -> RequestMeta {
    RequestMeta {
        request_id: Some(crate::web::middleware::request_id(req)),
        client_addr: req
            .connection_info()
            .realip_remote_addr()
            .map(str::to_owned),
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
            tracing::warn!(error = %err, "sign-in could not start");
            failed(
                &req,
                "signin-error-provider",
                StatusCode::SERVICE_UNAVAILABLE,
            )
        }
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
    let identity = match pending {
        None => Err(AuthError::NoPendingSignIn),
        Some(pending) => state
            .oidc
            .complete(pending.clone(), &query, unix_now())
            .await
            .map(|id| (id, pending.next)),
    };
    let (identity, next) = match identity {
        Ok(found) => found,
        Err(err) => {
            tracing::warn!(request_id = ?meta.request_id, reason = err.reason(), "sign-in failed");
            let reason = err.reason();
            let audit_meta = meta.clone();
            state
                .db(move |conn| accounts::record_failure(conn, reason, None, &audit_meta))
                .await?;
            let (key, status) = match err {
                AuthError::NoPendingSignIn | AuthError::StateMismatch => {
                    ("signin-error-expired", StatusCode::BAD_REQUEST)
                }
                AuthError::Provider(_) => {
                    ("signin-error-provider", StatusCode::SERVICE_UNAVAILABLE)
                }
                AuthError::Denied(_) => ("signin-error-denied", StatusCode::FORBIDDEN),
                AuthError::Identity(_) => ("signin-error-identity", StatusCode::FORBIDDEN),
                AuthError::IssuerMismatch | AuthError::Exchange(_) | AuthError::InvalidToken(_) => {
                    ("signin-error-invalid", StatusCode::BAD_REQUEST)
                }
            };
            return failed(&req, key, status);
        }
    };

    let recorded = state
        .db(
            move |conn| match accounts::record_sign_in(conn, &identity, &meta) {
                Ok(found) => Ok(Ok(found)),
                Err(SignInError::Refused(refusal)) => Ok(Err(refusal)),
                Err(SignInError::Db(e)) => Err(e),
            },
        )
        .await?;
    let (user, _tenant) = match recorded {
        Ok(found) => found,
        Err(refusal) => return failed(&req, refusal.message_key(), StatusCode::FORBIDDEN),
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
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, next.unwrap_or_else(|| "/".to_owned())))
        .finish())
}

/// Ends the session (server-side with the Redis store) and goes home.
pub async fn signout(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if let Ok(Some(uid)) = session.get::<i64>(KEY_USER_ID) {
        let meta = request_meta(&req);
        state
            .db(move |conn| {
                NewAuditEvent::new("auth.sign_out", Outcome::Success)
                    .actor(Some(uid), None)
                    .request(meta.request_id, meta.client_addr)
                    .record(conn, crate::db::now())
            })
            .await?;
    }
    session.purge();
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/"))
        .finish())
}

fn failed(
    req: &HttpRequest,
    message_key: &'static str,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    views::html_status(
        &SignInFailedPage {
            page: Page::new(req, None),
            message_key,
        },
        status,
    )
}
