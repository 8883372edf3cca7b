//! Infrastructure endpoints: liveness, readiness (the database answers and the identity
//! provider has been discovered) and metrics.

use actix_web::{HttpResponse, web};

use crate::state::AppState;
use crate::web::error::RawResponse;

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

pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(
            state
                .metrics
                .render(state.pool.state(), state.config.db_pool_size),
        )
}
