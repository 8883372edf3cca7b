//! Pages anyone sees: landing, language, health, readiness and metrics; the catalogs.

use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{Backend, spawn_app};

async fn landing_page_and_language_choice(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.browser();
    let en = browser.get("/").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(en.body.contains("href=\"/auth/signin\""));

    // Accept-Language picks Chinese...
    let zh = browser
        .get_with("/", &[("Accept-Language", "zh-CN,zh;q=0.9")])
        .await;
    assert!(zh.body.contains("<html lang=\"zh-CN\">"));
    assert!(zh.body.contains("多合作伙伴门户"));

    // ...and the user's choice is remembered over the header.
    let switched = browser
        .post_form(
            "/lang",
            &[("lang", "zh-CN"), ("next", "/"), ("csrf_token", &en.csrf())],
        )
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location().as_deref(), Some("/"));
    let remembered = browser.get_with("/", &[("Accept-Language", "en")]).await;
    assert!(remembered.body.contains("<html lang=\"zh-CN\">"));

    // Signed-in pages follow the choice too, and `next` cannot leave the site.
    let grace = app.signed_in("grace@contoso").await;
    let csrf = grace.csrf().await;
    let back = grace
        .post_form(
            "/lang",
            &[
                ("lang", "zh-CN"),
                ("next", "//evil.example"),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(back.location().as_deref(), Some("/"));
    let home = grace.get("/").await;
    assert_eq!(
        home.text_of("home-heading").as_deref(),
        Some("欢迎，Grace Contoso")
    );
}
both_backends!(landing_page_and_language_choice);

async fn health_readiness_and_metrics(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.browser();
    assert_eq!(browser.get("/healthz").await.body, "ok");
    // Ready once the (demo) provider's discovery succeeded, a moment after start.
    crate::deployment::wait_ready(&browser, std::time::Duration::from_secs(10)).await;
    browser.get("/").await;
    browser.get("/no-such-page").await;
    let metrics = browser.get("/metrics").await;
    assert!(
        metrics
            .body
            .contains("http_requests_total{method=\"GET\",route=\"/\",status=\"200\"}")
    );
    assert!(metrics.body.contains("status=\"404\""));
    assert!(
        metrics
            .body
            .contains("http_request_duration_seconds_bucket")
    );
    assert!(metrics.body.contains("db_pool_connections{state=\"max\"}"));
}
both_backends!(health_readiness_and_metrics);

/// Issue 12, finding 6: `/metrics` is not public. With `METRICS_TOKEN` it answers only that
/// bearer token (401 otherwise); with `METRICS_ADDR` it is served there and not on the portal;
/// with neither, a demo bound beyond loopback and production do not serve it (404). (The demo
/// on loopback, open, is `health_readiness_and_metrics`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_answer_only_a_token_or_their_own_listener() {
    use crate::common::{AppOptions, spawn_app_with};
    let served = |page: &crate::common::Page| {
        page.status == StatusCode::OK && page.body.contains("db_pool_connections")
    };

    // A token: nothing, another token or another scheme is refused; the token is served.
    let token = "k".repeat(24) + "0123456789";
    let app = spawn_app_with(AppOptions::new(Backend::Sqlite).env("METRICS_TOKEN", &token)).await;
    let browser = app.browser();
    let bare = browser.get("/metrics").await;
    assert_eq!(bare.status, StatusCode::UNAUTHORIZED);
    assert!(!bare.body.contains("http_requests_total"));
    assert_eq!(
        bare.headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer realm=\"metrics\"")
    );
    let wrong = format!("Bearer {}", "x".repeat(34));
    let basic = format!("Basic {token}");
    for header in [wrong.as_str(), basic.as_str(), token.as_str()] {
        let page = browser
            .get_with("/metrics", &[("authorization", header)])
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{header}");
    }
    let right = format!("Bearer {token}");
    let page = browser
        .get_with("/metrics", &[("authorization", right.as_str())])
        .await;
    assert!(served(&page), "{}", page.status);
    drop(app);

    // A separate listener: served there, and on the portal as an unknown path.
    let app =
        spawn_app_with(AppOptions::new(Backend::Sqlite).env("METRICS_ADDR", "127.0.0.1:0")).await;
    let listener = app.metrics_base.clone().expect("a metrics listener");
    let on_portal = app.browser().get("/metrics").await;
    assert_eq!(on_portal.status, StatusCode::NOT_FOUND);
    let scraper = crate::common::Browser::new(&listener);
    assert!(served(&scraper.get("/metrics").await));
    // It serves nothing else.
    assert_eq!(scraper.get("/").await.status, StatusCode::NOT_FOUND);
    assert_eq!(scraper.get("/admin").await.status, StatusCode::NOT_FOUND);
    drop(app);

    // Neither: a demo listening beyond loopback does not serve it.
    let app = spawn_app_with(AppOptions::new(Backend::Sqlite).env("BIND_ADDR", "0.0.0.0:0")).await;
    assert_eq!(
        app.browser().get("/metrics").await.status,
        StatusCode::NOT_FOUND
    );
    drop(app);

    // Neither, in production: not served.
    let app = spawn_app_with(
        AppOptions::new(Backend::Sqlite)
            .env("APP_ENV", "production")
            .env("BASE_URL", "https://portal.example.test")
            .env("SESSION_SECRET", &crate::common::random_session_secret())
            .env("OIDC_ISSUER_URL", "https://127.0.0.1:1/tenant/v2.0")
            .env("OIDC_CLIENT_ID", "portal")
            .env("OIDC_CLIENT_SECRET", "secret"),
    )
    .await;
    let page = app.browser().get("/metrics").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("http_requests_total"));
}

/// Issue 12, finding 7: demo mode listening beyond loopback warns loudly at start and on every
/// page's badge, in each language; on loopback the badge is the plain one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exposed_demo_says_so_at_start_and_on_every_page() {
    use crate::common::{AppOptions, spawn_app_with};
    crate::log_capture::capture();
    let exposed_key = |lang: multipartner::i18n::Lang| lang.t("demo-badge-exposed");
    // Only the configuration's address matters here (the test listener is on loopback).
    let bind = format!("0.0.0.0:{}", 20000 + std::process::id() % 40000);
    let app = spawn_app_with(AppOptions::new(Backend::Sqlite).env("BIND_ADDR", &bind)).await;
    let warned = crate::log_capture::lines_containing(&format!("BEYOND LOOPBACK on {bind}"));
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].contains("WARN"), "{}", warned[0]);

    let browser = app.browser();
    for (accept, lang) in [
        ("en", multipartner::i18n::Lang::En),
        ("zh-CN", multipartner::i18n::Lang::ZhCn),
        ("pt-BR", multipartner::i18n::Lang::PtBr),
    ] {
        for path in ["/", "/no-such-page", "/auth/signin"] {
            let page = browser.get_with(path, &[("Accept-Language", accept)]).await;
            if page.status.is_redirection() {
                continue;
            }
            assert_eq!(
                page.text_of("demo-exposed"),
                Some(exposed_key(lang)),
                "{accept} {path}"
            );
        }
    }
    let grace = app.signed_in("grace@contoso").await;
    for path in ["/customer/partners", "/customer/subscriptions"] {
        assert_eq!(
            grace.get(path).await.text_of("demo-exposed"),
            Some(exposed_key(multipartner::i18n::Lang::En)),
            "{path}"
        );
    }
    drop(app);

    let app = spawn_app(Backend::Sqlite).await;
    let home = app.browser().get("/").await;
    assert!(home.text_of("demo-exposed").is_none());
    assert!(home.body.contains("badge-demo"));
}

/// Issue 12, finding 7: the demo provider never trusts the configured `OIDC_CLIENT_SECRET`:
/// presented to it, that secret is an unknown client, not a wrong code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_provider_does_not_know_the_real_client_secret() {
    use crate::common::{AppOptions, spawn_app_with};
    let app = spawn_app_with(AppOptions::new(Backend::Sqlite).with_test_idp()).await;
    let response = reqwest::Client::new()
        .post(format!("{}/demo-idp/token", app.base))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", "made-up"),
            ("client_id", multipartner::config::DEMO_CLIENT_ID),
            ("client_secret", "test-secret"),
            ("redirect_uri", &format!("{}/auth/callback", app.base)),
        ])
        .send()
        .await
        .unwrap();
    let body = response.text().await.unwrap();
    assert!(body.contains("invalid_client"), "{body}");
}

/// The demo provider exists only in demo mode.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_provider_is_refused_outside_demo_mode() {
    use crate::common::{AppOptions, spawn_app_with};
    let idp = crate::common::test_idp();
    let app = spawn_app_with(
        AppOptions::new(Backend::Sqlite)
            .env("APP_ENV", "production")
            .env("BASE_URL", "https://portal.example.cn")
            .env("SESSION_SECRET", &crate::common::random_session_secret())
            .env(
                "OIDC_ISSUER_URL",
                &idp.issuer.replace("http://", "https://"),
            )
            .env("OIDC_CLIENT_ID", "x")
            .env("OIDC_CLIENT_SECRET", "y"),
    )
    .await;
    let browser = app.browser();
    for path in [
        "/demo-idp/.well-known/openid-configuration",
        "/demo-idp/jwks",
        "/demo-idp/authorize",
    ] {
        assert_eq!(
            browser.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Production does not seed demo data.
    assert_eq!(app.count("tenants"), 0);
}

/// The navigation marks exactly the section a page belongs to: an operator on a listing is not
/// also shown on the overview, whose path is a prefix of every listing's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn navigation_marks_one_current_section() {
    let app = spawn_app(Backend::Sqlite).await;
    for (login, path, current) in [
        ("admin@operator", "/admin", "/admin"),
        (
            "admin@operator",
            "/admin/relationships",
            "/admin/relationships",
        ),
        ("admin@operator", "/admin/audit", "/admin/audit"),
        (
            "anna@fabrikam",
            "/partner/invitations/new",
            "/partner/invitations",
        ),
        ("grace@contoso", "/", "/"),
    ] {
        let page = app.signed_in(login).await.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let marked: Vec<&str> = page
            .body
            .match_indices("aria-current=\"page\"")
            .map(|(at, _)| {
                let before = &page.body[..at];
                let href = &before[before.rfind("href=\"").unwrap() + 6..];
                &href[..href.find('"').unwrap()]
            })
            .collect();
        assert_eq!(marked, vec![current], "{login} on {path}");
    }
}

/// A signed-in user on an error page can still sign out and switch language: the page's forms
/// carry the session's CSRF token (they answered 403 "Your form has expired"), and an unknown
/// route shows the signed-in header, not "Sign in".
async fn error_pages_keep_the_signed_in_header_and_its_forms(backend: Backend) {
    let app = spawn_app(backend).await;
    for (path, status) in [
        ("/customer/partners", StatusCode::FORBIDDEN),
        ("/partner/invitations/987654", StatusCode::NOT_FOUND),
        ("/no-such-page", StatusCode::NOT_FOUND),
    ] {
        let anna = app.signed_in("anna@fabrikam").await;
        let page = anna.get(path).await;
        assert_eq!(page.status, status, "{path}");
        assert_eq!(
            page.text_of("user-name").as_deref(),
            Some("Anna Fabrikam"),
            "{path}: the header shows who is signed in"
        );
        assert!(!page.body.contains("href=\"/auth/signin\""), "{path}");

        let switched = anna
            .post_form(
                "/lang",
                &[
                    ("csrf_token", &page.csrf()),
                    ("lang", "zh-CN"),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(
            switched.status,
            StatusCode::SEE_OTHER,
            "{path}: the language switch"
        );

        let page = anna.get(path).await;
        let signed_out = anna
            .post_form("/auth/signout", &[("csrf_token", &page.csrf())])
            .await;
        assert!(
            signed_out.status.is_redirection(),
            "{path}: sign-out answered {}",
            signed_out.status
        );
        let home = anna.get("/").await;
        assert!(home.text_of("user-name").is_none(), "{path}: signed out");
    }
}
both_backends!(error_pages_keep_the_signed_in_header_and_its_forms);
