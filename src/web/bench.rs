//! A TechEmpower-Fortunes-style handler for `scripts/bench`, mounted only with
//! `BENCH_ROUTES=true` (refused in production): 12 rows fetched with diesel from the same pool,
//! one added in code, sorted by message, rendered with askama. The portal's own pages are
//! measured against it, so the ratio says what our layout, session and queries cost on top of
//! the stack itself.
//!
//! The 12 rows are a benchmark fixture, not part of the product's schema: `create_fixture`
//! makes the table at start when the route is mounted, and the migrations never do.

use crate::web::routes::Routes;
use actix_web::{HttpResponse, web};
use askama::Template;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::state::AppState;
use crate::web::error::AppError;

diesel::table! {
    /// The benchmark's reference data (created by `create_fixture`, not by a migration).
    fortunes (id) {
        id -> BigInt,
        message -> Text,
    }
}

/// The TechEmpower Fortunes rows. The same SQL on both backends; running it again changes
/// nothing.
const FIXTURE: &str = "
CREATE TABLE IF NOT EXISTS fortunes (
    id BIGINT PRIMARY KEY,
    message TEXT NOT NULL
);
INSERT INTO fortunes (id, message) VALUES
    (1, 'fortune: No such file or directory'),
    (2, 'A computer scientist is someone who fixes things that aren''t broken.'),
    (3, 'After enough decimal places, nobody gives a damn.'),
    (4, 'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'),
    (5, 'A computer program does what you tell it to do, not what you want it to do.'),
    (6, 'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'),
    (7, 'Any program that runs right is obsolete.'),
    (8, 'A list is only as strong as its weakest link. — Donald Knuth'),
    (9, 'Feature: A bug with seniority.'),
    (10, 'Computers make very fast, very accurate mistakes.'),
    (11, '<script>alert(\"This should not be displayed in a browser alert box.\");</script>'),
    (12, 'フレームワークのベンチマーク')
ON CONFLICT (id) DO NOTHING;
";

/// Creates the benchmark's table and rows if they are not there yet.
pub fn create_fixture(conn: &mut DbConnection) -> QueryResult<()> {
    conn.batch_execute(FIXTURE)
}

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

pub fn routes(r: &mut Routes) {
    r.get("/bench/fortunes", fortunes_handler);
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
