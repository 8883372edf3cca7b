//! Request ids, the structured access log and per-route metrics. The log holds the route
//! pattern, never a query string or an invitation token.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, web};

use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// The current request's id ("-" outside a request that went through the middleware).
pub fn request_id(req: &HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_else(|| "-".to_owned())
}

/// The path as it may appear in logs: invitation tokens are replaced by a placeholder. The
/// route that ran decides (its pattern is logged instead of a path holding a `{token}`), so a
/// spelling such as `/%69nvitations/<token>` is masked as well; a path that matched no route
/// is masked after percent-decoding, in case it carries a token all the same.
pub fn loggable_path(pattern: Option<&str>, path: &str) -> String {
    if let Some(pattern) = pattern.filter(|p| p.contains("{token}")) {
        return pattern.to_owned();
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    match decoded.strip_prefix("/invitations/") {
        Some(rest) => {
            let tail = rest
                .split_once('/')
                .map(|(_, t)| format!("/{t}"))
                .unwrap_or_default();
            format!("/invitations/{{token}}{tail}")
        }
        None => path.chars().take(200).collect(),
    }
}

pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = crate::security::random_token(12);
    req.extensions_mut().insert(RequestId(id.clone()));
    let started = Instant::now();
    let method = req.method().to_string();
    let raw_path = req.path().to_owned();
    let peer = crate::web::client_addr(req.request()).map(|a| a.to_string());
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());

    // Refusals are responses; what fails with an `Err` comes back from `web::error::last_resort`
    // carrying its error page, and is logged here all the same.
    let mut result = next.call(req).await;

    let elapsed = started.elapsed();
    let (status, pattern) = match &result {
        Ok(res) => (res.status().as_u16(), res.request().match_pattern()),
        Err(err) => (err.as_response_error().status_code().as_u16(), None),
    };
    let path = loggable_path(pattern.as_deref(), &raw_path);
    let route = pattern.unwrap_or_else(|| "unmatched".to_owned());
    if let Some(metrics) = metrics {
        metrics.observe_request(&method, &route, status, elapsed);
    }
    if let (Ok(res), Ok(value)) = (&mut result, HeaderValue::from_str(&id)) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    tracing::info!(
        target: "access",
        request_id = %id,
        method = %method,
        path = %path,
        route = %route,
        status,
        duration_ms = elapsed.as_secs_f64() * 1000.0,
        client = peer.as_deref().unwrap_or("-"),
    );
    result
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn invitation_tokens_never_reach_the_log() {
        let link = Some("/invitations/{token}");
        let accept = Some("/invitations/{token}/accept");
        assert_eq!(
            loggable_path(link, "/invitations/SECRETtoken"),
            "/invitations/{token}"
        );
        assert_eq!(
            loggable_path(link, "/%69nvitations/SECRETtoken"),
            "/invitations/{token}"
        );
        assert_eq!(
            loggable_path(accept, "/invitations/SECRETtoken/accept"),
            "/invitations/{token}/accept"
        );
        // No route ran: masked by the decoded path.
        assert_eq!(
            loggable_path(None, "/%69nvitations/SECRETtoken/x"),
            "/invitations/{token}/x"
        );
        assert_eq!(
            loggable_path(Some("/partner/customers"), "/partner/customers"),
            "/partner/customers"
        );
    }
}
