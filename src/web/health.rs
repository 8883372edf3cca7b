//! Infrastructure endpoints: liveness, readiness (the database answers and the identity
//! provider has been discovered) and metrics.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::state::AppState;
use crate::web::error::{AppError, RawResponse};
use crate::web::metrics_access::{Listener, MetricsAccess, MetricsPolicy};

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// 200 `ready`, or 503 naming each dependency that is not (no URLs, no causes: those are in
/// the log and in `multipartner doctor`).
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let mut faults = Vec::new();
    if state.db(crate::db::ping).await.is_err() {
        faults.push("database unavailable".to_owned());
    }
    if let Err(why) = state.oidc.ready() {
        faults.push(format!("identity provider not discovered: {why}"));
    }
    if faults.is_empty() {
        return HttpResponse::Ok().content_type("text/plain").body("ready");
    }
    let mut res = HttpResponse::ServiceUnavailable()
        .content_type("text/plain")
        .body(format!("not ready: {}", faults.join("; ")));
    res.extensions_mut().insert(RawResponse);
    res
}

/// `GET /metrics` on the portal's own listener: served only as `metrics_access` decides.
pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    metrics_on(&req, &state, Listener::Main)
}

/// `GET /metrics` on the separate `METRICS_ADDR` listener.
pub async fn metrics_listener(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    metrics_on(&req, &state, Listener::Metrics)
}

fn metrics_on(
    req: &HttpRequest,
    state: &AppState,
    listener: Listener,
) -> Result<HttpResponse, AppError> {
    let authorization = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes());
    match MetricsPolicy::of(&state.config).decide(listener, authorization) {
        MetricsAccess::Serve => Ok(HttpResponse::Ok()
            .content_type("text/plain; version=0.0.4")
            .body(
                state
                    .metrics
                    .render(state.pool.state(), state.config.db_pool_size),
            )),
        MetricsAccess::Unauthorized => {
            let mut res = HttpResponse::Unauthorized()
                .insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\""))
                .content_type("text/plain")
                .body("unauthorized");
            res.extensions_mut().insert(RawResponse);
            Ok(res)
        }
        // Like any path that does not exist.
        MetricsAccess::NotFound => Err(AppError::NotFound),
    }
}
