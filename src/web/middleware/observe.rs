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

/// The path as it may appear in logs: invitation tokens are replaced by a placeholder.
pub fn loggable_path(path: &str) -> String {
    match path.strip_prefix("/invitations/") {
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
    let path = loggable_path(req.path());
    let peer = req
        .connection_info()
        .realip_remote_addr()
        .map(str::to_owned);
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());

    // Inner middleware answers refusals with responses, so errors here are rare transport
    // failures; they propagate to actix as they are.
    let mut res = next.call(req).await?;

    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    if let Some(metrics) = metrics {
        metrics.observe_request(&method, &route, status, elapsed);
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
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
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn invitation_tokens_never_reach_the_log() {
        assert_eq!(
            loggable_path("/invitations/SECRETtoken"),
            "/invitations/{token}"
        );
        assert_eq!(
            loggable_path("/invitations/SECRETtoken/accept"),
            "/invitations/{token}/accept"
        );
        assert_eq!(loggable_path("/partner/customers"), "/partner/customers");
    }
}
