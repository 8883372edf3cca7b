//! The production topology in the suite: nginx in front of two portal instances that share one
//! PostgreSQL database and Redis, signing in through the real `oidc-provider`. The invitation
//! story runs through the proxy with each step pinned to an instance: sign in on one, accept
//! on the other, sign out everywhere (both instances and the provider).
//!
//! Rate limits are counted per real client (nginx's `X-Forwarded-For`, trusted through
//! `TRUSTED_PROXIES`) across both instances, through Redis.
//!
//! Extending it: give both instances a setting in [`Topology::start_with`], and make clients
//! with distinct source addresses through [`Topology::browser`] (any 127.0.0.0/8 address works
//! on Linux); nginx puts that address in `X-Forwarded-For`.

use std::sync::Arc;

use reqwest::StatusCode;

use crate::common::{AppOptions, Backend, Browser, TestApp, fresh_database, test_idp};
use crate::nginx::{Nginx, PIN_HEADER};

const SECRET: &str = "dGVzdC1zZXNzaW9uLXNlY3JldC10aGF0LWlzLWxvbmctZW5vdWdoLWZvci1zaWduaW5nLWFuZC1lbmNyeXB0aW9uLW9mLWNvb2tpZXM=";

pub struct Topology {
    pub a: TestApp,
    pub b: TestApp,
    pub nginx: Nginx,
    /// The public origin: nginx's.
    pub public: String,
}

/// One person's browser: one cookie jar and source address, with a view pinned to each
/// instance (or balanced by nginx).
pub struct Person {
    pub on_a: Browser,
    pub on_b: Browser,
    pub balanced: Browser,
}

fn port_of(app: &TestApp) -> u16 {
    app.base.rsplit(':').next().unwrap().parse().unwrap()
}

impl Topology {
    pub async fn start() -> Topology {
        Self::start_with(&[]).await
    }

    /// Two instances over one fresh PostgreSQL database and Redis, `env` added to both, and
    /// nginx in front. The public base URL (nginx's) is their `BASE_URL`.
    pub async fn start_with(env: &[(&str, &str)]) -> Topology {
        let spot = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let public_port = spot.local_addr().unwrap().port();
        drop(spot);
        let public = format!("http://127.0.0.1:{public_port}");
        let database = fresh_database(Backend::Postgres);
        let idp = test_idp();
        let client_id = format!("portal-scale-out-{public_port}");
        idp.register_client(&client_id, "test-secret", &public)
            .await;
        let options = || {
            let mut options = AppOptions::new(Backend::Postgres)
                .database(&database)
                .env("BASE_URL", &public)
                .env("REDIS_URL", "redis://127.0.0.1:6379")
                .env("SESSION_SECRET", SECRET)
                .env("OIDC_ISSUER_URL", &idp.issuer)
                .env("OIDC_CLIENT_ID", &client_id)
                .env("OIDC_CLIENT_SECRET", "test-secret")
                .env("OIDC_SCOPES", "portal")
                // nginx connects from loopback; its X-Forwarded-For names the client.
                .env("TRUSTED_PROXIES", "127.0.0.1/32");
            for (k, v) in env {
                options = options.env(k, v);
            }
            options
        };
        let a = crate::common::spawn_app_with(options()).await;
        let b = crate::common::spawn_app_with(options()).await;
        let nginx = Nginx::start_on(public_port, &[("a", port_of(&a)), ("b", port_of(&b))]);
        Topology {
            a,
            b,
            nginx,
            public,
        }
    }

    /// A person browsing from `source` (a loopback address such as 127.0.0.2).
    pub fn browser(&self, source: std::net::IpAddr) -> Person {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let view = |pin: Option<&str>| {
            let jar = jar.clone();
            Browser::with(&self.public, move |b| {
                let mut headers = reqwest::header::HeaderMap::new();
                if let Some(pin) = pin {
                    headers.insert(PIN_HEADER, pin.parse().unwrap());
                }
                b.cookie_provider(jar)
                    .local_address(source)
                    .default_headers(headers)
            })
        };
        Person {
            on_a: view(Some("a")),
            on_b: view(Some("b")),
            balanced: view(None),
        }
    }
}

/// How many requests to `route` with `status` the instance has served (from its `/metrics`).
async fn served(app: &TestApp, method: &str, route: &str, status: u16) -> u64 {
    let metrics = reqwest::get(format!("{}/metrics", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let series = format!(
        "http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} "
    );
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(&series))
        .map(|n| n.trim().parse().unwrap())
        .unwrap_or(0)
}

/// The invitation story through nginx: Anna signs in on A and invites on B; Grace signs in on
/// A and accepts on B; the database both share has the relationship, recorded with Grace's
/// real address; signing out on one instance signs out of both and of the provider.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitation_story_through_nginx_and_two_instances() {
    let t = Topology::start().await;
    let anna = t.browser([127, 0, 0, 1].into());
    let grace = t.browser([127, 0, 0, 2].into());

    // Anna: sign in on A, invite on B.
    let (_, answer) = anna.on_a.sign_in_test_idp("anna@fabrikam", |u| u).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(served(&t.a, "GET", "/auth/callback", 303).await, 1);
    assert_eq!(served(&t.b, "GET", "/auth/callback", 303).await, 0);
    let form = anna.on_b.get("/partner/invitations/new").await;
    assert_eq!(
        form.status,
        StatusCode::OK,
        "B knows Anna's session: {}",
        form.body
    );
    let created = anna
        .on_b
        .post_form(
            "/partner/invitations",
            &[("csrf_token", &form.csrf()), ("access", "reseller")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let link = created.text_of("invitation-link").expect("the link");
    assert!(
        link.starts_with(&format!("{}/invitations/", t.public)),
        "links name the public origin: {link}"
    );

    // Grace: sign in on A, open the link on A, accept on B.
    let (_, answer) = grace.on_a.sign_in_test_idp("grace@contoso", |u| u).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let page = grace.on_a.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let accepted = grace
        .on_b
        .post_form(
            &format!("{link}/accept"),
            &[("csrf_token", &page.csrf()), ("authorise", "yes")],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert!(
        accepted
            .location()
            .unwrap_or_default()
            .starts_with("/customer/partners/")
    );
    assert_eq!(
        served(&t.b, "POST", "/invitations/{token}/accept", 303).await,
        1
    );
    assert_eq!(
        served(&t.a, "POST", "/invitations/{token}/accept", 303).await,
        0
    );

    // One database: the relationship is there for both, recorded with Grace's own address.
    assert_eq!(
        t.a.count(
            "relationships r JOIN tenants c ON c.id = r.customer_tenant_id \
             JOIN tenants p ON p.id = r.partner_tenant_id \
             WHERE c.external_id = 't-contoso' AND p.external_id = 't-fabrikam' AND r.state = 'active'"
        ),
        1
    );
    assert_eq!(
        t.b.count(
            "audit_events WHERE action = 'invitation.accept' AND outcome = 'success' \
             AND client_addr = '127.0.0.2'"
        ),
        1,
        "the acceptance is recorded with the client's address from X-Forwarded-For"
    );
    let partners = grace.balanced.get("/customer/partners").await;
    assert!(partners.body.contains("Fabrikam") && partners.body.contains("Northwind"));

    // Sign out on B: gone on A and B, and at the provider.
    let csrf = grace.on_b.csrf().await;
    let out = grace
        .on_b
        .post_form("/auth/signout", &[("csrf_token", &csrf)])
        .await;
    let end_session = out
        .location()
        .expect("to the provider's end_session_endpoint");
    assert!(end_session.starts_with(&test_idp().issuer), "{end_session}");
    let confirm = grace.on_a.get(&end_session).await;
    let mut form = crate::common::hidden_inputs(&confirm.body);
    form.push(("logout".into(), "yes".into()));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let back = grace
        .on_a
        .post_form(&format!("{}/session/end/confirm", test_idp().issuer), &form)
        .await;
    assert_eq!(
        back.location().as_deref(),
        Some(format!("{}/", t.public).as_str())
    );
    for (name, view) in [("A", &grace.on_a), ("B", &grace.on_b)] {
        assert!(
            view.get("/").await.text_of("user-name").is_none(),
            "Grace still signed in on {name}"
        );
    }
    let (url, page) = grace
        .balanced
        .follow("/auth/signin", |u| u.contains("/auth/callback"))
        .await;
    assert!(
        !url.contains("/auth/callback") && page.body.contains("login-form"),
        "the provider still knew Grace: {url}"
    );
    // Anna is still signed in on both: one person's sign-out is nobody else's.
    assert!(anna.on_a.get("/").await.text_of("user-name").is_some());
    assert!(
        !t.nginx.access_log().is_empty(),
        "every request went through nginx"
    );
}

/// Issue 12, finding 2, on two instances without Redis: sessions live in the database both
/// share, so a session made on A works on B, and a copy of the cookie saved before signing out
/// on A is refused on B at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_on_one_instance_ends_the_database_session_on_the_other() {
    // An empty REDIS_URL is no Redis: the default database store.
    let t = Topology::start_with(&[("REDIS_URL", "")]).await;
    let grace = t.browser([127, 0, 0, 3].into());
    let (_, answer) = grace.on_a.sign_in_test_idp("grace@contoso", |u| u).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let on_b = grace.on_b.get("/customer/partners").await;
    assert_eq!(
        on_b.status,
        StatusCode::OK,
        "B knows the session: {}",
        on_b.body
    );
    assert_eq!(
        t.a.count("sessions s JOIN users u ON u.id = s.user_id WHERE u.login = 'grace@contoso'"),
        1
    );
    // A copy of the cookie and a CSRF token, saved before signing out.
    let cookie = grace.on_b.get("/").await.session_cookie().expect("cookie");
    let csrf = grace.on_a.csrf().await;
    let replay_on_b = || async {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(format!("{}/customer/partners", t.public))
            .header(crate::nginx::PIN_HEADER, "b")
            .header("Cookie", format!("mp_session={cookie}"))
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(
        replay_on_b().await,
        StatusCode::OK,
        "the copy works while the session lives"
    );

    let out = grace
        .on_a
        .post_form("/auth/signout", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        replay_on_b().await,
        StatusCode::SEE_OTHER,
        "B sends the replayed cookie to sign in"
    );
    assert_eq!(
        t.b.count("sessions s JOIN users u ON u.id = s.user_id WHERE u.login = 'grace@contoso'"),
        0
    );
}

/// Issue 12, finding 2, on two instances without Redis: a session idle past the timeout, and a
/// session whose user's roles changed, are refused on the other instance too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_timeout_and_role_change_end_the_session_on_the_other_instance() {
    let t = Topology::start_with(&[("REDIS_URL", ""), ("SESSION_IDLE_SECONDS", "3")]).await;
    let replay_on_b = |cookie: String| {
        let url = format!("{}/customer/partners", t.public);
        async move {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap()
                .get(url)
                .header(crate::nginx::PIN_HEADER, "b")
                .header("Cookie", format!("mp_session={cookie}"))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let signed_in_on_a = || async {
        let grace = t.browser([127, 0, 0, 4].into());
        let (_, answer) = grace.on_a.sign_in_test_idp("grace@contoso", |u| u).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        grace.on_a.get("/").await.session_cookie().expect("cookie")
    };

    // Idle past the timeout on A: B refuses the copy.
    let cookie = signed_in_on_a().await;
    assert_eq!(
        replay_on_b(cookie.clone()).await,
        StatusCode::OK,
        "B knows it"
    );
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    assert_eq!(
        replay_on_b(cookie).await,
        StatusCode::SEE_OTHER,
        "an idle session is over on B too"
    );

    // A role change (in the users table both share): B refuses the copy at once.
    let cookie = signed_in_on_a().await;
    assert_eq!(replay_on_b(cookie.clone()).await, StatusCode::OK);
    {
        use diesel::prelude::*;
        use multipartner::db::schema::users;
        let mut conn = t.a.conn();
        diesel::update(users::table.filter(users::login.eq("grace@contoso")))
            .set(users::roles.eq("global_admin,user"))
            .execute(&mut *conn as &mut multipartner::db::DbConnection)
            .unwrap();
    }
    assert_eq!(
        replay_on_b(cookie).await,
        StatusCode::SEE_OTHER,
        "a role change ends the session on B too"
    );
}

/// Issue 15, item 3: rate limits through the proxy count the real client (from nginx's
/// `X-Forwarded-For`, trusted because nginx's address is in `TRUSTED_PROXIES`) across both
/// instances: one client alternating between A and B is limited after the bucket's count,
/// not twice it, while a second client, behind the same nginx, is not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_through_nginx_count_each_client_across_both_instances() {
    let t = Topology::start_with(&[("RATE_LIMITS", "signin=4")]).await;
    let first = t.browser([127, 0, 0, 21].into());
    let mut statuses = Vec::new();
    for n in 0..8 {
        let view = if n % 2 == 0 { &first.on_a } else { &first.on_b };
        statuses.push(view.get("/auth/signin").await.status);
    }
    assert_eq!(
        statuses,
        [
            [StatusCode::SEE_OTHER; 4],
            [StatusCode::TOO_MANY_REQUESTS; 4]
        ]
        .concat(),
        "4 sign-ins in all from one client, whichever instance serves them"
    );
    assert_eq!(served(&t.a, "GET", "/auth/signin", 429).await, 2);
    assert_eq!(served(&t.b, "GET", "/auth/signin", 429).await, 2);

    let second = t.browser([127, 0, 0, 22].into());
    for view in [&second.on_b, &second.on_a, &second.balanced] {
        assert_eq!(
            view.get("/auth/signin").await.status,
            StatusCode::SEE_OTHER,
            "another client behind the same proxy has its own count"
        );
    }
}
