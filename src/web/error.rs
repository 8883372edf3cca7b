//! The web layer's one error type, mapped once to responses. Handlers return `AppError`; the
//! error-page middleware (`render_error_page`) turns every error status — ours or actix's own
//! (unknown route, bad form, body too large) — into a page in the user's language that reveals
//! nothing about the internals. What fails with an `Err` instead of a response (the session
//! layer, a panicking handler) is answered by `last_resort` with that same page.

use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, Next};
use actix_web::{HttpResponse, ResponseError, web};
use futures_util::FutureExt;

use crate::db::DbError;
use crate::views::{self, ErrorPage, Page};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input; the message key says what is wrong in words the user understands.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("sign-in required")]
    SignInRequired { next: String },
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// Also what another tenant's object looks like: it does not exist for you.
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("gone: {0}")]
    Gone(&'static str),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable,
    /// Logged with the request id; the user sees only a generic page.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(detail: impl Into<String>) -> Self {
        AppError::Internal(detail.into())
    }

    /// The message key shown on the error page.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::BadRequest(key)
            | AppError::Forbidden(key)
            | AppError::Conflict(key)
            | AppError::Gone(key) => key,
            AppError::SignInRequired { .. } => "error-sign-in-required",
            AppError::NotFound => "error-404-text",
            AppError::PayloadTooLarge => "error-413-text",
            AppError::TooManyRequests { .. } => "error-429-text",
            AppError::Unavailable => "error-503-text",
            AppError::Internal(_) => "error-500-text",
        }
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Unavailable(_) => AppError::Unavailable,
            // A dropped connection mid-query is an outage too, not a bug.
            DbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ClosedConnection
                | diesel::result::DatabaseErrorKind::UnableToSendCommand,
                _,
            )) => AppError::Unavailable,
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<crate::flows::FlowError> for AppError {
    fn from(err: crate::flows::FlowError) -> Self {
        use crate::flows::FlowError;
        match err {
            FlowError::NotFound => AppError::NotFound,
            FlowError::Forbidden => AppError::Forbidden("error-403-text"),
            FlowError::Invalid(key) => AppError::BadRequest(key),
            FlowError::Conflict(key) => AppError::Conflict(key),
            // Handlers that can meet a refusal render their own page; this is the fallback.
            FlowError::Refused(_) => AppError::Conflict("error-409-text"),
            FlowError::Db(e) => AppError::from(e),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        AppError::from(DbError::Query(err))
    }
}

/// Marks an error response whose body is meant for machines (JSON, plain text) and must be
/// left as it is.
#[derive(Debug, Clone, Copy)]
pub struct RawResponse;

/// Attached to error responses so the error-page middleware knows what to say and what to log.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub message_key: &'static str,
    pub internal: Option<String>,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        if let AppError::SignInRequired { next } = self {
            let target = format!(
                "/auth/signin?next={}",
                url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            );
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, target))
                .finish();
        }
        let mut response = HttpResponse::build(self.status_code());
        if let AppError::TooManyRequests { retry_after_secs } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        let mut response = response.finish();
        response.extensions_mut().insert(ErrorInfo {
            message_key: self.message_key(),
            internal: match self {
                AppError::Internal(detail) => Some(detail.clone()),
                _ => None,
            },
        });
        response
    }
}

/// Any path no route matches: 404, after loading the signed-in user (if any) so the error page
/// shows the header of a signed-in user rather than "Sign in".
pub async fn unknown_route(req: actix_web::HttpRequest) -> Result<HttpResponse, AppError> {
    // A failing user load (the database is down) still ends in this route's 404.
    let _ = crate::auth::session::load_current_user(&req).await;
    Err(AppError::NotFound)
}

/// Replaces the body of any error response that is not already one of our HTML pages.
pub fn render_error_page<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    let info = res.response().extensions().get::<ErrorInfo>().cloned();
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let raw = res.response().extensions().get::<RawResponse>().is_some();
    if (is_html && info.is_none()) || raw || status.is_redirection() {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let request_id = crate::web::middleware::request_id(res.request());
    if let Some(detail) = info.as_ref().and_then(|i| i.internal.as_deref()) {
        tracing::error!(request_id = %request_id, error = %detail, "request failed");
    }
    let (req, old) = res.into_parts();
    let page = Page::for_error(&req);
    let message_key = info
        .map(|i| i.message_key)
        .unwrap_or(default_message_key(status));
    let body = error_page_body(page, status, message_key, request_id);
    let mut new = HttpResponse::build(status);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.append_header((name.clone(), value.clone()));
        }
    }
    let new = new
        .content_type("text/html; charset=utf-8")
        .body(body)
        .map_into_right_body();
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(
        req, new,
    )))
}

/// What the error page says for a status that came without its own message.
fn default_message_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "error-400-text",
        403 => "error-403-text",
        404 | 405 => "error-404-text",
        409 => "error-409-text",
        410 => "error-410-text",
        413 => "error-413-text",
        429 => "error-429-text",
        503 => "error-503-text",
        _ => "error-500-text",
    }
}

/// The error page's HTML.
fn error_page_body(
    page: Page,
    status: StatusCode,
    message_key: &'static str,
    request_id: String,
) -> String {
    views::render(&ErrorPage {
        page,
        status: status.as_u16(),
        message_key,
        request_id,
    })
    .unwrap_or_else(|_| "<!doctype html><title>Error</title><p>Error</p>".to_owned())
}

/// Middleware just inside the access log (`observe`) and outside everything else: an `Err`
/// from anything inside — the session layer when its store is away or its cookie cannot be
/// written, a handler that panics — is answered with the one error page, in the user's
/// language, with the security headers and the request id, and the access log records it like
/// any other answer. Whoever failed has consumed the request, so what the page needs is read
/// before the request goes in (without touching the session), and the page travels back as
/// the `Err`'s own response. Every other answer passes untouched.
pub async fn last_resort<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let page = Page::without_session(req.request());
    let request_id = crate::web::middleware::request_id(req.request());
    let state = req.app_data::<web::Data<crate::state::AppState>>().cloned();
    let (status, message_key, internal) =
        match AssertUnwindSafe(next.call(req)).catch_unwind().await {
            Ok(Ok(res)) => return Ok(res),
            Ok(Err(err)) => classify(&err),
            Err(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "error-500-text",
                Some("a handler panicked".to_owned()),
            ),
        };
    if let Some(detail) = &internal {
        tracing::error!(request_id = %request_id, error = %detail, "request failed");
    }
    let provider_origin = state
        .as_ref()
        .and_then(|s| s.oidc.foreign_origin(&s.config.base_url));
    let mut response = HttpResponse::build(status);
    for pair in crate::web::middleware::headers::security_header_list(provider_origin.as_deref()) {
        response.insert_header(pair);
    }
    response.insert_header(("x-request-id", request_id.clone()));
    let response = response
        .content_type("text/html; charset=utf-8")
        .body(error_page_body(page, status, message_key, request_id));
    Err(
        InternalError::from_response(format!("answered {status} as a last resort"), response)
            .into(),
    )
}

/// Status, message and what to log of an `Err` that reached [`last_resort`].
fn classify(err: &actix_web::Error) -> (StatusCode, &'static str, Option<String>) {
    // The session store's outage reaches here only as text inside actix-session's error.
    if err.to_string() == crate::web::session_store::StoreUnavailable.to_string() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            AppError::Unavailable.message_key(),
            None,
        );
    }
    if let Some(app) = err.as_error::<AppError>() {
        let internal = match app {
            AppError::Internal(detail) => Some(detail.clone()),
            _ => None,
        };
        return (app.status_code(), app.message_key(), internal);
    }
    let status = err.as_response_error().status_code();
    (status, default_message_key(status), Some(err.to_string()))
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    async fn answer(uri: &str) -> (StatusCode, actix_web::http::header::HeaderMap, String) {
        let app = test::init_service(
            App::new()
                .route(
                    "/ok",
                    web::get().to(|| async { HttpResponse::Ok().body("fine") }),
                )
                .route("/panic", web::get().to(boom))
                // A middleware between the two fails as the session layer does.
                .wrap(from_fn(
                    |req: ServiceRequest, next: Next<BoxBody>| async move {
                        if req.path() == "/store-down" {
                            return Err(actix_web::error::ErrorInternalServerError(
                                crate::web::session_store::StoreUnavailable,
                            ));
                        }
                        next.call(req).await
                    },
                ))
                .wrap(from_fn(last_resort)),
        )
        .await;
        let req = test::TestRequest::get()
            .uri(uri)
            .insert_header(("Accept-Language", "pt-BR"))
            .to_request();
        let response = match test::try_call_service(&app, req).await {
            Ok(res) => res.into_parts().1,
            Err(err) => err.error_response(),
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn boom() -> HttpResponse {
        panic!("the handler fails")
    }

    #[actix_web::test]
    async fn a_panicking_handler_answers_the_error_page_with_the_headers() {
        let (status, headers, body) = answer("/panic").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            headers
                .get("content-security-policy")
                .unwrap()
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        assert_eq!(headers.get("x-frame-options").unwrap(), "DENY");
        assert!(headers.contains_key("x-request-id"));
        assert!(body.contains("<main"), "{body}");
        assert!(body.contains("lang=\"pt-BR\""), "in the user's language");
        assert!(!body.contains("the handler fails"), "nothing internal");
    }

    #[actix_web::test]
    async fn a_session_store_outage_from_middleware_answers_503_as_a_page() {
        let (status, headers, body) = answer("/store-down").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
        assert!(body.contains("<main"), "{body}");
    }

    #[actix_web::test]
    async fn other_answers_pass_untouched() {
        let (status, headers, body) = answer("/ok").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "fine");
        assert!(!headers.contains_key("x-frame-options"));
    }
}
