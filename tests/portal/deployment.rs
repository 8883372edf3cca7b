//! Ready for a real deployment: production refuses demo data and routes, the provider behind a
//! private CA, outages told from bad answers, the cause of every failed sign-in logged once,
//! clock leeway, sign-out at the provider, issuer strings that change, `doctor`, `/readyz`
//! waiting for the provider, and `backup`.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;

use crate::both_backends;
use crate::common::{
    AppOptions, Backend, Browser, Page, TestApp, fresh_database, hidden_inputs, spawn_app,
    spawn_app_with, test_idp,
};
use crate::log_capture::{self, the_warning};
use crate::rogue_idp::{Mode, RogueIdp};
use crate::tls::PrivateCa;

const ROGUE_CLIENT: [(&str, &str); 2] = [
    ("OIDC_CLIENT_ID", "rogue-client"),
    ("OIDC_CLIENT_SECRET", "rogue-secret"),
];

async fn app_signing_in_at(issuer: &str, env: &[(&str, &str)]) -> TestApp {
    let mut options = AppOptions::new(Backend::Sqlite).env("OIDC_ISSUER_URL", issuer);
    for (k, v) in ROGUE_CLIENT.iter().chain(env) {
        options = options.env(k, v);
    }
    spawn_app_with(options).await
}

/// Walks `browser` through a provider that signs in at once (the rogue one) and returns the
/// portal's last answer: the callback's, or the sign-in start's when that already failed.
async fn sign_in_at_once(browser: &Browser) -> Page {
    let start = browser.get("/auth/signin").await;
    if !start.status.is_redirection() {
        return start;
    }
    let (callback, _) = browser
        .follow(&start.location().unwrap(), |u| u.contains("/auth/callback"))
        .await;
    browser.get(&callback).await
}

fn request_id(page: &Page) -> String {
    page.headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("every answer carries its request id")
        .to_owned()
}

fn field<'a>(event: &'a Value, name: &str) -> &'a str {
    event.get(name).and_then(Value::as_str).unwrap_or("")
}

/// No log line of the request holds a JWT or the provider's access token.
fn assert_no_token_logged(request_id: &str) {
    for line in log_capture::lines_containing(request_id) {
        assert!(
            !line.contains("eyJ") && !line.contains("rogue-access-token"),
            "a token reached the log: {line}"
        );
    }
}

/// Provider trouble is an outage (503, "could not be reached"); a provider that answers
/// wrongly is a bad answer (400); a wrong issuer string is a set-up fault that names both
/// strings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outages_are_503_and_bad_answers_400() {
    log_capture::capture();
    for (mode, status, page_says, cause_says) in [
        (
            Mode::TokenEndpointDown,
            StatusCode::SERVICE_UNAVAILABLE,
            "could not be reached",
            "token endpoint could not be reached",
        ),
        (
            Mode::TokenGarbage,
            StatusCode::BAD_REQUEST,
            "could not be verified",
            "token endpoint answered badly",
        ),
        (
            Mode::TokenRefused,
            StatusCode::BAD_REQUEST,
            "could not be verified",
            "invalid_grant (code expired)",
        ),
    ] {
        let rogue = RogueIdp::start(mode).await;
        let app = app_signing_in_at(&rogue.issuer, &[]).await;
        let answer = sign_in_at_once(&app.browser()).await;
        assert_eq!(answer.status, status, "{mode:?}: {}", answer.body);
        assert!(
            answer.text_of("error-message").unwrap().contains(page_says),
            "{mode:?}: {}",
            answer.body
        );
        let warning = the_warning(&request_id(&answer));
        assert!(field(&warning, "cause").contains(cause_says), "{warning}");
    }

    // Discovery itself unreachable: nothing listens on port 1.
    let app = app_signing_in_at("http://127.0.0.1:1", &[]).await;
    let answer = app.browser().get("/auth/signin").await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(answer.body.contains("could not be reached"));
    let warning = the_warning(&request_id(&answer));
    assert!(
        field(&warning, "cause").contains("discovery document could not be reached"),
        "{warning}"
    );

    // The issuer with a trailing slash: a set-up fault, not "try again in a moment".
    let rogue = RogueIdp::start(Mode::Good).await;
    let slashed = format!("{}/", rogue.issuer);
    let app = app_signing_in_at(&slashed, &[]).await;
    let answer = app.browser().get("/auth/signin").await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        answer.body.contains("not set up correctly"),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains("could not be reached"));
    let cause = field(&the_warning(&request_id(&answer)), "cause").to_owned();
    assert!(
        cause.contains(&format!("{:?}", rogue.issuer)) && cause.contains(&format!("{slashed:?}")),
        "{cause}"
    );
}

/// `exp`, `iat` and `nbf` get `OIDC_CLOCK_SKEW_SECONDS` of leeway (60 by default); a token
/// issued in the future beyond it is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clock_leeway_for_token_times() {
    log_capture::capture();
    for (mode, skew, status, cause_says) in [
        (Mode::ExpiredWithinLeeway, None, StatusCode::SEE_OTHER, ""),
        (
            Mode::ExpiredWithinLeeway,
            Some("0"),
            StatusCode::BAD_REQUEST,
            "expired at",
        ),
        (
            Mode::IssuedInFuture,
            None,
            StatusCode::BAD_REQUEST,
            "issued in the future",
        ),
        (
            Mode::NotYetValid,
            None,
            StatusCode::BAD_REQUEST,
            "not valid before",
        ),
    ] {
        let rogue = RogueIdp::start(mode).await;
        let env: Vec<(&str, &str)> = skew
            .map(|s| vec![("OIDC_CLOCK_SKEW_SECONDS", s)])
            .unwrap_or_default();
        let app = app_signing_in_at(&rogue.issuer, &env).await;
        let answer = sign_in_at_once(&app.browser()).await;
        assert_eq!(
            answer.status, status,
            "{mode:?} skew {skew:?}: {}",
            answer.body
        );
        if !cause_says.is_empty() {
            let warning = the_warning(&request_id(&answer));
            assert!(field(&warning, "cause").contains(cause_says), "{warning}");
        }
    }
}

/// Every failed or refused sign-in logs its cause once, at warn, with the request id, and no
/// token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failed_sign_in_logs_its_cause_once() {
    log_capture::capture();
    for (mode, status, reason, says) in [
        (
            Mode::NoTenantClaim,
            StatusCode::FORBIDDEN,
            "unusable_identity",
            "tenant_id claim",
        ),
        (
            Mode::InvalidScope,
            StatusCode::SERVICE_UNAVAILABLE,
            "denied_by_provider",
            "invalid_scope (scope tenant is not known)",
        ),
        (
            Mode::Expired,
            StatusCode::BAD_REQUEST,
            "invalid_id_token",
            "expired at",
        ),
        (
            Mode::WrongAudience,
            StatusCode::BAD_REQUEST,
            "invalid_id_token",
            "another-client",
        ),
        (
            Mode::UnknownTenant,
            StatusCode::FORBIDDEN,
            "unknown_tenant",
            "not registered",
        ),
        (
            Mode::TenantKindMismatch,
            StatusCode::FORBIDDEN,
            "tenant_mismatch",
            "differs",
        ),
    ] {
        let rogue = RogueIdp::start(mode).await;
        let app = app_signing_in_at(&rogue.issuer, &[]).await;
        let answer = sign_in_at_once(&app.browser()).await;
        assert_eq!(answer.status, status, "{mode:?}: {}", answer.body);
        let id = request_id(&answer);
        let warning = the_warning(&id);
        assert_eq!(field(&warning, "reason"), reason, "{mode:?}: {warning}");
        let text = format!(
            "{} {}",
            field(&warning, "cause"),
            field(&warning, "message")
        );
        assert!(text.contains(says), "{mode:?}: {warning}");
        assert_no_token_logged(&id);
    }
}

/// A provider behind a private CA is reachable only once `OIDC_CA_FILE` names that CA.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_ca_is_trusted_through_oidc_ca_file() {
    log_capture::capture();
    let ca = PrivateCa::new();
    let (issuer, _rogue) = rogue_behind_tls(&ca, Mode::Good).await;
    // A browser that trusts the CA, as the company's browsers would.
    let trusting = |base: &str| {
        let cert = reqwest::Certificate::from_pem(ca.ca_pem.as_bytes()).unwrap();
        Browser::with(base, |b| b.add_root_certificate(cert))
    };

    let app = app_signing_in_at(&issuer, &[]).await;
    let answer = trusting(&app.base).get("/auth/signin").await;
    assert_eq!(
        answer.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        answer.body
    );
    let cause = field(&the_warning(&request_id(&answer)), "cause").to_owned();
    assert!(
        cause.contains("certificate"),
        "the log should say it is TLS: {cause}"
    );

    let ca_file = ca.write_ca_file();
    let app = app_signing_in_at(&issuer, &[("OIDC_CA_FILE", &ca_file)]).await;
    let browser = trusting(&app.base);
    let answer = sign_in_at_once(&browser).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        browser.get("/").await.text_of("user-name").as_deref(),
        Some("Grace Contoso")
    );
}

/// The rogue provider of `mode` behind a TLS endpoint signed by `ca`; its issuer is
/// `https://localhost:PORT`.
async fn rogue_behind_tls(ca: &PrivateCa, mode: Mode) -> (String, RogueIdp) {
    let front = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let issuer = format!("https://localhost:{}", front.local_addr().unwrap().port());
    let back = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let back_addr = back.local_addr().unwrap();
    let rogue = RogueIdp::start_on(mode, back, issuer.clone()).await;
    ca.serve(front, back_addr);
    (issuer, rogue)
}

/// Production: `SEED_DEMO` refused (by name), no demo routes, no demo data, and not ready while
/// its provider cannot be discovered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_has_no_demo_and_waits_for_its_provider() {
    let served = tokio::process::Command::new(env!("CARGO_BIN_EXE_multipartner"))
        .arg("serve")
        .env_clear()
        .env("APP_ENV", "production")
        .env("SEED_DEMO", "true")
        .output()
        .await
        .unwrap();
    assert!(!served.status.success());
    let stderr = String::from_utf8_lossy(&served.stderr);
    assert!(stderr.contains("SEED_DEMO"), "{stderr}");

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
    let browser = app.browser();
    for path in [
        "/demo-idp/.well-known/openid-configuration",
        "/demo-idp/authorize",
        "/demo-idp/jwks",
        "/demo-idp/logout",
    ] {
        assert_eq!(
            browser.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(app.count("tenants"), 0, "no demo data in production");
    let ready = browser.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(ready.body.contains("identity provider"), "{}", ready.body);
}

/// `/readyz` answers 503 naming the provider until its discovery succeeds, then 200; the demo
/// provider, served by the same process, makes the portal ready without deadlock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_waits_for_the_providers_discovery() {
    let spot = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = spot.local_addr().unwrap().port();
    drop(spot);
    let issuer = format!("http://127.0.0.1:{port}");
    let app = app_signing_in_at(&issuer, &[]).await;
    let browser = app.browser();
    let started = Instant::now();
    loop {
        let ready = browser.get("/readyz").await;
        assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
        // Before the first attempt it says so; after it, why it failed.
        if ready.body == "not ready: identity provider not discovered: cannot be reached" {
            break;
        }
        assert_eq!(
            ready.body,
            "not ready: identity provider not discovered: discovery has not been tried yet"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let _rogue = RogueIdp::start_on(Mode::Good, listener, issuer).await;
    wait_ready(&browser, Duration::from_secs(10)).await;

    let demo = spawn_app(Backend::Sqlite).await;
    wait_ready(&demo.browser(), Duration::from_secs(5)).await;
}

pub async fn wait_ready(browser: &Browser, within: Duration) {
    let started = Instant::now();
    loop {
        let ready = browser.get("/readyz").await;
        if ready.status == StatusCode::OK {
            assert_eq!(ready.body, "ready");
            return;
        }
        assert!(
            started.elapsed() < within,
            "not ready after {within:?}: {}",
            ready.body
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// ---------------------------------------------------------------------------------------------
// Sign-out at the provider.

/// Signing out ends the provider's session too (RP-initiated logout with `id_token_hint` and
/// the registered post-logout URI), so the next sign-in in the same browser asks for a password
/// again; the ID token kept for that never travels in clear in the cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_ends_the_providers_session_too() {
    let app = spawn_app_with(AppOptions::new(Backend::Sqlite).with_test_idp()).await;
    let idp = &test_idp().issuer;
    let browser = app.browser();
    let (_, answer) = browser.sign_in_test_idp("anna@fabrikam", |u| u).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let cookie = browser.session_cookie().await;
    assert!(
        !cookie.contains("eyJ"),
        "the ID token is in the cookie in clear"
    );

    // While the provider's session lives, signing in again needs no password (single sign-on).
    let (reached, _) = browser
        .follow("/auth/signin", |u| u.contains("/auth/callback"))
        .await;
    assert!(
        reached.contains("/auth/callback"),
        "expected single sign-on, got {reached}"
    );
    browser.get(&reached).await;

    let csrf = browser.csrf().await;
    let out = browser
        .post_form("/auth/signout", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let end_session = out.location().unwrap();
    assert!(
        end_session.starts_with(&format!("{idp}/session/end?")),
        "{end_session}"
    );
    assert!(end_session.contains("id_token_hint=eyJ"), "{end_session}");
    // The provider's confirmation form (a browser submits it by itself).
    let form_page = browser.get(&end_session).await;
    assert_eq!(form_page.status, StatusCode::OK, "{}", form_page.body);
    let mut form = hidden_inputs(&form_page.body);
    form.push(("logout".into(), "yes".into()));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let confirmed = browser
        .post_form(&format!("{idp}/session/end/confirm"), &form)
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert_eq!(
        confirmed.location().as_deref(),
        Some(format!("{}/", app.base).as_str())
    );
    assert!(browser.get("/").await.text_of("user-name").is_none());

    // The provider forgot the user: the next sign-in shows its login form.
    let (url, page) = browser
        .follow("/auth/signin", |u| u.contains("/auth/callback"))
        .await;
    assert!(!url.contains("/auth/callback"), "signed straight back in");
    assert!(page.body.contains("login-form"), "{}", page.body);
}

/// The built-in demo provider offers RP-initiated logout as a real one does: it checks the hint
/// it signed and the registered post-logout URI.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_provider_offers_rp_initiated_logout() {
    let app = spawn_app(Backend::Sqlite).await;
    let browser = app.signed_in("grace@contoso").await;
    let csrf = browser.csrf().await;
    let out = browser
        .post_form("/auth/signout", &[("csrf_token", &csrf)])
        .await;
    let end_session = out.location().unwrap();
    assert!(
        end_session.starts_with(&format!("{}/demo-idp/logout?id_token_hint=", app.base)),
        "{end_session}"
    );
    let tampered = crate::auth::replace_param(
        &end_session,
        "post_logout_redirect_uri",
        "https://evil.example/",
    );
    assert_eq!(browser.get(&tampered).await.status, StatusCode::BAD_REQUEST);
    let forged = crate::auth::replace_param(&end_session, "id_token_hint", "eyJhbGciOi.e30.AAAA");
    assert_eq!(browser.get(&forged).await.status, StatusCode::BAD_REQUEST);
    let back = browser.get(&end_session).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(back.location().unwrap(), format!("{}/", app.base));
    assert!(browser.get("/").await.text_of("user-name").is_none());
}

// ---------------------------------------------------------------------------------------------
// Issuer strings that change.

const OLD_ISSUER: &str = "https://login.example.cn/tenant/v2.0/";

/// Puts the demo user `login` in the database as if they had signed in under `issuer`.
fn known_under(app: &TestApp, login: &str, issuer: &str) -> i64 {
    use multipartner::db::models::{NewUser, Tenant, User};
    let demo = multipartner::seed::demo_world::user(login).unwrap();
    let mut conn = app.conn();
    let tenant = Tenant::find_by_external_id(&mut conn, demo.tenant_external_id)
        .unwrap()
        .unwrap();
    User::upsert_at_sign_in(
        &mut conn,
        &NewUser {
            tenant_id: tenant.id,
            issuer,
            subject: demo.subject,
            login: demo.login,
            display_name: demo.name,
            roles: &demo.roles.join(","),
            created_at: multipartner::db::now(),
            last_sign_in_at: None,
        },
    )
    .unwrap()
    .id
}

/// With the old string in `OIDC_PREVIOUS_ISSUERS`, a user keeps their account (audited);
/// without it they would get a second one.
async fn users_keep_their_account_when_the_issuer_string_changes(backend: Backend) {
    let without = spawn_app(backend).await;
    known_under(&without, "anna@fabrikam", OLD_ISSUER);
    without.signed_in("anna@fabrikam").await;
    assert_eq!(without.count("users"), 2, "a duplicate, as before the fix");

    let app = spawn_app_with(AppOptions::new(backend).env(
        "OIDC_PREVIOUS_ISSUERS",
        &format!("https://other.example {OLD_ISSUER}"),
    ))
    .await;
    let id = known_under(&app, "anna@fabrikam", OLD_ISSUER);
    let browser = app.signed_in("anna@fabrikam").await;
    assert_eq!(app.count("users"), 1, "no second account");
    let current = format!("{}/demo-idp", app.base);
    assert_eq!(
        app.count(&format!("users WHERE id = {id} AND issuer = '{current}'")),
        1
    );
    assert_eq!(
        app.count("audit_events WHERE action = 'auth.issuer_migrated'"),
        1
    );
    assert_eq!(
        browser.get("/").await.text_of("user-name").as_deref(),
        Some("Anna Fabrikam")
    );
    // Signing in again moves nothing more.
    app.signed_in("anna@fabrikam").await;
    assert_eq!(
        app.count("audit_events WHERE action = 'auth.issuer_migrated'"),
        1
    );
}
both_backends!(users_keep_their_account_when_the_issuer_string_changes);

/// `multipartner migrate-issuer` moves everyone at once, audited, and leaves (and names) the
/// subjects that already have an account under the new string.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_issuer_moves_every_user_once() {
    let app = spawn_app(Backend::Sqlite).await;
    let new_issuer = format!("{}/demo-idp", app.base);
    known_under(&app, "anna@fabrikam", OLD_ISSUER);
    known_under(&app, "grace@contoso", OLD_ISSUER);
    known_under(&app, "li@northwind", OLD_ISSUER);
    // Li signed in after the change, before the migration: a conflict.
    known_under(&app, "li@northwind", &new_issuer);

    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_multipartner"))
        .args(["migrate-issuer", "--from", OLD_ISSUER, "--to", &new_issuer])
        .env_clear()
        .env("DATABASE_URL", &app.database_url)
        .env("RUST_LOG", "error")
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("moved 2 user(s)"), "{stdout}");
    assert!(stdout.contains("left 1 user(s)"), "{stdout}");
    assert_eq!(
        app.count(&format!("users WHERE issuer = '{OLD_ISSUER}'")),
        1
    );
    assert_eq!(
        app.count(&format!("users WHERE issuer = '{new_issuer}'")),
        3
    );
    assert_eq!(
        app.count("audit_events WHERE action = 'auth.issuer_migrated'"),
        1
    );
    // Anna signs in to her old account.
    app.signed_in("anna@fabrikam").await;
    assert_eq!(app.count("users"), 4);
}

// ---------------------------------------------------------------------------------------------
// multipartner doctor.

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `multipartner doctor` with only `env` set; returns (success, stdout lines).
async fn doctor(env: &[(&str, &str)]) -> (bool, Vec<String>) {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_multipartner"))
        .arg("doctor")
        .env_clear()
        .envs(env.iter().copied())
        .env("RUST_LOG", "error")
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    (
        output.status.success(),
        stdout.lines().map(str::to_owned).collect(),
    )
}

fn line<'a>(lines: &'a [String], check: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l[7..].starts_with(&format!("{check}:")))
        .unwrap_or_else(|| panic!("no {check} line in {lines:#?}"))
}

/// On the demo defaults every line is `ok`; with the issuer given a trailing slash doctor names
/// both strings and fails; production with `SEED_DEMO` is a fault naming it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_on_the_demo_defaults() {
    let database = fresh_database(Backend::Sqlite);
    let bind = format!("127.0.0.1:{}", free_port());
    let base = [("DATABASE_URL", database.as_str()), ("BIND_ADDR", &bind)];
    let (ok, lines) = doctor(&base).await;
    assert!(ok, "{lines:#?}");
    assert!(lines.len() >= 8, "{lines:#?}");
    assert!(lines.iter().all(|l| l.starts_with("ok ")), "{lines:#?}");

    let issuer = format!("http://{bind}/demo-idp");
    let slashed = format!("{issuer}/");
    let mut env = base.to_vec();
    env.push(("OIDC_ISSUER_URL", &slashed));
    let (ok, lines) = doctor(&env).await;
    assert!(!ok);
    let fault = line(&lines, "issuer");
    assert!(fault.starts_with("FAULT"), "{fault}");
    assert!(
        fault.contains(&format!("{issuer:?}")) && fault.contains(&format!("{slashed:?}")),
        "{fault}"
    );
    assert!(
        fault.contains(&format!("Fix: set OIDC_ISSUER_URL={issuer};")),
        "{fault}"
    );

    let (ok, lines) = doctor(&[("APP_ENV", "production"), ("SEED_DEMO", "true")]).await;
    assert!(!ok);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with("FAULT  configuration") && lines[0].contains("SEED_DEMO"));
}

/// Against the real oidc-provider doctor checks discovery, keys, the registered redirect URI and
/// the client's credentials, and names what is wrong.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_against_oidc_provider() {
    let idp = test_idp();
    let port = free_port();
    let base_url = format!("http://127.0.0.1:{port}");
    idp.register_client("doctor-client", "doctor-secret", &base_url)
        .await;
    let database = fresh_database(Backend::Sqlite);
    let env = |secret: &'static str, base: String| {
        vec![
            ("DATABASE_URL".to_owned(), database.clone()),
            ("BASE_URL".to_owned(), base),
            ("OIDC_ISSUER_URL".to_owned(), idp.issuer.clone()),
            ("OIDC_CLIENT_ID".to_owned(), "doctor-client".to_owned()),
            ("OIDC_CLIENT_SECRET".to_owned(), secret.to_owned()),
            ("OIDC_SCOPES".to_owned(), "portal".to_owned()),
            ("REDIS_URL".to_owned(), "redis://127.0.0.1:6379".to_owned()),
        ]
    };
    let run = |env: Vec<(String, String)>| async move {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        doctor(&env).await
    };
    let (ok, lines) = run(env("doctor-secret", base_url.clone())).await;
    assert!(ok, "{lines:#?}");
    for check in [
        "provider discovery",
        "issuer",
        "signing keys",
        "scopes",
        "authorization request",
        "client credentials",
        "sign-out",
        "Redis",
    ] {
        assert!(line(&lines, check).starts_with("ok "), "{lines:#?}");
    }

    let (ok, lines) = run(env("wrong-secret", base_url.clone())).await;
    assert!(!ok);
    assert!(
        line(&lines, "client credentials").starts_with("FAULT"),
        "{lines:#?}"
    );

    let unregistered = format!("http://127.0.0.1:{}", free_port());
    let (ok, lines) = run(env("doctor-secret", unregistered.clone())).await;
    assert!(!ok);
    let fault = line(&lines, "authorization request");
    assert!(
        fault.starts_with("FAULT") && fault.contains(&format!("{unregistered}/auth/callback")),
        "{fault}"
    );
}

/// `SSL_CERT_FILE` replaces the system's trust store and `OIDC_CA_FILE` adds to it; without
/// either, doctor says the provider's certificate is not trusted and how to fix it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_honours_ssl_cert_file_and_oidc_ca_file() {
    let ca = PrivateCa::new();
    let (issuer, _rogue) = rogue_behind_tls(&ca, Mode::Good).await;
    let ca_file = ca.write_ca_file();
    let database = fresh_database(Backend::Sqlite);
    let env = [
        ("DATABASE_URL", database.as_str()),
        ("OIDC_ISSUER_URL", issuer.as_str()),
        ("OIDC_CLIENT_ID", "rogue-client"),
        ("OIDC_CLIENT_SECRET", "rogue-secret"),
    ];
    let (ok, lines) = doctor(&env).await;
    assert!(!ok);
    let fault = line(&lines, "provider discovery");
    assert!(
        fault.starts_with("FAULT")
            && fault.contains("certificate")
            && fault.contains("OIDC_CA_FILE"),
        "{fault}"
    );
    for extra in [
        ("SSL_CERT_FILE", ca_file.as_str()),
        ("OIDC_CA_FILE", ca_file.as_str()),
    ] {
        let mut with = env.to_vec();
        with.push(extra);
        let (_, lines) = doctor(&with).await;
        assert!(
            line(&lines, "provider discovery").starts_with("ok "),
            "{extra:?}: {lines:#?}"
        );
        assert!(line(&lines, "issuer").starts_with("ok "), "{lines:#?}");
        assert!(line(&lines, "TLS trust").starts_with("ok "), "{lines:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// multipartner backup.

/// A backup taken while the portal writes restores into a portal that reads it back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_while_running_then_restore_and_read() {
    let app = spawn_app(Backend::Sqlite).await;
    let anna = app.signed_in("anna@fabrikam").await;
    // Something to find after the restore.
    let invitation_id = {
        let mut conn = app.conn();
        let ctx = crate::common::ctx_for(&mut conn, "anna@fabrikam");
        multipartner::flows::invitations::create(
            &mut conn,
            &ctx,
            &crate::common::invitation_request(multipartner::policy::RequestedAccess::Reseller),
            multipartner::db::now(),
        )
        .unwrap()
        .invitation
        .id
    };
    // Grace's account exists before the backup: her sign-ins during it only add audit events.
    app.signed_in("grace@contoso").await;
    let events_before = app.count("audit_events");

    // Writes (sign-ins are audited) while the backup runs.
    let writer = {
        let base = app.base.clone();
        tokio::spawn(async move {
            for _ in 0..10 {
                Browser::new(&base)
                    .sign_in_demo("grace@contoso", None)
                    .await;
            }
        })
    };
    let dir = std::env::temp_dir().join("multipartner-tests");
    let copy = dir.join(format!("{}.db", crate::common::unique_name("backup")));
    let run = |target: &std::path::Path, url: &str| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_multipartner"))
            .arg("backup")
            .arg(target)
            .env_clear()
            .env("DATABASE_URL", url)
            .env("RUST_LOG", "error")
            .output()
    };
    let output = run(&copy, &app.database_url).await.unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("integrity check ok"), "{stdout}");
    writer.await.unwrap();

    // Restore: a portal on the copy.
    let restored = spawn_app_with(
        AppOptions::new(Backend::Sqlite).database(&format!("sqlite://{}", copy.display())),
    )
    .await;
    for table in [
        "tenants",
        "users",
        "invitations",
        "relationships",
        "subscriptions",
    ] {
        assert_eq!(restored.count(table), app.count(table), "{table}");
    }
    let events = restored.count("audit_events");
    assert!(events >= events_before && events <= app.count("audit_events"));
    let page = restored
        .signed_in("anna@fabrikam")
        .await
        .get(&format!("/partner/invitations/{invitation_id}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    drop(anna);

    // It never overwrites, and PostgreSQL has pg_dump.
    let again = run(&copy, &app.database_url).await.unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let pg = run(
        &dir.join("never.db"),
        "postgres://postgres@127.0.0.1:5432/postgres",
    )
    .await
    .unwrap();
    assert!(!pg.status.success());
    assert!(String::from_utf8_lossy(&pg.stderr).contains("pg_dump"));
}

/// Whether the database has a table of this name (a query on a missing table fails).
fn has_table(app: &TestApp, table: &str) -> bool {
    use diesel::RunQueryDsl;
    let mut conn = app.conn();
    diesel::sql_query(format!("SELECT 1 FROM {table} LIMIT 1"))
        .execute(&mut *conn as &mut multipartner::db::DbConnection)
        .is_ok()
}

/// Benchmark fixtures stay out of the product's schema: the migrations make no `fortunes`
/// table, and `BENCH_ROUTES=true` creates its own at start (again harmlessly at a restart) and
/// serves its 12 rows plus the one added at request time, escaped.
async fn the_benchmark_brings_its_own_fixture(backend: Backend) {
    let product = spawn_app(backend).await;
    assert!(has_table(&product, "tenants"), "the check sees real tables");
    assert!(
        !has_table(&product, "fortunes"),
        "the product's migrations created the benchmark's table"
    );
    let bench = spawn_app_with(AppOptions::new(backend).env("BENCH_ROUTES", "true")).await;
    let restarted = spawn_app_with(
        AppOptions::new(backend)
            .database(&bench.database_url)
            .env("BENCH_ROUTES", "true"),
    )
    .await;
    for app in [&bench, &restarted] {
        let page = app.browser().get("/bench/fortunes").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.body.matches("<tr>").count(), 1 + 13, "{}", page.body);
        assert!(page.body.contains("alert(") && !page.body.contains("<script>"));
        assert!(page.body.contains("フレームワークのベンチマーク"));
    }
    assert_eq!(
        product.browser().get("/bench/fortunes").await.status,
        StatusCode::NOT_FOUND
    );
}
both_backends!(the_benchmark_brings_its_own_fixture);
