//! Every error answers the one error page, with the security headers and one access-log line,
//! also when it is raised outside a handler: by the session layer when its store is away, or by
//! a body too large (issue 12, finding 4). A panicking handler is covered by the unit tests of
//! `web::error::last_resort`.

use reqwest::StatusCode;

use crate::common::{Backend, Page, postgres_admin_url, spawn_app};
use crate::log_capture;

/// The page is the error page with the security headers, and the access log holds exactly one
/// line for it, with its status.
fn assert_error_page(page: &Page, status: StatusCode) {
    assert_eq!(page.status, status, "{}", page.body);
    let h = |name: &str| {
        page.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    assert!(
        h("content-type").starts_with("text/html"),
        "{status}: a page"
    );
    assert!(page.body.contains("<main"), "{status}: the layout");
    assert!(
        h("content-security-policy").contains("frame-ancestors 'none'"),
        "{status}: CSP"
    );
    assert_eq!(h("x-frame-options"), "DENY", "{status}");
    assert_eq!(h("x-content-type-options"), "nosniff", "{status}");
    assert_eq!(h("referrer-policy"), "no-referrer", "{status}");
    assert_eq!(h("cache-control"), "no-store", "{status}");
    let id = h("x-request-id");
    assert!(!id.is_empty(), "{status}: a request id");
    let access: Vec<_> = log_capture::events_of(&id)
        .into_iter()
        .filter(|e| e.get("target").and_then(|t| t.as_str()) == Some("access"))
        .collect();
    assert_eq!(access.len(), 1, "{status}: one access line: {access:#?}");
    assert_eq!(
        access[0].get("status").and_then(|s| s.as_u64()),
        Some(u64::from(status.as_u16()))
    );
}

fn allow_connections(database: &str, allow: bool) {
    use diesel::prelude::*;
    let mut admin = diesel::PgConnection::establish(&postgres_admin_url()).unwrap();
    diesel::sql_query(format!(
        "ALTER DATABASE {database} ALLOW_CONNECTIONS {allow}"
    ))
    .execute(&mut admin)
    .unwrap();
    if !allow {
        diesel::sql_query(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
        ))
        .execute(&mut admin)
        .unwrap();
    }
}

/// With the sessions in the database and the database away, the session layer fails before
/// any handler runs: the answer is still the 503 page with its headers and its log line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_store_outage_answers_the_503_page() {
    log_capture::capture();
    let app = spawn_app(Backend::Postgres).await;
    let grace = app.signed_in("grace@contoso").await;
    let database = app.database_url.rsplit('/').next().unwrap().to_owned();
    allow_connections(&database, false);
    let page = grace.get("/customer/partners").await;
    allow_connections(&database, true);
    assert_error_page(&page, StatusCode::SERVICE_UNAVAILABLE);
    assert!(!page.body.to_lowercase().contains("postgres"));
}

/// A body over the limit answers the 413 page with its headers and its log line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_answers_the_413_page() {
    log_capture::capture();
    let app = spawn_app(Backend::Sqlite).await;
    let anna = app.signed_in("anna@fabrikam").await;
    let csrf = anna.csrf().await;
    let big = "x".repeat(200 * 1024);
    for path in ["/lang", "/partner/invitations"] {
        let page = anna
            .post_form(
                path,
                &[("csrf_token", csrf.as_str()), ("message", big.as_str())],
            )
            .await;
        assert_error_page(&page, StatusCode::PAYLOAD_TOO_LARGE);
    }
}
