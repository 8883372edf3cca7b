//! The portal as people use it, in Chromium: partners invite, customers accept or decline and
//! manage their partners, operators review, and anyone can switch to Chinese. Each step is
//! checked on the page and, where the multi-partner rule is at stake, in the database.

use multipartner::db::{self, DbConnection};
use multipartner::domain::{GdapRole, InvitationToken};
use multipartner::flows::acceptance;
use multipartner::flows::invitations;
use multipartner::i18n::Lang;
use multipartner::policy::RequestedAccess;

use crate::browser::{Browser, Scenario, scenario};
use crate::common::{
    Backend, TestApp, ctx_for, gdap, invitation_request, subscription_fingerprint,
};

fn en(key: &str) -> String {
    Lang::En.t(key)
}

fn zh(key: &str) -> String {
    Lang::ZhCn.t(key)
}

fn fingerprint(app: &TestApp) -> String {
    subscription_fingerprint(&mut app.conn())
}

/// An invitation made directly through the flow by the partner user `login`, for scenarios
/// whose subject is what the customer does with it. Returns the link path and the token.
fn invitation_from(
    app: &TestApp,
    login: &str,
    access: RequestedAccess,
) -> (String, InvitationToken) {
    let mut conn = app.conn();
    let conn: &mut DbConnection = &mut conn;
    let partner = ctx_for(conn, login);
    let created = invitations::create(conn, &partner, &invitation_request(access), db::now())
        .expect("create invitation");
    (
        format!("/invitations/{}", created.token.as_str()),
        created.token,
    )
}

/// Anna creates an invitation in her browser, asking for two GDAP roles; returns the link.
async fn anna_creates_invitation(anna: &Browser) -> String {
    anna.click_through("nav.main-nav a[href='/partner/invitations']")
        .await;
    anna.click_through("[data-testid=new-invitation]").await;
    anna.tick("#access-reseller_gdap").await;
    anna.tick("#role-helpdesk_administrator").await;
    anna.tick("#role-user_administrator").await;
    anna.fill("#message", "Fabrikam would like to run your helpdesk.")
        .await;
    anna.assert_fits_width().await;
    anna.shot("new-invitation").await;
    anna.click_through("[data-testid=create]").await;
    anna.find("[data-testid=created-heading]").await;
    anna.shot("invitation-created").await;
    let link = anna.text("[data-testid=invitation-link]").await;
    assert!(
        link.contains("/invitations/"),
        "the created page shows the link: {link}"
    );
    link
}

/// The whole story: a partner invites, the customer signs in from the link, sees what is asked
/// and who its partners are, accepts, and then works with both partners, its subscriptions
/// untouched.
async fn invite_sign_in_accept(s: Scenario) {
    let app = s.app();
    let subscriptions_before = fingerprint(app);

    let anna = s.browser("anna").await;
    anna.sign_in("anna@fabrikam").await;
    assert_eq!(anna.text("[data-testid=user-tenant]").await, "Fabrikam");
    let link = anna_creates_invitation(&anna).await;
    assert_eq!(app.count("invitations WHERE state = 'pending'"), 1);

    // Grace opens the link signed out: the portal sends her to sign in and brings her back.
    let grace = s.browser("grace").await;
    grace.visit(&link).await;
    grace.find("#login-form").await;
    grace.shot("idp-sign-in").await;
    grace.log_in_at_idp("grace@contoso").await;
    grace.find("[data-testid=invitation-heading]").await;
    assert!(grace.path().await.starts_with("/invitations/"));
    assert_eq!(grace.text("[data-testid=partner-name]").await, "Fabrikam");
    assert_eq!(
        grace
            .texts("[data-testid=asked-access] [data-testid=role] th")
            .await,
        vec![
            en("gdap-role-helpdesk-administrator"),
            en("gdap-role-user-administrator")
        ]
    );
    assert!(
        grace
            .text("[data-testid=other-partners]")
            .await
            .contains("Northwind Traders"),
        "the page names the partner Contoso keeps"
    );
    grace.find("[data-testid=guarantees]").await;
    grace.assert_fits_width().await;
    grace.shot("acceptance-page").await;

    // Accepting without ticking "I authorise" is refused on the page and changes nothing.
    grace.click_through("[data-testid=accept]").await;
    grace.find("[data-testid=field-error]").await;
    assert_eq!(app.count("invitations WHERE state = 'pending'"), 1);

    grace.tick("#authorise").await;
    grace.click_through("[data-testid=accept]").await;
    assert_eq!(
        grace.text("[data-testid=flash]").await,
        en("customer-flash-accepted")
    );
    grace.shot("accepted").await;

    grace
        .click_through("nav.main-nav a[href='/customer/partners']")
        .await;
    let partners = grace.texts("[data-testid=partners] tbody th a").await;
    assert_eq!(partners.len(), 2, "{partners:?}");
    assert!(partners.contains(&"Northwind Traders".to_owned()));
    assert!(partners.contains(&"Fabrikam".to_owned()));
    grace.assert_fits_width().await;
    grace.shot("both-partners").await;

    // Anna now sees Contoso among her customers.
    anna.click_through("nav.main-nav a[href='/partner/customers']")
        .await;
    anna.find_text("a", "Contoso").await;
    anna.shot("customers").await;

    // The rule of the feature, checked where it lives.
    assert_eq!(fingerprint(app), subscriptions_before);
    assert_eq!(app.count("invitations WHERE state = 'accepted'"), 1);
    assert_eq!(
        app.count(
            "relationships WHERE state = 'active' AND customer_tenant_id = \
             (SELECT id FROM tenants WHERE external_id = 't-contoso')"
        ),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_sign_in_accept_on_sqlite() {
    scenario("invite-accept", Backend::Sqlite, invite_sign_in_accept).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_sign_in_accept_on_postgres() {
    scenario("invite-accept", Backend::Postgres, invite_sign_in_accept).await
}

/// The customer declines: nothing but the invitation changes, and the link is then spent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_declines() {
    scenario("decline", Backend::Sqlite, |s| async move {
        let app = s.app();
        let (link, _) = invitation_from(app, "anna@fabrikam", RequestedAccess::Reseller);
        let relationships_before = app.count("relationships");
        let subscriptions_before = fingerprint(app);

        let grace = s.browser("grace").await;
        grace.sign_in("grace@contoso").await;
        grace.visit(&link).await;
        assert_eq!(grace.text("[data-testid=partner-name]").await, "Fabrikam");
        // Declining is two steps, like revoke, remove and end: the button leads to a page
        // that says what declining means, and nothing is written until it is confirmed.
        grace.click_through("[data-testid=decline]").await;
        assert_eq!(grace.path().await, format!("{link}/decline"));
        grace.find("[data-testid=effects]").await;
        assert_eq!(app.count("invitations WHERE state = 'declined'"), 0);
        grace.shot("decline-confirm").await;
        grace.click_through("[data-testid=confirm]").await;
        assert_eq!(
            grace.text("[data-testid=flash]").await,
            en("customer-flash-declined")
        );
        assert_eq!(grace.path().await, "/customer/partners");
        grace.shot("declined").await;
        assert_eq!(
            grace.texts("[data-testid=partners] tbody th a").await,
            vec!["Northwind Traders".to_owned()]
        );

        grace.visit(&link).await;
        grace.find("[data-testid=refused-heading]").await;
        grace.find("[data-testid=nothing-changed]").await;
        grace.shot("link-spent").await;

        assert_eq!(app.count("invitations WHERE state = 'declined'"), 1);
        assert_eq!(app.count("relationships"), relationships_before);
        assert_eq!(fingerprint(app), subscriptions_before);
    })
    .await
}

/// The partner revokes a pending invitation after confirming; the customer's link then
/// explains that it was withdrawn.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partner_revokes() {
    scenario("revoke", Backend::Sqlite, |s| async move {
        let app = s.app();
        let relationships_before = app.count("relationships");
        let anna = s.browser("anna").await;
        anna.sign_in("anna@fabrikam").await;
        let link = anna_creates_invitation(&anna).await;

        anna.click_through("nav.main-nav a[href='/partner/invitations']")
            .await;
        anna.click_through("[data-testid=invitations] tbody a[href^='/partner/invitations/']")
            .await;
        anna.click_through("[data-testid=revoke]").await;
        anna.find("[data-testid=effects]").await;
        anna.shot("confirm-revoke").await;
        assert_eq!(
            app.count("invitations WHERE state = 'pending'"),
            1,
            "the confirmation page changes nothing"
        );
        anna.click_through("[data-testid=confirm]").await;
        assert_eq!(
            anna.text("[data-testid=flash]").await,
            en("invitation-flash-revoked")
        );
        assert_eq!(
            anna.text("[data-testid=state]").await,
            en("invitation-state-revoked")
        );
        assert!(!anna.has("[data-testid=revoke]").await);
        anna.shot("revoked").await;
        assert_eq!(app.count("invitations WHERE state = 'revoked'"), 1);

        let grace = s.browser("grace").await;
        grace.visit(&link).await;
        grace.log_in_at_idp("grace@contoso").await;
        assert_eq!(
            grace.text("[data-testid=refused-heading]").await,
            en("accept-refused-revoked-title")
        );
        grace.shot("link-withdrawn").await;
        assert_eq!(app.count("relationships"), relationships_before);
    })
    .await
}

/// The customer removes a partner's admin access, then ends the relationship, each after a
/// confirmation page; subscriptions and their Partner of Record stay as they were.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_removes_access_then_ends_relationship() {
    scenario("remove-access-end", Backend::Sqlite, |s| async move {
        let app = s.app();
        // Northwind, Contoso's partner and the Partner of Record of its subscriptions, asked
        // for (classic DAP) admin access and Grace granted it.
        let (_, token) = invitation_from(app, "li@northwind", RequestedAccess::ResellerDap);
        {
            let mut conn = app.conn();
            let grace = ctx_for(&mut conn, "grace@contoso");
            let accepted =
                acceptance::accept(&mut conn, &grace, &token.hash(), db::now()).expect("accept");
            assert!(accepted.admin_access_granted);
        }
        let active_access = "admin_access WHERE state = 'active' AND customer_tenant_id = \
             (SELECT id FROM tenants WHERE external_id = 't-contoso')";
        assert_eq!(app.count(active_access), 1);
        let subscriptions_before = fingerprint(app);

        let grace = s.browser("grace").await;
        grace.sign_in("grace@contoso").await;
        grace
            .click_through("nav.main-nav a[href='/customer/partners']")
            .await;
        grace.shot("partners").await;
        grace
            .click_text_through("[data-testid=partners] a", "Northwind Traders")
            .await;
        let partner_page = grace.path().await;

        grace
            .click_through("[data-testid=actions] a[href$='/admin-access/remove']")
            .await;
        grace.find("[data-testid=effects]").await;
        grace.shot("confirm-remove-access").await;
        assert_eq!(
            app.count(active_access),
            1,
            "the confirmation page changes nothing"
        );
        grace.click_through("[data-testid=confirm]").await;
        assert_eq!(
            grace.text("[data-testid=flash]").await,
            en("customer-flash-access-removed")
        );
        assert_eq!(grace.path().await, partner_page);
        assert!(
            !grace
                .has("[data-testid=actions] a[href$='/admin-access/remove']")
                .await,
            "no access left to remove"
        );
        assert_eq!(app.count(active_access), 0);
        grace.shot("access-removed").await;

        grace
            .click_through("[data-testid=actions] a[href$='/end']")
            .await;
        grace.find("[data-testid=subscriptions-unchanged]").await;
        grace.shot("confirm-end").await;
        grace.fill("#reason", "Moving our helpdesk in-house.").await;
        grace.click_through("[data-testid=confirm]").await;
        assert_eq!(
            grace.text("[data-testid=flash]").await,
            en("customer-flash-relationship-ended")
        );
        assert_eq!(
            grace.text("[data-testid=relationship-state]").await,
            en("relationship-state-ended")
        );
        assert!(!grace.has("[data-testid=actions]").await);
        grace.shot("relationship-ended").await;

        // Contoso's subscriptions are still there, still with Northwind as Partner of Record.
        grace
            .click_through("a[href='/customer/subscriptions']")
            .await;
        grace.shot("subscriptions").await;
        assert_eq!(fingerprint(app), subscriptions_before);
    })
    .await
}

/// The operator walks the overview and a filtered listing page by page, and every row of the
/// filter is seen exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_walks_listings() {
    scenario("operator", Backend::Sqlite, |s| async move {
        let app = s.app();
        multipartner::seed::scale::seed_scale(
            &mut app.conn(),
            multipartner::seed::scale::ScaleOptions {
                relationships: 160,
                seed: 5,
                progress: false,
            },
        )
        .expect("scale seed");
        let active = app.count("relationships WHERE state = 'active'");
        assert!(active > 50, "more than one page of active relationships");

        let olivia = s.browser("olivia").await;
        olivia.sign_in("admin@operator").await;
        olivia.click_through("nav.main-nav a[href='/admin']").await;
        assert_eq!(
            olivia.text("[data-testid=stat-relationships]").await,
            active.to_string()
        );
        olivia.assert_fits_width().await;
        olivia.shot("overview").await;

        olivia
            .click_through("nav.main-nav a[href='/admin/relationships']")
            .await;
        olivia
            .find("#f-state option[value='active']")
            .await
            .click()
            .await
            .expect("choose active");
        olivia
            .click_through("form.filters button[type=submit]")
            .await;
        olivia.assert_fits_width().await;
        olivia.shot("relationships-active").await;

        let mut seen = std::collections::HashSet::new();
        let mut pages = 0;
        loop {
            pages += 1;
            for id in row_ids(&olivia).await {
                assert!(seen.insert(id), "row {id} shown twice");
            }
            assert_eq!(
                olivia
                    .find("#f-state")
                    .await
                    .value()
                    .await
                    .unwrap()
                    .as_deref(),
                Some("active"),
                "the filter stays on every page"
            );
            if !olivia.has("[data-testid=next-page]").await {
                break;
            }
            olivia.click_through("[data-testid=next-page]").await;
        }
        assert!(pages >= 2, "walked {pages} page(s)");
        assert_eq!(seen.len() as i64, active, "every active relationship once");
        olivia.shot("relationships-last-page").await;

        // The partner filter by name: a beginning several partners share offers them, each
        // choice narrows the listing and keeps the state filter.
        olivia.fill("#f-partner", "partner 0").await;
        olivia
            .click_through("form.filters button[type=submit]")
            .await;
        assert!(olivia.has("[data-testid=partner-choices]").await);
        olivia.assert_fits_width().await;
        olivia.shot("relationships-partner-choices").await;
        olivia
            .click_through("[data-testid=partner-choices] li:first-child a")
            .await;
        let chosen = olivia.find("#f-partner").await.value().await.unwrap();
        assert!(
            chosen
                .as_deref()
                .is_some_and(|name| name.starts_with("Partner 00000")),
            "the first choice is in the text box: {chosen:?}"
        );
        assert_eq!(
            olivia
                .find("#f-state")
                .await
                .value()
                .await
                .unwrap()
                .as_deref(),
            Some("active")
        );
        olivia.shot("relationships-by-partner").await;
    })
    .await
}

async fn row_ids(browser: &Browser) -> Vec<i64> {
    let mut ids = Vec::new();
    browser.find("[data-testid=rows]").await;
    for row in browser.find_all("[data-testid=rows] tbody tr").await {
        let id = row.attr("data-id").await.expect("data-id").expect("row id");
        ids.push(id.parse().expect("numeric id"));
    }
    ids
}

/// The language switch: Chinese from the footer, kept through sign-in and across pages, and
/// back to English. The Chinese screenshots of the main pages come from here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_to_chinese() {
    scenario("chinese", Backend::Sqlite, |s| async move {
        let app = s.app();
        let (link, _) = invitation_from(app, "anna@fabrikam", RequestedAccess::ResellerDap);

        let grace = s.browser("grace").await;
        grace.visit("/").await;
        assert_eq!(grace.lang().await, "en");
        grace.shot("landing-en").await;
        grace
            .click_through("footer .lang-form button[value='zh-CN']")
            .await;
        assert_eq!(grace.lang().await, "zh-CN");
        assert_eq!(grace.text("main h1").await, zh("landing-title"));
        grace.shot("landing-zh-CN").await;

        grace.sign_in("grace@contoso").await;
        assert_eq!(grace.lang().await, "zh-CN", "the choice survives sign-in");
        grace
            .click_through("nav.main-nav a[href='/customer/partners']")
            .await;
        assert_eq!(grace.text("main h1").await, zh("customer-partners-title"));
        grace.shot("partners-zh-CN").await;

        grace
            .click_text_through("[data-testid=partners] a", "Northwind Traders")
            .await;
        assert_eq!(
            grace.text("[data-testid=relationship-state]").await,
            zh("relationship-state-active")
        );

        grace.visit(&link).await;
        grace.find("[data-testid=guarantees]").await;
        assert_eq!(grace.lang().await, "zh-CN");
        assert_eq!(
            grace.text("[data-testid=accept]").await,
            zh("accept-button")
        );
        grace.assert_fits_width().await;
        grace.shot("acceptance-page-zh-CN").await;

        grace
            .click_through("footer .lang-form button[value='en']")
            .await;
        assert_eq!(grace.lang().await, "en");
        assert_eq!(
            grace.text("[data-testid=accept]").await,
            en("accept-button")
        );
        assert!(
            grace.path().await.starts_with("/invitations/"),
            "switching language stays on the page"
        );

        // An operator who reads Chinese.
        let olivia = s.browser("olivia").await;
        olivia.visit("/").await;
        olivia
            .click_through("footer .lang-form button[value='zh-CN']")
            .await;
        olivia.sign_in("admin@operator").await;
        olivia.click_through("nav.main-nav a[href='/admin']").await;
        assert_eq!(olivia.lang().await, "zh-CN");
        olivia.find("[data-testid=stat-customers]").await;
        olivia.assert_fits_width().await;
        olivia.shot("admin-overview-zh-CN").await;
    })
    .await
}

/// On a phone: the customer opens the link, reads what is asked and accepts; the partner
/// fills in an invitation. No page is wider than the screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_on_a_phone() {
    scenario("phone", Backend::Sqlite, |s| async move {
        let app = s.app();
        let gdap = gdap(
            &[
                GdapRole::HelpdeskAdministrator,
                GdapRole::ServiceSupportAdministrator,
            ],
            180,
            true,
        );
        let (link, _) = invitation_from(app, "anna@fabrikam", gdap);

        let grace = s.phone("grace").await;
        grace.visit(&link).await;
        grace.log_in_at_idp("grace@contoso").await;
        grace.find("[data-testid=guarantees]").await;
        grace.assert_fits_width().await;
        grace.shot("acceptance-page").await;
        grace.tick("#authorise").await;
        grace.click_through("[data-testid=accept]").await;
        grace.find("[data-testid=flash]").await;
        grace.assert_fits_width().await;
        grace.visit("/customer/partners").await;
        grace.find("[data-testid=partners]").await;
        grace.assert_fits_width().await;
        grace.shot("partners").await;
        grace.visit("/customer/subscriptions").await;
        grace.find("[data-testid=subscriptions]").await;
        grace.assert_fits_width().await;
        assert_eq!(app.count("invitations WHERE state = 'accepted'"), 1);

        let anna = s.phone("anna").await;
        anna.sign_in("anna@fabrikam").await;
        anna.visit("/partner/invitations/new").await;
        anna.find("[data-testid=invitation-form]").await;
        anna.assert_fits_width().await;
        anna.shot("new-invitation").await;
    })
    .await
}

/// Signing out in a shared browser ends the provider's session too: the sign-out form's answer
/// leads to the provider's end-session page (which the portal's CSP must allow), back to the
/// portal, and the next sign-in asks for a password again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_signs_out_of_the_provider_too() {
    scenario("sign-out", Backend::Sqlite, |s| async move {
        let grace = s.browser("grace").await;
        grace.sign_in("grace@contoso").await;
        grace
            .click_through("header form[action='/auth/signout'] button")
            .await;
        // Back on the portal's landing page, signed out, after the provider's own page.
        grace.find("header a[href='/auth/signin']").await;
        assert_eq!(grace.path().await, "/");
        assert!(!grace.has("[data-testid=user-name]").await);
        grace.shot("signed-out").await;
        grace.click_through("header a[href='/auth/signin']").await;
        grace.find("#login-form").await;
        grace.shot("provider-asks-again").await;
    })
    .await
}
