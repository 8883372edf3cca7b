//! Every page of the portal, as each kind of user sees it, in every language: each page load is
//! audited by the harness (axe-core's WCAG 2.1 A/AA rules at 1280 and 390 px, no sideways
//! scroll at 390 and 360 px), and the main pages are photographed at desktop and phone sizes.
//!
//! One browser per person for the whole walk, the language switched with the footer's switch,
//! so the walk stays well under a minute or two. With `UPDATE_SCREENSHOTS=1` the photographs
//! replace `docs/screenshots/`; otherwise they land in `target/e2e-screenshots/walk-sqlite/docs/`.

use std::path::PathBuf;

use multipartner::db;
use multipartner::domain::GdapRole;
use multipartner::flows::acceptance;
use multipartner::i18n::Lang;
use multipartner::policy::RequestedAccess;

use crate::browser::{Browser, NARROW, PHONE, Scenario, Viewport, scenario};
use crate::common::{Backend, ctx_for, gdap, invitation_request};

/// The pages `docs/screenshots` shows (the walk visits more).
const MAIN_PAGES: &[&str] = &[
    "landing",
    "partner-customers",
    "new-invitation",
    "invitation-created",
    "partner-invitations",
    "acceptance-page",
    "customer-partners",
    "end-relationship",
    "customer-subscriptions",
    "admin-overview",
    "admin-relationships",
    "error-404",
];

/// Where the photographs of the main pages go.
struct Photos {
    dir: PathBuf,
}

impl Photos {
    fn new(s: &Scenario) -> Photos {
        let dir = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots")
        } else {
            s.shot_dir().join("docs")
        };
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        Photos { dir }
    }

    /// `name-LANG.png` at the desktop size and `name-LANG-phone.png` at 390 px, for the main
    /// pages ([`MAIN_PAGES`]): in English, and in the other languages too when `also`.
    async fn take(&self, b: &Browser, lang: Lang, name: &str, also: bool) {
        if !MAIN_PAGES.contains(&name) || (lang != Lang::En && !also) {
            return;
        }
        let code = lang.code();
        let desktop = Viewport {
            width: 1280,
            height: 1000,
            mobile: false,
        };
        b.shot_at(desktop, &self.dir.join(format!("{name}-{code}.png")))
            .await;
        b.shot_at(PHONE, &self.dir.join(format!("{name}-{code}-phone.png")))
            .await;
    }
}

async fn switch_language(b: &Browser, lang: Lang) {
    if b.lang().await != lang.code() {
        b.click_through(&format!(
            "footer .lang-form button[value='{}']",
            lang.code()
        ))
        .await;
        assert_eq!(b.lang().await, lang.code(), "{}: the switch", lang.code());
    }
}

/// The partner admin's pages: customers, a customer, invitations (list, new, refused form,
/// created, one invitation, revoke confirmation) and the error pages a partner can reach.
async fn partner_pages(anna: &Browser, lang: Lang, photos: &Photos) {
    anna.visit("/").await;
    switch_language(anna, lang).await;
    photos.take(anna, lang, "home-partner", false).await;
    anna.visit("/partner/customers").await;
    anna.find("[data-testid=customers]").await;
    photos.take(anna, lang, "partner-customers", false).await;
    anna.click_through("[data-testid=customers] tbody a").await;
    anna.find("[data-testid=customer-name]").await;
    photos.take(anna, lang, "partner-customer", false).await;

    anna.visit("/partner/invitations/new").await;
    anna.find("[data-testid=invitation-form]").await;
    photos.take(anna, lang, "new-invitation", false).await;
    // GDAP with no role chosen: the form comes back with its errors.
    anna.tick("#access-reseller_gdap").await;
    anna.click_through("[data-testid=create]").await;
    anna.find("[data-testid=form-error]").await;
    photos
        .take(anna, lang, "new-invitation-errors", false)
        .await;
    anna.tick("#role-helpdesk_administrator").await;
    anna.fill("#message", "Fabrikam would like to run your helpdesk.")
        .await;
    anna.click_through("[data-testid=create]").await;
    anna.find("[data-testid=invitation-link]").await;
    photos.take(anna, lang, "invitation-created", false).await;
    // The link is the one thing to copy: on a phone it wraps inside the window.
    let link = anna.layout_at(PHONE, "[data-testid=invitation-link]").await;
    assert!(
        link.in_window(),
        "{lang:?}: the invitation link runs off a phone: {link:?}"
    );

    anna.visit("/partner/invitations").await;
    anna.find("[data-testid=invitations]").await;
    photos.take(anna, lang, "partner-invitations", false).await;
    anna.click_through("[data-testid=invitations] tbody a[href^='/partner/invitations/']")
        .await;
    anna.find("[data-testid=invitation-facts]").await;
    photos.take(anna, lang, "partner-invitation", false).await;
    anna.click_through("[data-testid=revoke]").await;
    anna.find("[data-testid=effects]").await;
    photos.take(anna, lang, "confirm-revoke", false).await;

    // Error pages while signed in: another role's page, an unknown invitation, no such page.
    anna.visit("/customer/partners").await;
    photos.take(anna, lang, "error-403", false).await;
    anna.visit("/partner/invitations/987654").await;
    anna.visit("/no-such-page").await;
    photos.take(anna, lang, "error-404", false).await;
}

/// After a refused submit, the keyboard focus is on the error summary (no script needed: it has
/// `autofocus`) and the title says there is an error, in the page's language.
async fn assert_failed_submit_is_announced(b: &Browser, lang: Lang) {
    assert_eq!(
        b.focused_testid().await.as_deref(),
        Some("form-error"),
        "{lang:?}: focus on the error summary"
    );
    let title = b.title().await;
    assert!(
        title.starts_with(&lang.t("title-error-prefix")),
        "{lang:?}: title {title:?}"
    );
}

/// The customer Global Admin's pages: partners, a partner, its two confirmation pages,
/// subscriptions, the acceptance page (and its refusal of an unticked form), the confirmation
/// of a decline, a spent link and an unknown one.
async fn customer_pages(grace: &Browser, lang: Lang, link: &str, spent: &str, photos: &Photos) {
    grace.visit("/").await;
    switch_language(grace, lang).await;
    grace.visit("/customer/partners").await;
    grace.find("[data-testid=partners]").await;
    photos.take(grace, lang, "customer-partners", true).await;
    // The relationship column on a phone: whole words (in Chinese, several characters) a
    // line, not one character under the other.
    let relationship = grace
        .layout_at(PHONE, "[data-testid=partners] tbody tr td:nth-of-type(2)")
        .await;
    assert!(
        relationship.width() >= 6.0 * relationship.font_px,
        "{lang:?}: the relationship column is squeezed on a phone: {relationship:?}"
    );
    grace
        .click_text_through("[data-testid=partners] a", "Northwind Traders")
        .await;
    grace.find("[data-testid=relationship-state]").await;
    photos.take(grace, lang, "customer-partner", false).await;
    let partner_page = grace.path().await;
    grace
        .visit(&format!("{partner_page}/admin-access/remove"))
        .await;
    grace.find("[data-testid=effects]").await;
    photos.take(grace, lang, "remove-access", false).await;
    grace.visit(&format!("{partner_page}/end")).await;
    grace.find("[data-testid=subscriptions-unchanged]").await;
    photos.take(grace, lang, "end-relationship", false).await;
    // The page's main reassurance stays on screen on a phone.
    let record = grace
        .layout_at(PHONE, "[data-testid=partner-of-record]")
        .await;
    assert!(
        record.in_window(),
        "{lang:?}: Partner of Record off a phone's screen: {record:?}"
    );
    grace.visit("/customer/subscriptions").await;
    grace.find("[data-testid=subscriptions]").await;
    photos
        .take(grace, lang, "customer-subscriptions", false)
        .await;

    grace.visit(link).await;
    grace.find("[data-testid=guarantees]").await;
    photos.take(grace, lang, "acceptance-page", true).await;
    grace.click_through("[data-testid=accept]").await;
    grace.find("[data-testid=field-error]").await;
    photos.take(grace, lang, "acceptance-errors", false).await;
    assert_failed_submit_is_announced(grace, lang).await;
    grace.visit(&format!("{link}/decline")).await;
    grace.find("[data-testid=effects]").await;
    photos.take(grace, lang, "decline-confirm", false).await;
    grace.visit(spent).await;
    grace.find("[data-testid=refused-heading]").await;
    photos.take(grace, lang, "link-spent", false).await;
    grace.visit("/invitations/no-such-token").await;
}

/// The operator's pages.
async fn operator_pages(olivia: &Browser, lang: Lang, photos: &Photos) {
    olivia.visit("/").await;
    switch_language(olivia, lang).await;
    olivia.visit("/admin").await;
    olivia.find("[data-testid=stat-customers]").await;
    photos.take(olivia, lang, "admin-overview", true).await;
    // The chart is drawn to scale: its smallest label, as rendered on a phone, is 11 px or
    // more.
    for phone in [PHONE, NARROW] {
        let smallest = olivia.measure_at(phone, SMALLEST_CHART_LABEL).await;
        assert!(
            smallest >= 11.0,
            "{lang:?}: chart labels are {smallest:.1} px at {} px",
            phone.width
        );
    }
    for (path, name) in [
        ("/admin/customers", "admin-customers"),
        ("/admin/relationships", "admin-relationships"),
        ("/admin/invitations", "admin-invitations"),
        ("/admin/audit", "admin-audit"),
    ] {
        olivia.visit(path).await;
        olivia.find("[data-testid=rows]").await;
        photos.take(olivia, lang, name, false).await;
    }
}

/// The rendered size of the chart's smallest label: its font size times the SVG's scale.
const SMALLEST_CHART_LABEL: &str = "const svg = document.querySelector('svg.chart'); \
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; \
    return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale));";

/// A visitor who is not signed in.
async fn visitor_pages(visitor: &Browser, lang: Lang, photos: &Photos) {
    visitor.visit("/").await;
    switch_language(visitor, lang).await;
    photos.take(visitor, lang, "landing", true).await;
    visitor.visit("/no-such-page").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_every_language_passes_axe_and_fits() {
    scenario("walk", Backend::Sqlite, |s| async move {
        let started = std::time::Instant::now();
        let app = s.app();
        // Northwind holds classic DAP admin access for Contoso (so the remove-access page
        // exists), Adventure Works is Fabrikam's customer (GDAP), and Fabrikam has a pending
        // invitation to Contoso for the acceptance page and a declined one.
        let (link, spent) = {
            let mut conn = app.conn();
            let grace = ctx_for(&mut conn, "grace@contoso");
            let mut invite = |login: &str, access: RequestedAccess| {
                let partner = ctx_for(&mut conn, login);
                multipartner::flows::invitations::create(
                    &mut conn,
                    &partner,
                    &invitation_request(access),
                    db::now(),
                )
                .expect("invitation")
                .token
            };
            let dap = invite("li@northwind", RequestedAccess::ResellerDap);
            let helpdesk = invite(
                "anna@fabrikam",
                gdap(&[GdapRole::HelpdeskAdministrator], 180, true),
            );
            let pending = invite("anna@fabrikam", RequestedAccess::ResellerDap);
            let declined = invite("anna@fabrikam", RequestedAccess::Reseller);
            acceptance::accept(&mut conn, &grace, &dap.hash(), db::now()).expect("accept");
            let wei = ctx_for(&mut conn, "wei@adventure");
            acceptance::accept(&mut conn, &wei, &helpdesk.hash(), db::now()).expect("accept");
            acceptance::decline(&mut conn, &grace, &declined.hash(), db::now()).expect("decline");
            (
                format!("/invitations/{}", pending.as_str()),
                format!("/invitations/{}", declined.as_str()),
            )
        };
        let photos = Photos::new(&s);

        let visitor = s.browser("visitor").await;
        let anna = s.browser("anna").await;
        anna.sign_in("anna@fabrikam").await;
        let grace = s.browser("grace").await;
        grace.sign_in("grace@contoso").await;
        let olivia = s.browser("olivia").await;
        olivia.sign_in("admin@operator").await;

        for lang in [Lang::En, Lang::ZhCn, Lang::PtBr] {
            visitor_pages(&visitor, lang, &photos).await;
            partner_pages(&anna, lang, &photos).await;
            customer_pages(&grace, lang, &link, &spent, &photos).await;
            operator_pages(&olivia, lang, &photos).await;
        }
        let audited: usize = [&visitor, &anna, &grace, &olivia]
            .iter()
            .map(|b| b.pages_audited())
            .sum();
        eprintln!(
            "walk: {audited} page loads audited in {:.0?}",
            started.elapsed()
        );
        assert!(audited >= 90, "every page in three languages: {audited}");
    })
    .await
}

/// The audit can fail: on a page with known faults axe-core names them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_finds_known_faults() {
    scenario("audit-self-test", Backend::Sqlite, |s| async move {
        let b = s.browser("tester").await;
        b.visit(
            "data:text/html,<html><body><img src=x.png><p>No title, no language.</p></body></html>",
        )
        .await;
        let findings = b.axe().await.join("\n");
        for rule in ["image-alt", "html-has-lang", "document-title"] {
            assert!(findings.contains(rule), "axe missed {rule}: {findings}");
        }
    })
    .await
}
