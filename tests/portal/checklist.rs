//! The security checklist, table-driven over every route of the route contract (DESIGN.md §3):
//! unauthenticated access, wrong role, another tenant's ids, missing CSRF token, security
//! headers, `Cache-Control: no-store`, and that no GET changes the database.

use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{Backend, Browser, Page, TestApp, ctx_for, spawn_app, tenant_id};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Method {
    Get,
    Post,
}

/// One route: who owns it, who may use it, and a foreign id for the cross-tenant check.
struct Route {
    method: Method,
    /// Path for the owner (ids of the owner's objects).
    path: String,
    /// Users allowed (2xx/3xx expected).
    allowed: &'static [&'static str],
    /// Users of the right role who must see 404 for this path (another tenant's object).
    foreign: &'static [&'static str],
}

fn route(
    method: Method,
    path: impl Into<String>,
    allowed: &'static [&'static str],
    foreign: &'static [&'static str],
) -> Route {
    Route {
        method,
        path: path.into(),
        allowed,
        foreign,
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
    use Method::*;
    let routes = vec![
        route(
            Get,
            "/partner/customers",
            &[
                "anna@fabrikam",
                "sam@fabrikam",
                "li@northwind",
                "ivan@tailspin",
            ],
            &[],
        ),
        route(
            Get,
            format!("/partner/customers/{contoso}"),
            &["li@northwind"],
            &["anna@fabrikam", "ivan@tailspin"],
        ),
        route(
            Post,
            format!("/partner/customers/{contoso}/subscriptions"),
            &["li@northwind"],
            &["anna@fabrikam", "ivan@tailspin"],
        ),
        route(
            Get,
            "/partner/invitations",
            &[
                "anna@fabrikam",
                "sam@fabrikam",
                "li@northwind",
                "ivan@tailspin",
            ],
            &[],
        ),
        route(
            Get,
            "/partner/invitations/new",
            &[
                "anna@fabrikam",
                "sam@fabrikam",
                "li@northwind",
                "ivan@tailspin",
            ],
            &[],
        ),
        route(
            Get,
            format!("/partner/invitations/{anna_invitation}"),
            &["anna@fabrikam", "sam@fabrikam"],
            &["li@northwind", "ivan@tailspin"],
        ),
        route(
            Get,
            format!("/partner/invitations/{anna_invitation}/revoke"),
            // A sales agent revokes only their own invitations: sam is refused anna's.
            &["anna@fabrikam"],
            &["li@northwind", "ivan@tailspin"],
        ),
        route(
            Get,
            "/customer/partners",
            &["grace@contoso", "uma@contoso", "wei@adventure"],
            &[],
        ),
        route(
            Get,
            format!("/customer/partners/{northwind}"),
            &["grace@contoso", "uma@contoso"],
            &["wei@adventure"],
        ),
        route(
            Get,
            format!("/customer/partners/{northwind}/end"),
            &["grace@contoso"],
            &["wei@adventure"],
        ),
        route(
            Get,
            format!("/customer/partners/{northwind}/admin-access/remove"),
            &["grace@contoso"],
            &["wei@adventure"],
        ),
        route(
            Get,
            format!("/customer/partners/{tailspin}"),
            &[],
            &["grace@contoso", "wei@adventure"],
        ),
        route(
            Get,
            "/customer/subscriptions",
            &["grace@contoso", "uma@contoso", "wei@adventure"],
            &[],
        ),
        route(
            Get,
            format!("/invitations/{token}"),
            &["grace@contoso", "wei@adventure"],
            &[],
        ),
        route(Get, "/admin", &["admin@operator"], &[]),
        route(Get, "/admin/customers", &["admin@operator"], &[]),
        route(Get, "/admin/relationships", &["admin@operator"], &[]),
        route(Get, "/admin/invitations", &["admin@operator"], &[]),
        route(Get, "/admin/audit", &["admin@operator"], &[]),
        route(Get, "/admin/relationships.csv", &["admin@operator"], &[]),
    ];
    // Unsafe routes: refused without a CSRF token, whoever asks; the state-changing ones are
    // exercised with tokens by the flow tests.
    let posts = vec![
        "/auth/signout".to_owned(),
        "/lang".to_owned(),
        "/partner/invitations".to_owned(),
        format!("/partner/invitations/{anna_invitation}/revoke"),
        format!("/partner/customers/{contoso}/subscriptions"),
        format!("/customer/partners/{northwind}/end"),
        format!("/customer/partners/{northwind}/admin-access/remove"),
        format!("/invitations/{token}/accept"),
        format!("/invitations/{token}/decline"),
    ];

    let before = snapshot(&app);
    let anonymous = app.browser();
    let mut checked = 0;
    for r in routes.iter().filter(|r| r.method == Get) {
        // Unauthenticated: sign in first.
        let page = anonymous.get(&r.path).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "anonymous GET {}",
            r.path
        );
        assert!(
            page.location()
                .unwrap_or_default()
                .starts_with("/auth/signin?next="),
            "anonymous GET {}",
            r.path
        );
        for login in EVERYONE {
            let page = browser_of(login).get(&r.path).await;
            let what = format!("{login} GET {}", r.path);
            check_headers(&page, &what);
            if r.allowed.contains(login) {
                assert!(page.status.is_success(), "{what}: {}", page.status);
            } else if r.foreign.contains(login) {
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

    for path in &posts {
        for login in EVERYONE {
            let page = request(browser_of(login), Post, path, None).await;
            assert_eq!(
                page.status,
                StatusCode::FORBIDDEN,
                "{login} POST {path} without a CSRF token"
            );
            check_headers(&page, &format!("{login} POST {path}"));
            checked += 1;
        }
        let page = request(&anonymous, Post, path, None).await;
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
            format!("/customer/partners/{northwind}/admin-access/remove"),
            &["uma@contoso", "wei@adventure", "anna@fabrikam"][..],
        ),
        (
            format!("/partner/invitations/{anna_invitation}/revoke"),
            &["li@northwind", "grace@contoso", "sam@fabrikam"][..],
        ),
    ] {
        for login in refused {
            let browser = browser_of(login);
            let csrf = browser.csrf().await;
            let page = request(browser, Post, &path, Some(&csrf)).await;
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
