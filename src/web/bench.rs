//! A TechEmpower-Fortunes-style handler for `scripts/bench`, mounted only with
//! `BENCH_ROUTES=true` (refused in production): 12 rows fetched with diesel from the same pool,
//! one added in code, sorted by message, rendered with askama. The portal's own pages are
//! measured against it, so the ratio says what our layout, session and queries cost on top of
//! the stack itself.

use actix_web::{HttpResponse, web};
use askama::Template;
use diesel::prelude::*;

use crate::db::schema::fortunes;
use crate::state::AppState;
use crate::web::error::AppError;

#[derive(Queryable)]
pub struct Fortune {
    pub id: i64,
    pub message: String,
}

#[derive(Template)]
#[template(path = "bench/fortunes.html")]
struct FortunesPage {
    fortunes: Vec<Fortune>,
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bench/fortunes", web::get().to(fortunes_handler));
}

async fn fortunes_handler(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let mut fortunes = state
        .db(|conn| {
            fortunes::table
                .select((fortunes::id, fortunes::message))
                .load::<Fortune>(conn)
        })
        .await?;
    fortunes.push(Fortune {
        id: 0,
        message: "Additional fortune added at request time.".to_owned(),
    });
    fortunes.sort_by(|a, b| a.message.cmp(&b.message));
    crate::web::page::html(&FortunesPage { fortunes })
}
