//! The security checklist, table-driven over every mounted route (the router's own table,
//! `web::routes::table`, must match this one): unauthenticated access, wrong role, another
//! tenant's ids, missing CSRF token, security headers, `Cache-Control: no-store`, that no GET
//! changes the database, and each route's rate-limit bucket, also under percent-encoded
//! spellings of its path.

use std::sync::Arc;

use multipartner::config::Bucket;
use multipartner::web::routes::{Optional, table};
use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{
    AppOptions, Backend, Browser, Page, TestApp, ctx_for, spawn_app, spawn_app_with, tenant_id,
};
use crate::limits::{browser_from, spellings};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Method {
    Get,
    Post,
}

/// What the checklist checks of a route.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A signed-in page: who may see it, and who must get 404 (another tenant's object).
    Page {
        /// Users allowed (2xx/3xx expected).
        allowed: &'static [&'static str],
        /// Users of the right role who must see 404 for this path.
        foreign: &'static [&'static str],
    },
    /// An unsafe request: refused without a CSRF token, whoever asks (the flow tests exercise
    /// it with tokens).
    Unsafe,
    /// Open to anyone, for the reason given (sign-in, health, the demo provider's protocol).
    Public(&'static str),
}

/// One route: its router pattern, a path that reaches it, what is checked, and its bucket.
struct Route {
    method: Method,
    pattern: &'static str,
    /// Path for the owner (ids of the owner's objects).
    path: String,
    kind: Kind,
    /// The rate limit it counts against (the checklist's bucket column).
    bucket: Option<Bucket>,
}

fn route(
    method: Method,
    pattern: &'static str,
    path: impl Into<String>,
    allowed: &'static [&'static str],
    foreign: &'static [&'static str],
) -> Route {
    Route {
        method,
        pattern,
        path: path.into(),
        kind: Kind::Page { allowed, foreign },
        bucket: None,
    }
}

fn post(pattern: &'static str, path: impl Into<String>) -> Route {
    Route {
        method: Method::Post,
        pattern,
        path: path.into(),
        kind: Kind::Unsafe,
        bucket: None,
    }
}

fn public(method: Method, pattern: &'static str, why: &'static str) -> Route {
    Route {
        method,
        pattern,
        path: pattern.to_owned(),
        kind: Kind::Public(why),
        bucket: None,
    }
}

impl Route {
    fn limited(mut self, bucket: Bucket) -> Route {
        self.bucket = Some(bucket);
        self
    }
}

/// The ids the checklist's paths point at.
struct Ids {
    contoso: i64,
    northwind: i64,
    tailspin: i64,
    anna_invitation: i64,
    token: String,
}

/// The checklist: every mounted route, the optional ones (demo provider, benchmark) included.
fn checklist(ids: &Ids) -> Vec<Route> {
    use Method::*;
    let Ids {
        contoso,
        northwind,
        tailspin,
        anna_invitation,
        token,
    } = ids;
    const PARTNERS: &[&str] = &[
        "anna@fabrikam",
        "sam@fabrikam",
        "li@northwind",
        "ivan@tailspin",
    ];
    const CUSTOMERS: &[&str] = &["grace@contoso", "uma@contoso", "wei@adventure"];
    const OPERATOR: &[&str] = &["admin@operator"];
    let link = Bucket::InvitationLink;
    vec![
        public(Get, "/", "the home page, signed in or not"),
        public(Get, "/auth/signin", "starts a sign-in").limited(Bucket::SignIn),
        public(Get, "/auth/callback", "ends a sign-in").limited(Bucket::Callback),
        public(Get, "/healthz", "liveness, no data"),
        public(Get, "/readyz", "readiness, no data"),
        public(Get, "/metrics", "scraped by monitoring"),
        public(
            Get,
            "/demo-idp/.well-known/openid-configuration",
            "demo provider",
        ),
        public(Get, "/demo-idp/authorize", "demo provider's user picker"),
        public(Post, "/demo-idp/authorize", "demo provider's user picker"),
        public(Post, "/demo-idp/token", "demo provider, client credentials"),
        public(Get, "/demo-idp/userinfo", "demo provider, bearer token"),
        public(Get, "/demo-idp/jwks", "demo provider's keys"),
        public(Get, "/demo-idp/logout", "demo provider's sign-out"),
        public(Get, "/bench/fortunes", "benchmark only (BENCH_ROUTES)"),
        route(
            Get,
            "/partner/customers",
            "/partner/customers",
            PARTNERS,
            &[],
        ),
        route(
            Get,
            "/partner/customers/{id}",
            format!("/partner/customers/{contoso}"),
            &["li@northwind"],
            &["anna@fabrikam", "ivan@tailspin"],
        ),
        // Admin agents only: sam (sales) and the helpdesk are refused; Fabrikam and Tailspin
        // have no relationship with Contoso.
        route(
            Get,
            "/partner/customers/{id}/admin-access/terminate",
            format!("/partner/customers/{contoso}/admin-access/terminate"),
            &["li@northwind"],
            &["anna@fabrikam", "ivan@tailspin"],
        ),
        route(
            Get,
            "/partner/customers/{id}/end",
            format!("/partner/customers/{contoso}/end"),
            &["li@northwind"],
            &["anna@fabrikam", "ivan@tailspin"],
        ),
        route(
            Get,
            "/partner/invitations",
            "/partner/invitations",
            PARTNERS,
            &[],
        ),
        route(
            Get,
            "/partner/invitations/new",
            "/partner/invitations/new",
            PARTNERS,
            &[],
        ),
        route(
            Get,
            "/partner/invitations/{id}",
            format!("/partner/invitations/{anna_invitation}"),
            &["anna@fabrikam", "sam@fabrikam"],
            &["li@northwind", "ivan@tailspin"],
        ),
        route(
            Get,
            "/partner/invitations/{id}/revoke",
            format!("/partner/invitations/{anna_invitation}/revoke"),
            // A sales agent revokes only their own invitations: sam is refused anna's.
            &["anna@fabrikam"],
            &["li@northwind", "ivan@tailspin"],
        ),
        route(
            Get,
            "/partner/invitations/{id}/reissue",
            format!("/partner/invitations/{anna_invitation}/reissue"),
            // As for revoking: the creator, or an admin agent.
            &["anna@fabrikam"],
            &["li@northwind", "ivan@tailspin"],
        ),
        route(
            Get,
            "/customer/partners",
            "/customer/partners",
            CUSTOMERS,
            &[],
        ),
        route(
            Get,
            "/customer/partners/{id}",
            format!("/customer/partners/{northwind}"),
            &["grace@contoso", "uma@contoso"],
            &["wei@adventure"],
        ),
        route(
            Get,
            "/customer/partners/{id}/end",
            format!("/customer/partners/{northwind}/end"),
            &["grace@contoso"],
            &["wei@adventure"],
        ),
        route(
            Get,
            "/customer/partners/{id}/admin-access/remove",
            format!("/customer/partners/{northwind}/admin-access/remove"),
            &["grace@contoso"],
            &["wei@adventure"],
        ),
        route(
            Get,
            "/customer/partners/{id}",
            format!("/customer/partners/{tailspin}"),
            &[],
            &["grace@contoso", "wei@adventure"],
        ),
        route(
            Get,
            "/customer/subscriptions",
            "/customer/subscriptions",
            CUSTOMERS,
            &[],
        ),
        route(
            Get,
            "/invitations/{token}",
            format!("/invitations/{token}"),
            &["grace@contoso", "wei@adventure"],
            &[],
        )
        .limited(link),
        route(
            Get,
            "/invitations/{token}/decline",
            format!("/invitations/{token}/decline"),
            &["grace@contoso", "wei@adventure"],
            &[],
        )
        .limited(link),
        route(Get, "/admin", "/admin", OPERATOR, &[]),
        route(Get, "/admin/customers", "/admin/customers", OPERATOR, &[]),
        route(
            Get,
            "/admin/customers.csv",
            "/admin/customers.csv",
            OPERATOR,
            &[],
        ),
        route(
            Get,
            "/admin/relationships",
            "/admin/relationships",
            OPERATOR,
            &[],
        ),
        route(
            Get,
            "/admin/relationships.csv",
            "/admin/relationships.csv",
            OPERATOR,
            &[],
        ),
        route(
            Get,
            "/admin/invitations",
            "/admin/invitations",
            OPERATOR,
            &[],
        ),
        route(
            Get,
            "/admin/invitations.csv",
            "/admin/invitations.csv",
            OPERATOR,
            &[],
        ),
        route(Get, "/admin/audit", "/admin/audit", OPERATOR, &[]),
        route(Get, "/admin/audit.csv", "/admin/audit.csv", OPERATOR, &[]),
        post("/auth/signout", "/auth/signout"),
        post("/lang", "/lang"),
        post("/partner/invitations", "/partner/invitations").limited(Bucket::InvitationCreate),
        post(
            "/partner/invitations/{id}/revoke",
            format!("/partner/invitations/{anna_invitation}/revoke"),
        ),
        post(
            "/partner/invitations/{id}/reissue",
            format!("/partner/invitations/{anna_invitation}/reissue"),
        ),
        post(
            "/partner/customers/{id}/subscriptions",
            format!("/partner/customers/{contoso}/subscriptions"),
        ),
        post(
            "/partner/customers/{id}/admin-access/terminate",
            format!("/partner/customers/{contoso}/admin-access/terminate"),
        ),
        post(
            "/partner/customers/{id}/end",
            format!("/partner/customers/{contoso}/end"),
        ),
        post(
            "/customer/partners/{id}/end",
            format!("/customer/partners/{northwind}/end"),
        ),
        post(
            "/customer/partners/{id}/admin-access/remove",
            format!("/customer/partners/{northwind}/admin-access/remove"),
        ),
        post(
            "/invitations/{token}/accept",
            format!("/invitations/{token}/accept"),
        )
        .limited(link),
        post(
            "/invitations/{token}/decline",
            format!("/invitations/{token}/decline"),
        )
        .limited(link),
    ]
}

fn method_of(m: &actix_web::http::Method) -> Method {
    match m.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        other => panic!("the checklist knows GET and POST, not {other}"),
    }
}

/// Every mounted route is on the checklist with the bucket the router gives it, and the
/// checklist names no route that is not mounted.
#[test]
fn the_checklist_covers_every_mounted_route() {
    let ids = Ids {
        contoso: 1,
        northwind: 2,
        tailspin: 3,
        anna_invitation: 4,
        token: "t".into(),
    };
    let listed = checklist(&ids);
    let mounted = table(Optional {
        demo_idp: true,
        bench: true,
    });
    for m in &mounted {
        let entry = listed
            .iter()
            .find(|r| r.method == method_of(&m.method) && r.pattern == m.pattern)
            .unwrap_or_else(|| {
                panic!(
                    "{} {} is mounted but not on the security checklist",
                    m.method, m.pattern
                )
            });
        assert_eq!(
            entry.bucket, m.bucket,
            "{} {}: the checklist's bucket",
            m.method, m.pattern
        );
    }
    for r in &listed {
        assert!(
            mounted
                .iter()
                .any(|m| method_of(&m.method) == r.method && m.pattern == r.pattern),
            "{:?} {} is on the checklist but not mounted",
            r.method,
            r.pattern
        );
    }
}

const EVERYONE: &[&str] = &[
    "admin@operator",
    "anna@fabrikam",
    "sam@fabrikam",
    "li@northwind",
    "ivan@tailspin",
    "grace@contoso",
    "uma@contoso",
    "wei@adventure",
];

/// Tables whose rows no GET may change (the audit trail may grow: refused access is audited).
const DOMAIN_TABLES: &[&str] = &[
    "tenants",
    "users",
    "invitations",
    "relationships",
    "admin_access",
    "subscriptions",
    "offers",
    "provider_resellers",
];

fn snapshot(app: &TestApp) -> Vec<(String, i64)> {
    DOMAIN_TABLES
        .iter()
        .map(|t| (t.to_string(), app.count(t)))
        .collect()
}

fn check_headers(page: &Page, what: &str) {
    let h = |n: &str| {
        page.headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    assert!(
        h("content-security-policy").contains("frame-ancestors 'none'"),
        "{what}: CSP"
    );
    assert_eq!(h("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(h("referrer-policy"), "no-referrer", "{what}");
    assert_eq!(
        h("cache-control"),
        "no-store",
        "{what}: pages with personal data are not cached"
    );
}

async fn request(browser: &Browser, method: Method, path: &str, csrf: Option<&str>) -> Page {
    match method {
        Method::Get => browser.get(path).await,
        Method::Post => {
            let mut form = vec![("authorise", "on"), ("offer_id", "1"), ("quantity", "1")];
            if let Some(token) = csrf {
                form.push(("csrf_token", token));
            }
            browser.post_form(path, &form).await
        }
    }
}

async fn every_route_passes_the_security_checklist(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut browsers = Vec::new();
    for login in EVERYONE {
        browsers.push((*login, app.signed_in(login).await));
    }
    let browser_of = |login: &str| &browsers.iter().find(|(l, _)| *l == login).unwrap().1;

    // Objects to point at.
    let (contoso, northwind, tailspin, anna_invitation, token) = {
        let mut conn = app.conn();
        let anna = ctx_for(&mut conn, "anna@fabrikam");
        let created = multipartner::flows::invitations::create(
            &mut conn,
            &anna,
            &crate::common::invitation_request(multipartner::policy::RequestedAccess::Reseller),
            multipartner::db::now(),
        )
        .unwrap();
        (
            tenant_id(&mut conn, "t-contoso"),
            tenant_id(&mut conn, "t-northwind"),
            tenant_id(&mut conn, "t-tailspin"),
            created.invitation.id,
            created.token.as_str().to_owned(),
        )
    };
    let ids = Ids {
        contoso,
        northwind,
        tailspin,
        anna_invitation,
        token,
    };
    let listed = checklist(&ids);
    let routes: Vec<(&str, &[&str], &[&str])> = listed
        .iter()
        .filter_map(|r| match (r.method, r.kind) {
            (Method::Get, Kind::Page { allowed, foreign }) => {
                Some((r.path.as_str(), allowed, foreign))
            }
            _ => None,
        })
        .collect();
    // Unsafe routes: refused without a CSRF token, whoever asks.
    let posts: Vec<&String> = listed
        .iter()
        .filter(|r| r.method == Method::Post && !matches!(r.kind, Kind::Public(_)))
        .map(|r| &r.path)
        .collect();

    let before = snapshot(&app);
    let anonymous = app.browser();
    let mut checked = 0;
    for (path, allowed, foreign) in routes {
        // Unauthenticated: sign in first.
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "anonymous GET {path}");
        assert!(
            page.location()
                .unwrap_or_default()
                .starts_with("/auth/signin?next="),
            "anonymous GET {path}"
        );
        for login in EVERYONE {
            let page = browser_of(login).get(path).await;
            let what = format!("{login} GET {path}");
            check_headers(&page, &what);
            if allowed.contains(login) {
                assert!(page.status.is_success(), "{what}: {}", page.status);
            } else if foreign.contains(login) {
                assert_eq!(
                    page.status,
                    StatusCode::NOT_FOUND,
                    "{what}: another tenant's object"
                );
            } else {
                assert!(
                    matches!(page.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                    "{what}: wrong role got {}",
                    page.status
                );
            }
            checked += 1;
        }
    }
    // No GET changed anything.
    assert_eq!(snapshot(&app), before, "a GET changed the database");

    for path in posts {
        for login in EVERYONE {
            let page = request(browser_of(login), Method::Post, path, None).await;
            assert_eq!(
                page.status,
                StatusCode::FORBIDDEN,
                "{login} POST {path} without a CSRF token"
            );
            check_headers(&page, &format!("{login} POST {path}"));
            checked += 1;
        }
        let page = request(&anonymous, Method::Post, path, None).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "anonymous POST {path}");
    }
    assert_eq!(
        snapshot(&app),
        before,
        "a refused POST changed the database"
    );

    // With a valid token, the wrong people are still refused (and nothing changes).
    for (path, refused) in [
        (
            format!("/partner/customers/{contoso}/subscriptions"),
            &["anna@fabrikam", "grace@contoso", "admin@operator"][..],
        ),
        (
            format!("/customer/partners/{northwind}/end"),
            &["uma@contoso", "wei@adventure", "li@northwind"][..],
        ),
        (
            format!("/partner/customers/{contoso}/end"),
            &[
                "anna@fabrikam",
                "sam@fabrikam",
                "ivan@tailspin",
                "grace@contoso",
                "admin@operator",
            ][..],
        ),
        (
            format!("/partner/customers/{contoso}/admin-access/terminate"),
            &[
                "anna@fabrikam",
                "sam@fabrikam",
                "ivan@tailspin",
                "grace@contoso",
                "admin@operator",
            ][..],
        ),
        (
            format!("/customer/partners/{northwind}/admin-access/remove"),
            &["uma@contoso", "wei@adventure", "anna@fabrikam"][..],
        ),
        (
            format!("/partner/invitations/{anna_invitation}/revoke"),
            &["li@northwind", "grace@contoso", "sam@fabrikam"][..],
        ),
        (
            format!("/partner/invitations/{anna_invitation}/reissue"),
            &["li@northwind", "grace@contoso", "sam@fabrikam"][..],
        ),
    ] {
        for login in refused {
            let browser = browser_of(login);
            let csrf = browser.csrf().await;
            let page = request(browser, Method::Post, &path, Some(&csrf)).await;
            assert!(
                matches!(page.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{login} POST {path}: {}",
                page.status
            );
            checked += 1;
        }
    }
    assert_eq!(
        snapshot(&app),
        before,
        "a refused POST changed the database"
    );
    assert!(checked > 200, "{checked}");
}
both_backends!(every_route_passes_the_security_checklist);

/// Each route's bucket, checked by what the router does under every percent-encoded spelling
/// of its path. Every limit allows one request a minute, and each spelling is tried from a
/// fresh client address: after one request through the plain path of the bucket's first
/// route, the spelling must be refused (it counts against that bucket); a route without a
/// bucket must answer a spelling twice without a 429.
async fn each_routes_bucket_holds_under_encoded_spellings(backend: Backend) {
    let app = spawn_app_with(
        AppOptions::new(backend)
            .env(
                "RATE_LIMITS",
                "signin=1,callback=1,invitation=1,create=1,misses=1000",
            )
            .env("BENCH_ROUTES", "true"),
    )
    .await;
    let ids = {
        let mut conn = app.conn();
        let anna = ctx_for(&mut conn, "anna@fabrikam");
        let created = multipartner::flows::invitations::create(
            &mut conn,
            &anna,
            &crate::common::invitation_request(multipartner::policy::RequestedAccess::Reseller),
            multipartner::db::now(),
        )
        .unwrap();
        Ids {
            contoso: tenant_id(&mut conn, "t-contoso"),
            northwind: tenant_id(&mut conn, "t-northwind"),
            tailspin: tenant_id(&mut conn, "t-tailspin"),
            anna_invitation: created.invitation.id,
            token: created.token.as_str().to_owned(),
        }
    };
    let listed = checklist(&ids);
    // One anonymous session, shared by every address, for the CSRF tokens of unsafe requests
    // (the CSRF check runs before any route, so a refused token would prove nothing).
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let home = browser_from(&app, "127.0.2.254", &jar);
    let send = |browser: &Browser, method: Method, path: String| {
        let home = &home;
        let browser = browser.client.clone();
        let base = app.base.clone();
        async move {
            let url = format!("{base}{path}");
            let response = match method {
                Method::Get => browser.get(url).send().await.unwrap(),
                Method::Post => {
                    let csrf = home.csrf().await;
                    browser
                        .post(url)
                        .form(&[("csrf_token", csrf)])
                        .send()
                        .await
                        .unwrap()
                }
            };
            response.status()
        }
    };
    let mut addresses = (0u32..).map(|n| format!("127.0.{}.{}", 3 + n / 250, 1 + n % 250));
    let mut checked = 0;
    for r in &listed {
        let first_of_bucket = r
            .bucket
            .and_then(|b| listed.iter().find(|o| o.bucket == Some(b)));
        for spelled in spellings(&r.path) {
            let client = browser_from(&app, &addresses.next().unwrap(), &jar);
            let what = format!("{:?} {spelled} ({})", r.method, r.pattern);
            match first_of_bucket {
                Some(first) => {
                    let status = send(&client, first.method, first.path.clone()).await;
                    assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{what}: first");
                    let status = send(&client, r.method, spelled.clone()).await;
                    assert_eq!(
                        status,
                        StatusCode::TOO_MANY_REQUESTS,
                        "{what} counts against {:?}",
                        r.bucket
                    );
                }
                None => {
                    for _ in 0..2 {
                        let status = send(&client, r.method, spelled.clone()).await;
                        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{what}: no bucket");
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} spellings");
}
both_backends!(each_routes_bucket_holds_under_encoded_spellings);
