//! CSRF, cookie flags, security headers, and error pages that reveal nothing.

use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{AppOptions, Backend, spawn_app, spawn_app_with};

/// Unsafe requests need the session's token and must not come from another site.
async fn csrf_is_enforced(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.signed_in("anna@fabrikam").await;
    let token = browser.csrf().await;
    let other = app.signed_in("sam@fabrikam").await;
    let other_token = other.csrf().await;
    let audit_before = app.count("audit_events");

    let missing = browser.post_form("/auth/signout", &[]).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let wrong = browser
        .post_form("/auth/signout", &[("csrf_token", "not-the-token")])
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let cross_site = browser
        .post_form_with(
            "/auth/signout",
            &[("csrf_token", &token)],
            &[("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    let fetch_site = browser
        .post_form_with(
            "/auth/signout",
            &[("csrf_token", &token)],
            &[("Sec-Fetch-Site", "cross-site")],
        )
        .await;
    assert_eq!(fetch_site.status, StatusCode::FORBIDDEN);
    // A token from another session is no good either.
    let foreign = browser
        .post_form("/auth/signout", &[("csrf_token", &other_token)])
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert!(missing.body.contains("data-testid=\"error-message\""));
    // None of that changed anything: still signed in, nothing audited.
    assert!(browser.get("/").await.text_of("user-name").is_some());
    assert_eq!(app.count("audit_events"), audit_before);

    // What browsers send for our own forms under `Referrer-Policy: no-referrer`: `Origin: null`
    // with `Sec-Fetch-Site: same-origin`. A null origin from another site is still refused.
    let null_cross_site = browser
        .post_form_with(
            "/lang",
            &[("csrf_token", &token), ("lang", "en")],
            &[("Origin", "null"), ("Sec-Fetch-Site", "cross-site")],
        )
        .await;
    assert_eq!(null_cross_site.status, StatusCode::FORBIDDEN);
    let null_same_site = browser
        .post_form_with(
            "/lang",
            &[("csrf_token", &token), ("lang", "en")],
            &[("Origin", "null"), ("Sec-Fetch-Site", "same-origin")],
        )
        .await;
    assert_eq!(
        null_same_site.status,
        StatusCode::SEE_OTHER,
        "a real browser's form post"
    );
    let ok = browser
        .post_form_with(
            "/auth/signout",
            &[("csrf_token", &token)],
            &[("Origin", &app.base)],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert!(browser.get("/").await.text_of("user-name").is_none());
}
both_backends!(csrf_is_enforced);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_flags() {
    // Plain http (demo on loopback): HttpOnly and SameSite=Lax, not Secure.
    let app = spawn_app(Backend::Sqlite).await;
    let page = app.browser().get("/auth/signin").await;
    let cookie = set_cookie(&page.headers, "mp_session").expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");

    // An https base URL makes every cookie Secure.
    let app = spawn_app_with(
        AppOptions::new(Backend::Sqlite).env("BASE_URL", "https://portal.example.cn"),
    )
    .await;
    let browser = app.browser();
    let page = browser.get_with("/", &[("Accept-Language", "zh-CN")]).await;
    let cookie = set_cookie(&page.headers, "mp_session").expect("session cookie");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let lang = browser
        .post_form("/lang", &[("lang", "en"), ("csrf_token", &page.csrf())])
        .await;
    // (Origin/Sec-Fetch-Site are absent, as from a non-browser client; the token decides.)
    let lang_cookie = set_cookie(&lang.headers, "mp_lang");
    if let Some(lang_cookie) = lang_cookie {
        assert!(lang_cookie.contains("Secure"), "{lang_cookie}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_pages() {
    let app = spawn_app(Backend::Sqlite).await;
    let page = app.browser().get("/").await;
    let h = |name: &str| {
        page.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    assert!(h("content-security-policy").contains("frame-ancestors 'none'"));
    assert!(h("content-security-policy").contains("script-src 'self'"));
    assert!(!h("content-security-policy").contains("unsafe-inline"));
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(h("referrer-policy"), "no-referrer");
    assert_eq!(h("cross-origin-opener-policy"), "same-origin");
    assert_eq!(h("cache-control"), "no-store");
    assert!(!h("x-request-id").is_empty());
    let css = app.browser().get("/static/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("max-age"),
        "static files are cacheable"
    );
}

/// Error pages are full pages in the user's language with a reference, and nothing internal.
async fn error_pages_reveal_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.browser();
    let cases = [
        (browser.get("/no/such/page").await, StatusCode::NOT_FOUND),
        (browser.get("/auth/signout").await, StatusCode::NOT_FOUND),
        (
            browser.post_form("/lang", &[("lang", "en")]).await,
            StatusCode::FORBIDDEN,
        ),
        (
            browser.get("/demo-idp/authorize?client_id=x").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            browser.get("/auth/callback?code=x&state=y").await,
            StatusCode::BAD_REQUEST,
        ),
    ];
    let big = "x".repeat(200 * 1024);
    let csrf = browser.csrf().await;
    let too_big = browser
        .post_form("/lang", &[("csrf_token", &csrf), ("lang", &big)])
        .await;
    let bad_lang = browser
        .post_form("/lang", &[("csrf_token", &csrf), ("lang", "tlh")])
        .await;
    for (page, status) in cases.into_iter().chain([
        (too_big, StatusCode::PAYLOAD_TOO_LARGE),
        (bad_lang, StatusCode::BAD_REQUEST),
    ]) {
        assert_eq!(page.status, status, "{}", page.body);
        assert!(
            page.headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "error answers are pages"
        );
        assert!(page.body.contains("<main"), "error pages use the layout");
        for leak in [
            "diesel",
            "sqlite",
            "postgres",
            "panicked",
            "SELECT ",
            "src/",
            ".rs:",
            "actix",
            "stack backtrace",
            "Error {",
            "csrf_token=",
            "test-secret",
        ] {
            assert!(
                !page.body.to_lowercase().contains(&leak.to_lowercase()),
                "{status} leaks {leak:?}"
            );
        }
    }
}
both_backends!(error_pages_reveal_nothing);

/// The pool fails fast when the database goes away: pages answer 503 (not hang) and /readyz
/// fails; once the database takes connections again, the portal recovers by itself.
/// (`scripts/bench-faults` measures how fast.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_outage_gives_503_not_a_hang() {
    let app = spawn_app(Backend::Postgres).await;
    let browser = app.signed_in("grace@contoso").await;
    assert_eq!(browser.get("/readyz").await.status, StatusCode::OK);
    // Take the database away: terminate its connections and forbid new ones.
    let name = app.database_url.rsplit('/').next().unwrap().to_owned();
    {
        use diesel::prelude::*;
        let mut admin =
            diesel::PgConnection::establish(&crate::common::postgres_admin_url()).unwrap();
        diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
            .execute(&mut admin)
            .unwrap();
        diesel::sql_query(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        ))
        .execute(&mut admin)
        .unwrap();
    }
    let started = std::time::Instant::now();
    let ready = browser.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    let home = browser.get("/").await;
    assert_eq!(
        home.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        home.body
    );
    assert!(!home.body.to_lowercase().contains("postgres"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "answered within the pool timeout"
    );
    {
        use diesel::prelude::*;
        let mut admin =
            diesel::PgConnection::establish(&crate::common::postgres_admin_url()).unwrap();
        diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
            .execute(&mut admin)
            .unwrap();
    }
    // The portal recovers by itself.
    let mut recovered = false;
    for _ in 0..30 {
        if browser.get("/readyz").await.status == StatusCode::OK {
            recovered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(recovered, "readiness came back with the database");
    assert!(browser.get("/").await.text_of("user-name").is_some());
}

fn set_cookie(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// Sign-in, invitation links and invitation creation are rate limited per client address:
/// 429 with Retry-After, as a page; repeated misses on invitation links block the client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_answer_429_with_retry_after() {
    let app = spawn_app_with(
        AppOptions::new(Backend::Sqlite).env("RATE_LIMITS", "signin=3,invitation=50,misses=3"),
    )
    .await;
    let browser = app.browser();
    for _ in 0..3 {
        assert_eq!(
            browser.get("/auth/signin").await.status,
            StatusCode::SEE_OTHER
        );
    }
    let limited = browser.get("/auth/signin").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = limited
        .headers
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(limited.body.contains("data-testid=\"error-message\""));
    // Other routes are not limited.
    assert_eq!(browser.get("/").await.status, StatusCode::OK);

    // Guessing invitation tokens (signed in, or the guess is never looked up): after a few
    // misses the client is blocked, even for links that would work.
    let app = spawn_app_with(
        AppOptions::new(Backend::Sqlite).env("RATE_LIMITS", "signin=50,invitation=50,misses=3"),
    )
    .await;
    let grace = app.signed_in("grace@contoso").await;
    let mut statuses = Vec::new();
    for guess in ["A", "B", "C", "D"] {
        statuses.push(
            grace
                .get(&format!("/invitations/{}", guess.repeat(43)))
                .await
                .status,
        );
    }
    assert_eq!(statuses[..3], [StatusCode::NOT_FOUND; 3], "{statuses:?}");
    let blocked = grace.get(&format!("/invitations/{}", "E".repeat(43))).await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{statuses:?}"
    );
    assert!(blocked.headers.get("retry-after").is_some());

    // Concurrent guesses cannot outrun the miss limit: a client's look-ups run one at a time,
    // so exactly the allowed misses and the one that trips the block reach the database.
    let app = spawn_app_with(
        AppOptions::new(Backend::Sqlite).env("RATE_LIMITS", "signin=50,invitation=500,misses=3"),
    )
    .await;
    let grace = std::sync::Arc::new(app.signed_in("grace@contoso").await);
    let guesses: Vec<_> = (0..24)
        .map(|_| {
            let grace = grace.clone();
            tokio::spawn(async move {
                let token = multipartner::domain::InvitationToken::generate();
                grace
                    .get(&format!("/invitations/{}", token.as_str()))
                    .await
                    .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.unwrap());
    }
    let misses = statuses
        .iter()
        .filter(|s| **s == StatusCode::NOT_FOUND)
        .count();
    assert_eq!(misses, 4, "{statuses:?}");
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        20
    );
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.lookup_failed'"),
        4
    );
}
