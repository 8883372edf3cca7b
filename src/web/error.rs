//! The web layer's one error type, mapped once to responses. Handlers return `AppError`; the
//! error-page middleware (`render_error_page`) turns every error status — ours or actix's own
//! (unknown route, bad form, body too large) — into a page in the user's language that reveals
//! nothing about the internals.

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};

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
        .unwrap_or(match status.as_u16() {
            400 => "error-400-text",
            403 => "error-403-text",
            404 | 405 => "error-404-text",
            409 => "error-409-text",
            410 => "error-410-text",
            413 => "error-413-text",
            429 => "error-429-text",
            503 => "error-503-text",
            _ => "error-500-text",
        });
    let body = views::render(&ErrorPage {
        page,
        status: status.as_u16(),
        message_key,
        request_id,
    })
    .unwrap_or_else(|_| "<!doctype html><title>Error</title><p>Error</p>".to_owned());
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
