//! CSRF protection for every unsafe request: cross-site requests (by `Sec-Fetch-Site` or
//! `Origin`) are refused, and form posts must carry the session's synchronizer token in the
//! `csrf_token` field. Lives in middleware so no new form can forget it.

use actix_session::SessionExt;
use actix_web::HttpMessage;
use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes, BytesMut};
use futures_util::StreamExt;

use crate::auth::session::KEY_CSRF;
use crate::security::constant_time_eq;
use crate::state::AppState;
use crate::web::error::AppError;

pub const FIELD: &str = "csrf_token";

/// Server-to-server endpoints authenticated by other means (client credentials).
fn exempt(path: &str) -> bool {
    path == "/demo-idp/token"
}

pub async fn csrf<B: MessageBody>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || exempt(req.path()) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    // Refusals are responses (not `Err`), so the error-page middleware outside renders them.
    match check(&mut req).await {
        Ok(()) => Ok(next.call(req).await?.map_into_left_body()),
        Err(err) => Ok(req
            .into_response(err.error_response())
            .map_into_right_body()),
    }
}

async fn check(req: &mut ServiceRequest) -> Result<(), AppError> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Err(AppError::internal("application state missing"));
    };

    if let Some(site) = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(AppError::Forbidden("error-csrf"));
    }
    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` on our own form posts:
    // that says nothing either way, so `Sec-Fetch-Site` (above) and the token decide.
    if let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        && origin != "null"
        && origin != state.config.base()
    {
        return Err(AppError::Forbidden("error-csrf"));
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::Forbidden("error-csrf"));
    }

    // Read the form (bounded), check the token, and put the body back for the handler.
    let limit = state.config.max_body_bytes;
    let mut body = BytesMut::new();
    let mut payload = req.take_payload();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest("error-400-text"))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    let body: Bytes = body.freeze();
    let sent = url::form_urlencoded::parse(&body)
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned());
    let expected = req.get_session().get::<String>(KEY_CSRF).unwrap_or(None);
    match (sent, expected) {
        (Some(sent), Some(expected)) if constant_time_eq(sent.as_bytes(), expected.as_bytes()) => {}
        _ => return Err(AppError::Forbidden("error-csrf")),
    }
    req.set_payload(Payload::from(body));
    Ok(())
}
