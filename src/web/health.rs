//! Infrastructure endpoints: liveness, readiness (the database answers) and metrics.

use actix_web::{HttpResponse, web};

use crate::state::AppState;
use crate::web::error::RawResponse;

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    match state.db(crate::db::ping).await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Err(_) => {
            let mut res = HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable");
            res.extensions_mut().insert(RawResponse);
            res
        }
    }
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
