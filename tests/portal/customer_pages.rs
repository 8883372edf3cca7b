//! The customer side over HTTP: opening an invitation link (sign-in first), accepting,
//! declining and every refusal; the customer's partners, removing admin access and ending a
//! relationship; the subscriptions list. Every flow is checked to leave every subscription row
//! exactly as it was, and every refusal to change nothing at all.
//!
//! The partner-side pages are built separately, so invitations are created here through
//! `flows::invitations::create` directly, as the signed-in partner user.

use chrono::TimeDelta;
use diesel::prelude::*;
use multipartner::auth::CurrentUser;
use multipartner::auth::accounts::RequestMeta;
use multipartner::db::models::User;
use multipartner::db::schema::{admin_access, invitations, users};
use multipartner::db::{self, DbConnection};
use multipartner::domain::{CustomerDomain, GdapRole, InvitationToken};
use multipartner::flows::invitations::InvitationRequest;
use multipartner::flows::{self, Ctx};
use multipartner::policy::RequestedAccess;
use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{
    Backend, Browser, Page, TestApp, gdap, invitation_request, spawn_app, subscription_fingerprint,
};

// ---------------------------------------------------------------------------------------------
// Helpers.

/// The demo user `login` as a flow context: signed in once through the demo provider (which
/// creates the user row), then loaded as the portal loads the current user.
async fn ctx_of(app: &TestApp, login: &str) -> Ctx {
    app.signed_in(login).await;
    let mut conn = app.conn();
    let conn: &mut DbConnection = &mut conn;
    let id: i64 = users::table
        .filter(users::login.eq(login))
        .select(users::id)
        .first(conn)
        .expect("signed-in user");
    let (user, tenant) = User::find_with_tenant(conn, id).unwrap().unwrap();
    let kind = tenant.tenant_kind().unwrap();
    let roles = user.roles().effective_for(kind);
    Ctx::new(
        &CurrentUser {
            user,
            tenant,
            kind,
            roles,
        },
        RequestMeta::default(),
    )
}

/// Creates an invitation as `ctx`; returns its id and link path.
fn invite(app: &TestApp, ctx: &Ctx, request: &InvitationRequest) -> (i64, String) {
    let mut conn = app.conn();
    let created =
        flows::invitations::create(&mut conn, ctx, request, db::now()).expect("create invitation");
    (
        created.invitation.id,
        format!("/invitations/{}", created.token.as_str()),
    )
}

fn tenant_id(app: &TestApp, external_id: &str) -> i64 {
    crate::common::tenant_id(&mut app.conn(), external_id)
}

/// SHA-256 over every column of every subscription row, in id order (the shared helper).
fn fingerprint(app: &TestApp) -> String {
    subscription_fingerprint(&mut app.conn())
}

/// Everything a multi-partner flow could change, counted, plus the subscription fingerprint.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    counts: Vec<(&'static str, i64)>,
    subscriptions: String,
}

fn snapshot(app: &TestApp) -> Snapshot {
    let tables: [(&'static str, &str); 9] = [
        ("relationships", "relationships"),
        (
            "active relationships",
            "relationships WHERE state = 'active'",
        ),
        ("admin access", "admin_access"),
        ("active admin access", "admin_access WHERE state = 'active'"),
        ("pending invitations", "invitations WHERE state = 'pending'"),
        (
            "accepted invitations",
            "invitations WHERE state = 'accepted'",
        ),
        (
            "declined invitations",
            "invitations WHERE state = 'declined'",
        ),
        ("revoked invitations", "invitations WHERE state = 'revoked'"),
        ("expired invitations", "invitations WHERE state = 'expired'"),
    ];
    Snapshot {
        counts: tables
            .iter()
            .map(|(label, sql)| (*label, app.count(sql)))
            .collect(),
        subscriptions: fingerprint(app),
    }
}

async fn accept(browser: &Browser, link: &str, authorise: bool) -> Page {
    let csrf = browser.csrf().await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    if authorise {
        form.push(("authorise", "yes"));
    }
    browser.post_form(&format!("{link}/accept"), &form).await
}

/// Accepts with "I authorise" ticked; the acceptance must succeed and leave every
/// subscription as it was.
async fn accept_ok(app: &TestApp, browser: &Browser, link: &str) -> Page {
    let before = fingerprint(app);
    let page = accept(browser, link, true).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(fingerprint(app), before, "accepting changed a subscription");
    page
}

async fn decline(browser: &Browser, link: &str) -> Page {
    let csrf = browser.csrf().await;
    browser
        .post_form(&format!("{link}/decline"), &[("csrf_token", &csrf)])
        .await
}

async fn post(browser: &Browser, path: &str, extra: &[(&str, &str)]) -> Page {
    let csrf = browser.csrf().await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(extra);
    browser.post_form(path, &form).await
}

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

/// No audit event holds the token in any text column.
fn assert_token_not_audited(app: &TestApp, link: &str) {
    let token = token_of(link);
    let hits = app.count(&format!(
        "audit_events WHERE COALESCE(detail, '') LIKE '%{token}%' \
         OR COALESCE(target_kind, '') LIKE '%{token}%' \
         OR COALESCE(request_id, '') LIKE '%{token}%' \
         OR action LIKE '%{token}%'"
    ));
    assert_eq!(hits, 0, "the token reached the audit trail");
}

fn header<'a>(page: &'a Page, name: &str) -> &'a str {
    page.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn has_testid(page: &Page, test_id: &str) -> bool {
    page.text_of(test_id).is_some()
}

// ---------------------------------------------------------------------------------------------
// The invitation link.

/// The demo story: Fabrikam invites Contoso with GDAP; Grace opens the link signed out, signs
/// in, reads exactly what is asked, must tick "I authorise", accepts, and keeps Northwind.
async fn grace_accepts_fabrikams_gdap_invitation(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = ctx_of(&app, "anna@fabrikam").await;
    let (_, link) = invite(
        &app,
        &anna,
        &invitation_request(gdap(
            &[GdapRole::HelpdeskAdministrator, GdapRole::UserAdministrator],
            90,
            false,
        )),
    );
    let fabrikam = tenant_id(&app, "t-fabrikam");
    let before = snapshot(&app);

    // Signed out: the link sends the browser to sign in, and sign-in comes back to it.
    let browser = app.browser();
    let opened = browser.get(&link).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    let expected_signin = format!(
        "/auth/signin?next={}",
        url::form_urlencoded::byte_serialize(link.as_bytes()).collect::<String>()
    );
    assert_eq!(opened.location().as_deref(), Some(expected_signin.as_str()));
    let landed = browser.sign_in_demo("grace@contoso", Some(&link)).await;
    assert_eq!(landed, link, "sign-in returns to the invitation link");

    let page = browser.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(header(&page, "referrer-policy"), "no-referrer");
    assert_eq!(header(&page, "cache-control"), "no-store");
    assert_eq!(page.text_of("partner-name").as_deref(), Some("Fabrikam"));
    assert_eq!(page.text_of("partner-id").as_deref(), Some("5100001"));
    let asked = page.text_of("asked-access").unwrap();
    assert!(asked.contains("Helpdesk Administrator"), "{asked}");
    assert!(asked.contains("User Administrator"), "{asked}");
    assert!(
        asked.contains("Reset passwords"),
        "role descriptions: {asked}"
    );
    let duration = page.text_of("duration").unwrap();
    assert!(duration.contains("90 days"), "{duration}");
    let today = chrono::Utc::now().date_naive();
    assert!(
        [89, 90, 91]
            .iter()
            .any(|d| duration.contains(&(today + TimeDelta::days(*d)).to_string())),
        "end date in {duration}"
    );
    assert!(
        page.text_of("relationships")
            .unwrap()
            .contains("Direct reseller")
    );
    assert!(
        page.text_of("other-partners")
            .unwrap()
            .contains("Northwind Traders")
    );
    let guarantees = page.text_of("guarantees").unwrap();
    for words in ["subscriptions", "ownership", "terms", "Partner of Record"] {
        assert!(guarantees.contains(words), "{words} in {guarantees}");
    }
    assert!(page.body.contains("name=\"authorise\""));
    assert!(page.body.contains(&format!("action=\"{link}/accept\"")));
    // Declining goes through its confirmation page.
    assert!(page.body.contains(&format!("href=\"{link}/decline\"")));
    // The same page in Simplified Chinese.
    let zh = browser
        .get_with(&link, &[("Accept-Language", "zh-CN")])
        .await;
    assert!(zh.body.contains("来自 Fabrikam 的邀请"), "{}", zh.body);
    assert!(zh.body.contains("支持管理员"));
    assert!(zh.body.contains("记录合作伙伴"));

    // Accept without "I authorise": an error, nothing changes.
    let unticked = accept(&browser, &link, false).await;
    assert_eq!(unticked.status, StatusCode::BAD_REQUEST);
    assert!(
        unticked
            .text_of("field-error")
            .unwrap()
            .contains("tick the box")
    );
    assert_eq!(
        unticked.text_of("partner-name").as_deref(),
        Some("Fabrikam")
    );
    assert_eq!(snapshot(&app), before);

    // Accept with it: to the new partner's page.
    let accepted = accept(&browser, &link, true).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let partner_page = format!("/customer/partners/{fabrikam}");
    assert_eq!(accepted.location().as_deref(), Some(partner_page.as_str()));
    let detail = browser.get(&partner_page).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.text_of("flash").unwrap().contains("accepted"));
    assert_eq!(detail.text_of("partner-name").as_deref(), Some("Fabrikam"));
    let access = detail.text_of("admin-access").unwrap();
    assert!(access.contains("Helpdesk Administrator"), "{access}");

    let partners = browser.get("/customer/partners").await;
    assert_eq!(partners.status, StatusCode::OK);
    let northwind = tenant_id(&app, "t-northwind");
    let nw_row = partners.text_of(&format!("partner-{northwind}")).unwrap();
    assert!(nw_row.contains("Northwind Traders") && nw_row.contains("5100002"));
    let fab_row = partners.text_of(&format!("partner-{fabrikam}")).unwrap();
    assert!(fab_row.contains("Fabrikam") && fab_row.contains("5100001"));
    assert!(fab_row.contains("User Administrator"), "{fab_row}");

    let after = snapshot(&app);
    assert_eq!(after.subscriptions, before.subscriptions);
    let count = |s: &Snapshot, label: &str| s.counts.iter().find(|(l, _)| *l == label).unwrap().1;
    assert_eq!(
        count(&after, "relationships"),
        count(&before, "relationships") + 1
    );
    assert_eq!(
        count(&after, "admin access"),
        count(&before, "admin access") + 1
    );
    assert_eq!(
        count(&after, "accepted invitations"),
        count(&before, "accepted invitations") + 1
    );
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.accept' AND outcome = 'success'"),
        1
    );

    // The link is used up now.
    let again = browser.get(&link).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(
        again
            .text_of("refused-heading")
            .unwrap()
            .contains("already")
    );
    assert_token_not_audited(&app, &link);
}
both_backends!(grace_accepts_fabrikams_gdap_invitation);

/// Every way a link cannot be used answers a clear page and changes nothing.
async fn unusable_links_are_refused_and_change_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = ctx_of(&app, "anna@fabrikam").await;
    let (_, pending) = invite(
        &app,
        &anna,
        &invitation_request(RequestedAccess::ResellerDap),
    );
    let (expired_id, expired) = invite(&app, &anna, &invitation_request(RequestedAccess::Reseller));
    {
        let mut conn = app.conn();
        diesel::update(invitations::table.find(expired_id))
            .set(invitations::expires_at.eq(db::now() - TimeDelta::hours(1)))
            .execute(&mut *conn as &mut DbConnection)
            .unwrap();
    }
    let (revoked_id, revoked) = invite(&app, &anna, &invitation_request(RequestedAccess::Reseller));
    flows::invitations::revoke(&mut app.conn(), &anna, revoked_id, db::now()).unwrap();
    let mut bound_request = invitation_request(RequestedAccess::Reseller);
    bound_request.customer_domain =
        Some(CustomerDomain::parse("adventureworks.partner.onmschina.cn").unwrap());
    let (_, bound) = invite(&app, &anna, &bound_request);
    let (_, used) = invite(&app, &anna, &invitation_request(RequestedAccess::Reseller));
    let grace = app.signed_in("grace@contoso").await;
    accept_ok(&app, &grace, &used).await;

    let before = snapshot(&app);
    let uma = app.signed_in("uma@contoso").await;
    let li = app.signed_in("li@northwind").await;
    let unknown = format!("/invitations/{}", InvitationToken::generate().as_str());
    let lookups_before = app.count("audit_events WHERE action = 'invitation.lookup_failed'");

    let cases: [(&Browser, &str, StatusCode, &str); 9] = [
        (
            &uma,
            &pending,
            StatusCode::FORBIDDEN,
            "Global Administrator",
        ),
        (&li, &pending, StatusCode::FORBIDDEN, "Global Administrator"),
        (&grace, &expired, StatusCode::GONE, "expired"),
        (&grace, &revoked, StatusCode::GONE, "withdrawn"),
        (&grace, &used, StatusCode::GONE, "already been used"),
        (
            &grace,
            &bound,
            StatusCode::FORBIDDEN,
            "another organisation",
        ),
        (
            &grace,
            "/invitations/not-a-token",
            StatusCode::NOT_FOUND,
            "Invitation not found",
        ),
        (
            &grace,
            &unknown,
            StatusCode::NOT_FOUND,
            "Invitation not found",
        ),
        (
            &uma,
            &unknown,
            StatusCode::NOT_FOUND,
            "Invitation not found",
        ),
    ];
    for (browser, link, status, words) in cases {
        let page = browser.get(link).await;
        assert_eq!(page.status, status, "GET {link}: {}", page.body);
        let heading = page
            .text_of("refused-heading")
            .or_else(|| page.text_of("not-found-heading"))
            .unwrap_or_default();
        assert!(heading.contains(words), "{link}: {heading}");
        if status != StatusCode::NOT_FOUND {
            assert!(has_testid(&page, "nothing-changed"));
            // No accept form on a refusal.
            assert!(!page.body.contains("name=\"authorise\""));
        }
        let posted = accept(browser, link, true).await;
        assert_eq!(posted.status, status, "POST {link}/accept: {}", posted.body);
        let declined = decline(browser, link).await;
        assert_eq!(declined.status, status, "POST {link}/decline");
        assert_eq!(snapshot(&app), before, "after {link}");
    }
    // The partner is named only to the customer it may concern.
    let to_uma = uma.get(&pending).await;
    assert!(!to_uma.body.contains("Fabrikam"), "{}", to_uma.body);
    let bound_page = grace.get(&bound).await;
    assert!(!bound_page.body.contains("Fabrikam"));
    let expired_page = grace.get(&expired).await;
    assert!(expired_page.body.contains("Fabrikam"));
    // Failed lookups are audited without the token.
    assert!(
        app.count("audit_events WHERE action = 'invitation.lookup_failed'") >= lookups_before + 4
    );
    for link in [&pending, &expired, &revoked, &bound, &used, &unknown] {
        assert_token_not_audited(&app, link);
    }
    // Refused decisions are audited as denied.
    assert!(
        app.count("audit_events WHERE action = 'invitation.accept' AND outcome = 'denied'") > 0
    );
}
both_backends!(unusable_links_are_refused_and_change_nothing);

/// A partner the customer already has: a new kind of access is added alone; nothing new is a
/// clear "already your partner" page.
async fn existing_partner_adds_only_admin_access(backend: Backend) {
    let app = spawn_app(backend).await;
    let li = ctx_of(&app, "li@northwind").await;
    let northwind = tenant_id(&app, "t-northwind");
    let (_, nothing_new) = invite(&app, &li, &invitation_request(RequestedAccess::Reseller));
    let (_, with_access) = invite(
        &app,
        &li,
        &invitation_request(gdap(&[GdapRole::GlobalReader], 30, true)),
    );
    let grace = app.signed_in("grace@contoso").await;
    let before = snapshot(&app);

    let page = grace.get(&nothing_new).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(
        page.text_of("refused-heading")
            .unwrap()
            .contains("Already your partner")
    );
    assert!(
        page.body
            .contains(&format!("href=\"/customer/partners/{northwind}\""))
    );
    assert_eq!(
        accept(&grace, &nothing_new, true).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(snapshot(&app), before);

    let page = grace.get(&with_access).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text_of("already-partner")
            .unwrap()
            .contains("Accepting adds only the admin access")
    );
    assert!(!has_testid(&page, "relationships"));
    accept_ok(&app, &grace, &with_access).await;
    let after = snapshot(&app);
    assert_eq!(after.subscriptions, before.subscriptions);
    assert_eq!(after.counts[0], before.counts[0], "no new relationship");
    assert_eq!(app.count("admin_access WHERE state = 'active'"), 1);
}
both_backends!(existing_partner_adds_only_admin_access);

/// Issue 11, defect 4: Fabrikam holds GDAP (Helpdesk, User Administrator) and sends a DAP
/// invitation. It used to be refused as "already has the access this invitation asks for";
/// now the page says what differs (DAP asked, GDAP roles held) and accepting grants DAP. A
/// request whose roles are all held is refused with the roles named.
async fn asked_access_is_compared_with_held_access(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = ctx_of(&app, "anna@fabrikam").await;
    let roles = [GdapRole::HelpdeskAdministrator, GdapRole::UserAdministrator];
    let (_, first) = invite(&app, &anna, &invitation_request(gdap(&roles, 90, false)));
    let grace = app.signed_in("grace@contoso").await;
    accept_ok(&app, &grace, &first).await;

    let (_, dap) = invite(
        &app,
        &anna,
        &invitation_request(RequestedAccess::ResellerDap),
    );
    let page = grace.get(&dap).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let difference = page.text_of("access-difference").unwrap();
    assert!(
        difference.contains("Helpdesk Administrator, User Administrator")
            && difference.contains("asks for DAP instead"),
        "{difference}"
    );
    accept_ok(&app, &grace, &dap).await;
    assert_eq!(
        app.count("admin_access WHERE state = 'active' AND kind = 'dap'"),
        1
    );

    // GDAP asking for one role held and one not: the missing one is named, and so is the role
    // held and not asked.
    let (_, partly) = invite(
        &app,
        &anna,
        &invitation_request(gdap(
            &[GdapRole::UserAdministrator, GdapRole::GlobalReader],
            30,
            false,
        )),
    );
    let page = grace.get(&partly).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("but not these roles this invitation asks for: Global Reader.")
    );
    assert!(
        page.body
            .contains("does not ask for: Helpdesk Administrator.")
    );

    // Everything asked is held: refused, and the refusal says so in those terms.
    let (_, covered) = invite(
        &app,
        &anna,
        &invitation_request(gdap(&[GdapRole::UserAdministrator], 30, false)),
    );
    let before = snapshot(&app);
    let page = grace.get(&covered).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(
        page.text_of("access-difference")
            .unwrap()
            .contains("already holds every GDAP role this invitation asks for")
    );
    assert!(!page.body.contains("already has the access"));
    assert_eq!(
        accept(&grace, &covered, true).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(snapshot(&app), before);
}
both_backends!(asked_access_is_compared_with_held_access);

/// Issue 11, defect 5: declining is not one click. The acceptance page links to a
/// confirmation page (a plain GET, so it works without JavaScript) that says what declining
/// means and that it cannot be undone; only its form declines.
async fn decline_is_confirmed_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = ctx_of(&app, "anna@fabrikam").await;
    let (id, link) = invite(&app, &anna, &invitation_request(RequestedAccess::Reseller));
    let grace = app.signed_in("grace@contoso").await;

    let page = grace.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains(&format!("action=\"{link}/decline\"")),
        "the acceptance page declines in one click"
    );
    assert!(page.body.contains(&format!("href=\"{link}/decline\"")));

    let before = snapshot(&app);
    let confirm = grace.get(&format!("{link}/decline")).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);
    assert!(
        confirm
            .text_of("decline-heading")
            .unwrap()
            .contains("Decline the invitation from Fabrikam?")
    );
    assert!(
        confirm
            .text_of("effects")
            .unwrap()
            .contains("cannot be undone")
    );
    assert!(confirm.body.contains(&format!("action=\"{link}/decline\"")));
    assert!(confirm.body.contains("name=\"csrf_token\""));
    assert_eq!(
        snapshot(&app),
        before,
        "the confirmation page wrote something"
    );

    assert_eq!(decline(&grace, &link).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!(
            "invitations WHERE id = {id} AND state = 'declined'"
        )),
        1
    );
    // A spent link has nothing to confirm: the refusal page instead.
    let spent = grace.get(&format!("{link}/decline")).await;
    assert_eq!(spent.status, StatusCode::GONE);
    assert!(!spent.body.contains(&format!("action=\"{link}/decline\"")));
    // Only the customer's Global Administrator gets the form.
    let (_, other) = invite(&app, &anna, &invitation_request(RequestedAccess::Reseller));
    let uma = app.signed_in("uma@contoso").await;
    assert_eq!(
        uma.get(&format!("{other}/decline")).await.status,
        StatusCode::FORBIDDEN
    );
}
both_backends!(decline_is_confirmed_first);

/// Declining changes only the invitation, and is final.
async fn declining_is_final(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = ctx_of(&app, "anna@fabrikam").await;
    let (id, link) = invite(
        &app,
        &anna,
        &invitation_request(RequestedAccess::ResellerDap),
    );
    let wei = app.signed_in("wei@adventure").await;
    let page = wei.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text_of("other-partners").as_deref(),
        Some("You have no other partners at the moment.")
    );
    let before = snapshot(&app);

    let declined = decline(&wei, &link).await;
    assert_eq!(declined.status, StatusCode::SEE_OTHER);
    assert_eq!(declined.location().as_deref(), Some("/customer/partners"));
    let partners = wei.get("/customer/partners").await;
    assert!(partners.text_of("flash").unwrap().contains("declined"));
    assert!(has_testid(&partners, "empty"));
    let after = snapshot(&app);
    assert_eq!(after.subscriptions, before.subscriptions);
    assert_eq!(app.count("relationships WHERE state = 'active'"), 1);
    assert_eq!(app.count("admin_access"), 0);
    assert_eq!(
        app.count(&format!(
            "invitations WHERE id = {id} AND state = 'declined'"
        )),
        1
    );

    // Final: the link is used up for accepting and declining alike.
    let settled = snapshot(&app);
    assert_eq!(wei.get(&link).await.status, StatusCode::GONE);
    assert_eq!(accept(&wei, &link, true).await.status, StatusCode::GONE);
    assert_eq!(decline(&wei, &link).await.status, StatusCode::GONE);
    assert_eq!(snapshot(&app), settled);
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.decline' AND outcome = 'success'"),
        1
    );
}
both_backends!(declining_is_final);

/// An indirect reseller's invitation: the customer gets the reseller and its provider.
async fn indirect_reseller_brings_its_provider(backend: Backend) {
    let app = spawn_app(backend).await;
    let ivan = ctx_of(&app, "ivan@tailspin").await;
    let litware = tenant_id(&app, "t-litware");
    let tailspin = tenant_id(&app, "t-tailspin");
    let mut req = invitation_request(gdap(&[GdapRole::GlobalReader], 60, true));
    req.indirect_provider = Some(litware);
    let (_, link) = invite(&app, &ivan, &req);
    let wei = app.signed_in("wei@adventure").await;
    let before = fingerprint(&app);

    let page = wei.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text_of("partner-name").as_deref(),
        Some("Tailspin Toys")
    );
    assert!(page.text_of("provider").unwrap().contains("Litware"));
    let planned = page.text_of("relationships").unwrap();
    assert!(planned.contains("Litware") && planned.contains("Indirect provider"));
    assert!(planned.contains("Tailspin Toys") && planned.contains("via Litware"));
    assert!(
        page.text_of("asked-access")
            .unwrap()
            .contains("Renews automatically")
    );

    let accepted = accept_ok(&app, &wei, &link).await;
    assert_eq!(
        accepted.location(),
        Some(format!("/customer/partners/{tailspin}"))
    );
    let partners = wei.get("/customer/partners").await;
    let row = partners.text_of(&format!("partner-{tailspin}")).unwrap();
    assert!(
        row.contains("Indirect reseller") && row.contains("via Litware"),
        "{row}"
    );
    assert!(row.contains("Global Reader"), "{row}");
    let row = partners.text_of(&format!("partner-{litware}")).unwrap();
    assert!(
        row.contains("Indirect provider") && row.contains("None"),
        "{row}"
    );
    assert_eq!(fingerprint(&app), before);
    let adventure = tenant_id(&app, "t-adventure");
    assert_eq!(
        app.count(&format!(
            "relationships WHERE customer_tenant_id = {adventure} AND state = 'active'"
        )),
        2
    );
}
both_backends!(indirect_reseller_brings_its_provider);

// ---------------------------------------------------------------------------------------------
// The customer's partners.

/// Removing admin access and ending a relationship: confirmation first, then the change, and
/// never a change to a subscription; only the Global Administrator, only own partners.
async fn remove_access_and_end_relationship(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = ctx_of(&app, "anna@fabrikam").await;
    let (_, link) = invite(
        &app,
        &anna,
        &invitation_request(gdap(&[GdapRole::HelpdeskAdministrator], 30, false)),
    );
    let grace = app.signed_in("grace@contoso").await;
    accept_ok(&app, &grace, &link).await;
    let fabrikam = tenant_id(&app, "t-fabrikam");
    let northwind = tenant_id(&app, "t-northwind");
    let tailspin = tenant_id(&app, "t-tailspin");
    let fab = format!("/customer/partners/{fabrikam}");
    let nw = format!("/customer/partners/{northwind}");

    // An ordinary user reads but cannot act.
    let uma = app.signed_in("uma@contoso").await;
    let before = snapshot(&app);
    let page = uma.get(&fab).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!has_testid(&page, "actions"));
    assert!(has_testid(&page, "read-only"));
    assert!(!page.body.contains("/admin-access/remove\""));
    for path in [format!("{fab}/admin-access/remove"), format!("{fab}/end")] {
        assert_eq!(uma.get(&path).await.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(
            post(&uma, &path, &[]).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(snapshot(&app), before);

    // A partner Contoso never had is not found (and audited), read or write.
    let denied_before = app.count("audit_events WHERE outcome = 'denied'");
    let other = format!("/customer/partners/{tailspin}");
    for path in [
        other.clone(),
        format!("{other}/admin-access/remove"),
        format!("{other}/end"),
    ] {
        assert_eq!(
            grace.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for path in [
        format!("{other}/admin-access/remove"),
        format!("{other}/end"),
    ] {
        assert_eq!(
            post(&grace, &path, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        app.count("audit_events WHERE outcome = 'denied'"),
        denied_before + 5
    );
    for path in [
        "/customer/partners/abc",
        "/customer/partners/-1",
        "/customer/partners/1.5",
    ] {
        assert_eq!(
            grace.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        post(&grace, "/customer/partners/abc/end", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(snapshot(&app), before);

    // Remove Fabrikam's admin access: the detail page offers it, a confirmation page explains.
    let page = grace.get(&fab).await;
    assert!(has_testid(&page, "actions"));
    assert!(
        page.body
            .contains(&format!("href=\"{fab}/admin-access/remove\""))
    );
    let confirm = grace.get(&format!("{fab}/admin-access/remove")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm
            .text_of("admin-access")
            .unwrap()
            .contains("Helpdesk Administrator")
    );
    assert!(confirm.body.contains("name=\"csrf_token\""));
    assert!(
        confirm
            .body
            .contains(&format!("action=\"{fab}/admin-access/remove\""))
    );
    assert_eq!(
        snapshot(&app),
        before,
        "a confirmation page changes nothing"
    );
    let removed = post(&grace, &format!("{fab}/admin-access/remove"), &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(removed.location().as_deref(), Some(fab.as_str()));
    let page = grace.get(&fab).await;
    assert!(
        page.text_of("flash")
            .unwrap()
            .contains("Admin access removed")
    );
    assert!(page.text_of("admin-access").unwrap().contains("Removed"));
    assert_eq!(
        page.text_of("relationship-state").as_deref(),
        Some("Active")
    );
    assert_eq!(
        app.count(&format!(
            "admin_access WHERE partner_tenant_id = {fabrikam} AND state = 'active'"
        )),
        0
    );
    assert_eq!(fingerprint(&app), before.subscriptions);
    // Nothing left to remove: the page says so, a post is a conflict.
    let again = grace.get(&format!("{fab}/admin-access/remove")).await;
    assert!(has_testid(&again, "nothing-to-do"));
    let settled = snapshot(&app);
    assert_eq!(
        post(&grace, &format!("{fab}/admin-access/remove"), &[])
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(snapshot(&app), settled);

    // End the relationship with Northwind, Partner of Record of all three subscriptions.
    let confirm = grace.get(&format!("{nw}/end")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm
            .text_of("subscriptions-unchanged")
            .unwrap()
            .contains("continue unchanged")
    );
    for offer in ["Microsoft 365 E3", "Azure plan", "Office 365 E1"] {
        assert!(
            confirm.text_of("subscriptions").unwrap().contains(offer),
            "{offer}"
        );
    }
    assert!(confirm.body.contains("name=\"reason\""));
    assert_eq!(snapshot(&app), settled);
    // Bad input: a clear message, nothing changes.
    let long = "x".repeat(501);
    let refused = post(&grace, &format!("{nw}/end"), &[("reason", &long)]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.text_of("field-error").unwrap().contains("500"));
    assert_eq!(snapshot(&app), settled);
    let ended = post(
        &grace,
        &format!("{nw}/end"),
        &[("reason", "Consolidating partners")],
    )
    .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(ended.location().as_deref(), Some(nw.as_str()));
    let page = grace.get(&nw).await;
    assert!(
        page.text_of("flash")
            .unwrap()
            .contains("Relationship ended")
    );
    assert_eq!(page.text_of("relationship-state").as_deref(), Some("Ended"));
    assert!(page.body.contains("Consolidating partners"));
    assert!(!has_testid(&page, "actions"));
    assert_eq!(fingerprint(&app), before.subscriptions);
    assert_eq!(
        app.count(&format!(
            "relationships WHERE partner_tenant_id = {northwind} AND state = 'active'"
        )),
        0
    );
    // The subscriptions keep their Partner of Record.
    let subs = grace.get("/customer/subscriptions").await;
    assert_eq!(
        subs.body
            .matches("data-testid=\"partner-of-record\">Northwind Traders<")
            .count(),
        3
    );
    let settled = snapshot(&app);
    assert_eq!(
        post(&grace, &format!("{nw}/end"), &[]).await.status,
        StatusCode::CONFLICT
    );
    assert!(has_testid(
        &grace.get(&format!("{nw}/end")).await,
        "nothing-to-do"
    ));
    assert_eq!(snapshot(&app), settled);

    // Ending Fabrikam's (no subscriptions): the page says there are none; then it ends.
    let confirm = grace.get(&format!("{fab}/end")).await;
    assert!(has_testid(&confirm, "no-subscriptions"));
    assert_eq!(
        post(&grace, &format!("{fab}/end"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(fingerprint(&app), before.subscriptions);
    let partners = grace.get("/customer/partners").await;
    assert!(
        partners
            .text_of(&format!("partner-{fabrikam}"))
            .unwrap()
            .contains("Ended")
    );
}
both_backends!(remove_access_and_end_relationship);

/// Admin access past its end date reads as expired, before any sweep has run.
async fn lapsed_admin_access_reads_as_expired(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = ctx_of(&app, "anna@fabrikam").await;
    let (_, link) = invite(
        &app,
        &anna,
        &invitation_request(gdap(&[GdapRole::SecurityReader], 10, false)),
    );
    let grace = app.signed_in("grace@contoso").await;
    accept_ok(&app, &grace, &link).await;
    {
        let mut conn = app.conn();
        diesel::update(admin_access::table)
            .set(admin_access::ends_at.eq(Some(db::now() - TimeDelta::days(1))))
            .execute(&mut *conn as &mut DbConnection)
            .unwrap();
    }
    let fabrikam = tenant_id(&app, "t-fabrikam");
    let partners = grace.get("/customer/partners").await;
    let row = partners.text_of(&format!("partner-{fabrikam}")).unwrap();
    assert!(
        row.contains("Expired") && row.contains("expired on"),
        "{row}"
    );
    let detail = grace.get(&format!("/customer/partners/{fabrikam}")).await;
    assert!(detail.text_of("admin-access").unwrap().contains("Expired"));
    assert!(!detail.body.contains("/admin-access/remove\""));
    // The stored state is still active: expiry is computed at read time.
    assert_eq!(app.count("admin_access WHERE state = 'active'"), 1);
}
both_backends!(lapsed_admin_access_reads_as_expired);

/// Every subscription of the customer with its Partner of Record; empty states; partners may
/// not look.
async fn customer_subscriptions_with_partner_of_record(backend: Backend) {
    let app = spawn_app(backend).await;
    let grace = app.signed_in("grace@contoso").await;
    let page = grace.get("/customer/subscriptions").await;
    assert_eq!(page.status, StatusCode::OK);
    let table = page.text_of("subscriptions").unwrap();
    for offer in ["Microsoft 365 E3", "Azure plan", "Office 365 E1"] {
        assert!(table.contains(offer), "{offer}");
    }
    assert_eq!(
        page.body
            .matches("data-testid=\"partner-of-record\">Northwind Traders<")
            .count(),
        3
    );
    assert_eq!(page.body.matches("data-testid=\"subscription-").count(), 3);

    let uma = app.signed_in("uma@contoso").await;
    assert_eq!(
        uma.get("/customer/subscriptions").await.status,
        StatusCode::OK
    );
    let zh = uma
        .get_with("/customer/subscriptions", &[("Accept-Language", "zh-CN")])
        .await;
    assert!(zh.body.contains("您的订阅"));

    let wei = app.signed_in("wei@adventure").await;
    assert!(has_testid(
        &wei.get("/customer/subscriptions").await,
        "empty"
    ));
    assert!(has_testid(&wei.get("/customer/partners").await, "empty"));

    let li = app.signed_in("li@northwind").await;
    for path in ["/customer/subscriptions", "/customer/partners"] {
        assert_eq!(li.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Signed out: sign in first.
    let anonymous = app.browser().get("/customer/partners").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}
both_backends!(customer_subscriptions_with_partner_of_record);
