//! Sign-in: demo provider, oidc-provider, state/nonce/token validation, redirects, sessions.

use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{AppOptions, Backend, Browser, TestApp, spawn_app, spawn_app_with};
use crate::rogue_idp::{Mode, RogueIdp};

/// Every demo user lands on their role's home with their name and tenant (`seed::demo_world`).
async fn every_demo_user_signs_in_through_the_demo_provider(backend: Backend) {
    let app = spawn_app(backend).await;
    let expected = [
        (
            "admin@operator",
            "Olivia Operator",
            "Multipartner Operations",
            "/admin",
        ),
        (
            "anna@fabrikam",
            "Anna Fabrikam",
            "Fabrikam",
            "/partner/invitations",
        ),
        (
            "sam@fabrikam",
            "Sam Fabrikam",
            "Fabrikam",
            "/partner/invitations",
        ),
        (
            "li@northwind",
            "Li Northwind",
            "Northwind Traders",
            "/partner/customers",
        ),
        (
            "ivan@tailspin",
            "Ivan Tailspin",
            "Tailspin Toys",
            "/partner/customers",
        ),
        (
            "grace@contoso",
            "Grace Contoso",
            "Contoso",
            "/customer/partners",
        ),
        (
            "uma@contoso",
            "Uma Contoso",
            "Contoso",
            "/customer/subscriptions",
        ),
        (
            "wei@adventure",
            "Wei Adventure",
            "Adventure Works",
            "/customer/partners",
        ),
    ];
    for (login, name, tenant, role_link) in expected {
        let browser = app.signed_in(login).await;
        let home = browser.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert_eq!(home.text_of("user-name").as_deref(), Some(name), "{login}");
        assert_eq!(
            home.text_of("user-tenant").as_deref(),
            Some(tenant),
            "{login}"
        );
        assert!(
            home.body.contains(&format!("href=\"{role_link}\"")),
            "{login}'s home should link to {role_link}"
        );
    }
    // Users are keyed by (issuer, subject); signing in again does not duplicate them.
    app.signed_in("grace@contoso").await;
    assert_eq!(app.count("users"), 8);
    assert!(app.count("audit_events") >= 9);
}
both_backends!(every_demo_user_signs_in_through_the_demo_provider);

/// A partner, a customer and an operator sign in through the real oidc-provider package.
async fn sign_in_through_oidc_provider(backend: Backend) {
    let app = spawn_app_with(AppOptions::new(backend).with_test_idp()).await;
    for (login, name, tenant) in [
        ("anna@fabrikam", "Anna Fabrikam", "Fabrikam"),
        ("grace@contoso", "Grace Contoso", "Contoso"),
        (
            "admin@operator",
            "Olivia Operator",
            "Multipartner Operations",
        ),
    ] {
        let browser = app.browser();
        let (_, answer) = browser.sign_in_test_idp(login, |u| u).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "{login}: {}",
            answer.body
        );
        assert_eq!(answer.location().as_deref(), Some("/"));
        let home = browser.get("/").await;
        assert_eq!(home.text_of("user-name").as_deref(), Some(name));
        assert_eq!(home.text_of("user-tenant").as_deref(), Some(tenant));
    }
    // A customer tenant unknown to the portal is created by its Global Administrator.
    let browser = app.browser();
    let (_, answer) = browser.sign_in_test_idp("newadmin@newco", |u| u).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        browser.get("/").await.text_of("user-name").as_deref(),
        Some("Nia Newco")
    );
}
both_backends!(sign_in_through_oidc_provider);

/// The callback refuses a missing, wrong or replayed `state`, and a wrong `nonce`.
async fn callback_rejects_bad_state_and_nonce(backend: Backend) {
    let app = spawn_app_with(AppOptions::new(backend).with_test_idp()).await;
    let users_before = app.count("users");

    // Wrong state: the IdP echoes whatever state it is given.
    let browser = app.browser();
    let (_, answer) = browser
        .sign_in_test_idp("anna@fabrikam", |u| {
            replace_param(&u, "state", "forged-state")
        })
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_signed_out(&browser).await;

    // Missing state.
    let browser = app.browser();
    let (callback, _) = browser.sign_in_test_idp("anna@fabrikam", |u| u).await;
    // (that attempt already signed in; use a fresh browser with a pending sign-in instead)
    let fresh = app.browser();
    fresh.get("/auth/signin").await;
    let without_state = remove_param(&callback, "state");
    let answer = fresh.get(&without_state).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_signed_out(&fresh).await;

    // Replayed: the same callback URL again in the browser that used it.
    let replay = browser.get(&callback).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    // ... and in another browser that has a sign-in of its own pending.
    let other = app.browser();
    other.get("/auth/signin").await;
    assert_eq!(other.get(&callback).await.status, StatusCode::BAD_REQUEST);
    assert_signed_out(&other).await;

    // Wrong nonce: the IdP puts the nonce it was given into the ID token.
    let browser = app.browser();
    let (_, answer) = browser
        .sign_in_test_idp("anna@fabrikam", |u| {
            replace_param(&u, "nonce", "not-the-nonce")
        })
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert_signed_out(&browser).await;

    // Only the one good sign-in created a user; every refusal was audited.
    assert_eq!(app.count("users"), users_before + 1);
    assert!(count_where(&app, "audit_events", "action = 'auth.sign_in_failed'") >= 4);
}
both_backends!(callback_rejects_bad_state_and_nonce);

/// ID tokens signed by another key, for another audience, from another issuer, expired, with
/// a wrong nonce or unsigned are all refused; the same provider's good token is accepted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callback_rejects_bad_id_tokens() {
    let cases = [
        (Mode::Good, StatusCode::SEE_OTHER),
        (Mode::SignedByOtherKey, StatusCode::BAD_REQUEST),
        (Mode::WrongAudience, StatusCode::BAD_REQUEST),
        (Mode::WrongIssuer, StatusCode::BAD_REQUEST),
        (Mode::Expired, StatusCode::BAD_REQUEST),
        (Mode::WrongNonce, StatusCode::BAD_REQUEST),
        (Mode::Unsigned, StatusCode::BAD_REQUEST),
    ];
    for (mode, expected) in cases {
        let rogue = RogueIdp::start(mode).await;
        let app = spawn_app_with(
            AppOptions::new(Backend::Sqlite)
                .env("OIDC_ISSUER_URL", &rogue.issuer)
                .env("OIDC_CLIENT_ID", "rogue-client")
                .env("OIDC_CLIENT_SECRET", "rogue-secret"),
        )
        .await;
        let browser = app.browser();
        let start = browser.get("/auth/signin").await;
        let (callback, _) = browser
            .follow(&start.location().unwrap(), |u| u.contains("/auth/callback"))
            .await;
        let answer = browser.get(&callback).await;
        assert_eq!(answer.status, expected, "{mode:?}: {}", answer.body);
        if expected != StatusCode::SEE_OTHER {
            assert_signed_out(&browser).await;
        }
    }
}

/// `next` only ever leads to a same-origin path.
async fn next_parameter_cannot_redirect_off_site(backend: Backend) {
    let app = spawn_app(backend).await;
    for evil in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/%5Cevil.example",
        "javascript:alert(1)",
        "http:evil.example",
    ] {
        let browser = app.browser();
        let landed = browser.sign_in_demo("anna@fabrikam", Some(evil)).await;
        assert!(
            landed.starts_with('/') && !landed.starts_with("//") && !landed.contains('\\'),
            "{evil:?} led to {landed:?}"
        );
        if evil.contains("%5C") {
            // Percent-encoded, so it stays a harmless path on this site.
            assert!(landed.starts_with("/%5C"), "{landed}");
        } else {
            assert_eq!(landed, "/", "{evil:?}");
        }
    }
    let browser = app.browser();
    assert_eq!(
        browser
            .sign_in_demo("anna@fabrikam", Some("/partner/customers?x=1"))
            .await,
        "/partner/customers?x=1"
    );
}
both_backends!(next_parameter_cannot_redirect_off_site);

/// The session cookie changes at sign-in (no fixation), for cookie and Redis sessions, and
/// sign-out ends the session.
async fn session_is_renewed_at_sign_in_and_ended_at_sign_out(backend: Backend) {
    for redis in [false, true] {
        let mut options = AppOptions::new(backend);
        if redis {
            options = options.env("REDIS_URL", "redis://127.0.0.1:6379");
        }
        let app = spawn_app_with(options).await;
        let browser = app.browser();
        let before = browser.get("/auth/signin").await;
        let pre = before
            .session_cookie()
            .expect("a session exists before sign-in");
        let (_, picker) = browser.follow(&before.location().unwrap(), |_| false).await;
        let mut form = crate::common::hidden_inputs(&picker.body);
        form.push(("login".into(), "grace@contoso".into()));
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let posted = browser.post_form("/demo-idp/authorize", &form).await;
        let done = browser.get(&posted.location().unwrap()).await;
        let post = done
            .session_cookie()
            .expect("a session cookie is set at sign-in");
        assert_ne!(
            pre, post,
            "session id must change at sign-in (redis: {redis})"
        );

        // The old session value is worthless: a browser holding only it is not signed in.
        let csrf = browser.csrf().await;
        let out = browser
            .post_form("/auth/signout", &[("csrf_token", &csrf)])
            .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_signed_out(&browser).await;
    }
}
both_backends!(session_is_renewed_at_sign_in_and_ended_at_sign_out);

/// With Redis sessions, sign-out deletes the session server-side: a copy of the cookie taken
/// before sign-out no longer works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_sign_out_invalidates_copies_of_the_cookie() {
    let app =
        spawn_app_with(AppOptions::new(Backend::Sqlite).env("REDIS_URL", "redis://127.0.0.1:6379"))
            .await;
    let browser = app.signed_in("anna@fabrikam").await;
    let home = browser.get("/").await;
    assert!(home.text_of("user-name").is_some());
    let raw = browser.session_cookie().await;
    assert!(
        crate::common::session_cookie_signs_in(&app.base, &raw).await,
        "a copy of the cookie works while the session lives"
    );
    let csrf = browser.csrf().await;
    browser
        .post_form("/auth/signout", &[("csrf_token", &csrf)])
        .await;
    assert!(
        !crate::common::session_cookie_signs_in(&app.base, &raw).await,
        "the old session still works"
    );
}

// ---------------------------------------------------------------------------------------------

async fn assert_signed_out(browser: &crate::common::Browser) {
    let home = browser.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.text_of("user-name").is_none(),
        "expected to be signed out"
    );
}

pub fn replace_param(url: &str, name: &str, value: &str) -> String {
    let mut parsed = reqwest::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            if k == name {
                (k.into_owned(), value.to_owned())
            } else {
                (k.into_owned(), v.into_owned())
            }
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

pub fn remove_param(url: &str, name: &str) -> String {
    let mut parsed = reqwest::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| k != name)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

pub fn count_where(app: &crate::common::TestApp, table: &str, condition: &str) -> i64 {
    app.count(&format!("{table} WHERE {condition}"))
}

// ---------------------------------------------------------------------------------------------
// Server-side sessions by default (issue 12, finding 2).

/// A client that holds only a copy of a session cookie, as a thief (or the same user after
/// signing out) would replay it.
fn replayer() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Declines the invitation `token` with only the saved cookie and the CSRF token the page
/// carried; whether the portal took it (303 to the customer's partners).
async fn replayed_decline_is_taken(base: &str, cookie: &str, token: &str, csrf: &str) -> bool {
    let answer = replayer()
        .post(format!("{base}/invitations/{token}/decline"))
        .header("Cookie", format!("mp_session={cookie}"))
        .form(&[("csrf_token", csrf)])
        .send()
        .await
        .unwrap();
    answer.status() == StatusCode::SEE_OTHER
        && answer
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            == Some("/customer/partners")
}

/// Grace signed in with the invitation page open: her browser, a copy of her session cookie
/// and the CSRF token of the page's decline form.
async fn grace_at_the_invitation(app: &TestApp, token: &str) -> (Browser, String, String) {
    let grace = app.signed_in("grace@contoso").await;
    let page = grace.get(&format!("/invitations/{token}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.csrf();
    let cookie = grace.session_cookie().await;
    assert!(crate::common::session_cookie_signs_in(&app.base, &cookie).await);
    (grace, cookie, csrf)
}

fn sessions_of(app: &TestApp, login: &str) -> i64 {
    app.count(&format!(
        "sessions s JOIN users u ON u.id = s.user_id WHERE u.login = '{login}'"
    ))
}

/// Without Redis, sessions live in the database: a cookie replayed after sign-out, after the
/// idle timeout or after a role change opens nothing, and the CSRF token it carried no longer
/// declines an invitation. The table holds only hashes of the keys. A live session declines
/// (the requests refused were well-formed).
async fn replayed_cookies_are_refused_server_side(backend: Backend) {
    let app = spawn_app_with(
        AppOptions::new(backend)
            .env("SESSION_IDLE_SECONDS", "3")
            .env("SESSION_ABSOLUTE_SECONDS", "600"),
    )
    .await;
    let token = crate::common::reseller_invitation_token(&app, "anna@fabrikam");
    let declined = || app.count("invitations WHERE state = 'declined'");

    // Sign-out deletes the server's record.
    let (grace, cookie, csrf) = grace_at_the_invitation(&app, &token).await;
    assert_eq!(sessions_of(&app, "grace@contoso"), 1);
    assert_eq!(
        app.count(&format!("sessions WHERE state LIKE '%{csrf}%'")),
        1,
        "the state is on the server"
    );
    assert_eq!(
        app.count(&format!("sessions WHERE key_hash = '{cookie}'")),
        0
    );
    let out = grace
        .post_form("/auth/signout", &[("csrf_token", &grace.csrf().await)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(sessions_of(&app, "grace@contoso"), 0);
    assert!(!crate::common::session_cookie_signs_in(&app.base, &cookie).await);
    assert!(!replayed_decline_is_taken(&app.base, &cookie, &token, &csrf).await);
    assert_eq!(declined(), 0);

    // A role change ends the session: directly in the users table...
    let (_grace, cookie, csrf) = grace_at_the_invitation(&app, &token).await;
    {
        use diesel::prelude::*;
        use multipartner::db::schema::users;
        let mut conn = app.conn();
        diesel::update(users::table.filter(users::login.eq("grace@contoso")))
            .set(users::roles.eq("global_admin,user"))
            .execute(&mut *conn as &mut multipartner::db::DbConnection)
            .unwrap();
    }
    assert!(!crate::common::session_cookie_signs_in(&app.base, &cookie).await);
    assert!(!replayed_decline_is_taken(&app.base, &cookie, &token, &csrf).await);
    // ...and through a later sign-in that brings other roles: every session of hers is gone.
    let (_grace, cookie, csrf) = grace_at_the_invitation(&app, &token).await;
    assert_eq!(sessions_of(&app, "grace@contoso"), 1);
    {
        use multipartner::db::models::{NewUser, User};
        let mut conn = app.conn();
        let demo = multipartner::seed::demo_world::user("grace@contoso").unwrap();
        let tenant = crate::common::tenant_id(&mut conn, demo.tenant_external_id);
        let issuer: String = {
            use diesel::prelude::*;
            use multipartner::db::schema::users;
            users::table
                .filter(users::login.eq("grace@contoso"))
                .select(users::issuer)
                .first(&mut *conn as &mut multipartner::db::DbConnection)
                .unwrap()
        };
        User::upsert_at_sign_in(
            &mut conn,
            &NewUser {
                tenant_id: tenant,
                issuer: &issuer,
                subject: demo.subject,
                login: demo.login,
                display_name: demo.name,
                roles: "user",
                created_at: multipartner::db::now(),
                last_sign_in_at: Some(multipartner::db::now()),
            },
        )
        .unwrap();
    }
    assert_eq!(
        sessions_of(&app, "grace@contoso"),
        0,
        "new roles at sign-in end the user's sessions"
    );
    assert!(!crate::common::session_cookie_signs_in(&app.base, &cookie).await);
    assert!(!replayed_decline_is_taken(&app.base, &cookie, &token, &csrf).await);
    assert_eq!(declined(), 0);

    // The idle timeout, on the server: used, the session lives; left idle, it is gone.
    let (_grace, cookie, csrf) = grace_at_the_invitation(&app, &token).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(crate::common::session_cookie_signs_in(&app.base, &cookie).await);
    tokio::time::sleep(std::time::Duration::from_millis(2000)).await;
    assert!(
        crate::common::session_cookie_signs_in(&app.base, &cookie).await,
        "used 2 s ago with a 3 s idle timeout: alive"
    );
    tokio::time::sleep(std::time::Duration::from_millis(3500)).await;
    assert!(!crate::common::session_cookie_signs_in(&app.base, &cookie).await);
    assert!(!replayed_decline_is_taken(&app.base, &cookie, &token, &csrf).await);
    assert_eq!(declined(), 0);

    // A live session declines with the same kind of request.
    let (_grace, cookie, csrf) = grace_at_the_invitation(&app, &token).await;
    assert!(replayed_decline_is_taken(&app.base, &cookie, &token, &csrf).await);
    assert_eq!(declined(), 1);
}
both_backends!(replayed_cookies_are_refused_server_side);

/// Expired rows are purged, and only those.
async fn expired_sessions_are_purged(backend: Backend) {
    use multipartner::db::models::session::{NewSessionRow, SessionRow};
    let pool = crate::common::seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let now = multipartner::db::now();
    for (hash, expires_at) in [
        ("a".repeat(64), now - chrono::Duration::seconds(1)),
        ("b".repeat(64), now + chrono::Duration::seconds(60)),
    ] {
        SessionRow::insert(
            &mut conn,
            &NewSessionRow {
                key_hash: &hash,
                user_id: None,
                state: "{}",
                expires_at,
                created_at: now,
            },
        )
        .unwrap();
    }
    assert!(
        SessionRow::find_live(&mut conn, &"a".repeat(64), now)
            .unwrap()
            .is_none()
    );
    assert!(
        SessionRow::find_live(&mut conn, &"b".repeat(64), now)
            .unwrap()
            .is_some()
    );
    assert_eq!(SessionRow::purge_expired(&mut conn, now).unwrap(), 1);
    assert_eq!(SessionRow::purge_expired(&mut conn, now).unwrap(), 0);
    assert!(
        SessionRow::find_live(&mut conn, &"b".repeat(64), now)
            .unwrap()
            .is_some()
    );
}
both_backends!(expired_sessions_are_purged);
