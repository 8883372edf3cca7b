//! The partner side's endings over HTTP (issue 10, item 1): an admin agent terminates its
//! admin access and ends its relationship through confirmation pages; sales and helpdesk
//! agents see neither action and are refused; another tenant's customer is 404 and audited;
//! the customer's partner page then says who ended what and when. Every step leaves every
//! subscription row as it was.

use multipartner::db;
use multipartner::domain::GdapRole;
use multipartner::i18n::Lang;
use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{
    Backend, Browser, Page, TestApp, ctx_for, gdap, invitation_request, spawn_app,
    subscription_fingerprint, tenant_id,
};

fn en(key: &str) -> String {
    Lang::En.t(key)
}

async fn post(browser: &Browser, path: &str, extra: &[(&str, &str)]) -> Page {
    let csrf = browser.csrf().await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(extra);
    browser.post_form(path, &form).await
}

fn fingerprint(app: &TestApp) -> String {
    subscription_fingerprint(&mut app.conn())
}

/// Fabrikam invites Contoso with GDAP and grace accepts, through the flows.
fn fabrikam_gdap_in_contoso(app: &TestApp) -> i64 {
    let mut conn = app.conn();
    let anna = ctx_for(&mut conn, "anna@fabrikam");
    let grace = ctx_for(&mut conn, "grace@contoso");
    let created = multipartner::flows::invitations::create(
        &mut conn,
        &anna,
        &invitation_request(gdap(
            &[GdapRole::HelpdeskAdministrator, GdapRole::UserAdministrator],
            90,
            false,
        )),
        db::now(),
    )
    .unwrap();
    multipartner::flows::acceptance::accept(&mut conn, &grace, &created.token.hash(), db::now())
        .unwrap();
    tenant_id(&mut conn, "t-contoso")
}

fn state_counts(app: &TestApp) -> (i64, i64, String) {
    (
        app.count("relationships WHERE state = 'active'"),
        app.count("admin_access WHERE state = 'active'"),
        fingerprint(app),
    )
}

async fn anna_terminates_then_ends_and_grace_reads_who(backend: Backend) {
    let app = spawn_app(backend).await;
    let contoso = fabrikam_gdap_in_contoso(&app);
    let fabrikam = tenant_id(&mut app.conn(), "t-fabrikam");
    let anna = app.signed_in("anna@fabrikam").await;
    let sam = app.signed_in("sam@fabrikam").await;
    let grace = app.signed_in("grace@contoso").await;
    let customer_page = format!("/partner/customers/{contoso}");
    let terminate = format!("{customer_page}/admin-access/terminate");
    let end = format!("{customer_page}/end");
    let before = state_counts(&app);

    // Anna sees both actions; sam (sales agent) sees neither, and is refused both ways.
    let page = anna.get(&customer_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text_of("terminate-access").is_some(), "{}", page.body);
    assert!(page.text_of("end-relationship").is_some());
    let page = sam.get(&customer_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text_of("end-actions").is_none(),
        "sam sees the actions"
    );
    for path in [&terminate, &end] {
        assert_eq!(
            sam.get(path).await.status,
            StatusCode::FORBIDDEN,
            "GET {path}"
        );
        assert_eq!(
            post(&sam, path, &[]).await.status,
            StatusCode::FORBIDDEN,
            "POST {path}"
        );
    }
    assert_eq!(state_counts(&app), before, "a refusal changed something");

    // The confirmation page: current access, what happens, subscriptions unchanged.
    let page = anna.get(&terminate).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text_of("admin-access")
            .unwrap()
            .contains(&en("gdap-role-helpdesk-administrator"))
    );
    assert!(page.text_of("effects").is_some());
    assert!(page.text_of("subscriptions-unchanged").is_some());
    let page = post(&anna, &terminate, &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location().as_deref(), Some(customer_page.as_str()));
    assert_eq!(
        fingerprint(&app),
        before.2,
        "terminating changed a subscription"
    );
    let page = anna.get(&customer_page).await;
    assert!(page.body.contains(&en("customers-flash-access-terminated")));
    assert!(
        page.text_of("terminate-access").is_none(),
        "nothing left to terminate"
    );
    // Grace reads who did it.
    let page = grace.get(&format!("/customer/partners/{fabrikam}")).await;
    let said = page.text_of("access-ended-by").expect("who terminated");
    assert!(said.contains("Fabrikam"), "{said}");
    assert!(said.starts_with("Admin access terminated by"), "{said}");

    // Ending: a reason that is not plain text comes back as typed, 400, nothing changes.
    let active = app.count("relationships WHERE state = 'active'");
    let page = post(&anna, &end, &[("reason", "bell\u{7}")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text_of("form-error").is_some());
    assert_eq!(app.count("relationships WHERE state = 'active'"), active);
    let page = anna.get(&end).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text_of("subscriptions-unchanged").is_some()
            || page.text_of("no-subscriptions").is_some()
    );
    let page = post(&anna, &end, &[("reason", "Contract ended")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        app.count("relationships WHERE state = 'active'"),
        active - 1
    );
    assert_eq!(fingerprint(&app), before.2, "ending changed a subscription");
    let page = anna.get(&customer_page).await;
    assert!(
        page.text_of("ended-by")
            .unwrap()
            .starts_with("Ended by your organisation")
    );
    assert!(page.text_of("end-actions").is_none());
    // Again: nothing to do.
    let page = anna.get(&end).await;
    assert!(page.text_of("nothing-to-do").is_some());
    assert_eq!(post(&anna, &end, &[]).await.status, StatusCode::CONFLICT);
    // Grace: "Ended by Fabrikam on …", with the reason.
    let page = grace.get(&format!("/customer/partners/{fabrikam}")).await;
    let said = page.text_of("ended-by").expect("who ended");
    assert!(said.starts_with("Ended by Fabrikam on"), "{said}");
    assert!(page.body.contains("Contract ended"));
}
both_backends!(anna_terminates_then_ends_and_grace_reads_who);

/// Another partner's customer is 404 for every ending route, audited; an indirect reseller's
/// confirmation page says its provider's relationship is not affected.
async fn other_tenants_customer_is_not_found_and_audited(backend: Backend) {
    let app = spawn_app(backend).await;
    fabrikam_gdap_in_contoso(&app);
    let (adventure, litware) = {
        let mut conn = app.conn();
        (
            tenant_id(&mut conn, "t-adventure"),
            tenant_id(&mut conn, "t-litware"),
        )
    };
    let li = app.signed_in("li@northwind").await;
    let ivan = app.signed_in("ivan@tailspin").await;
    let before = state_counts(&app);
    let denied = || {
        app.count(&format!(
            "audit_events WHERE outcome = 'denied' AND target_id = {adventure}"
        ))
    };
    let denied_before = denied();
    for path in [
        format!("/partner/customers/{adventure}/end"),
        format!("/partner/customers/{adventure}/admin-access/terminate"),
    ] {
        assert_eq!(
            li.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "GET {path}"
        );
        assert_eq!(
            post(&li, &path, &[]).await.status,
            StatusCode::NOT_FOUND,
            "POST {path}"
        );
    }
    assert_eq!(denied(), denied_before + 4, "every 404 is audited");
    assert_eq!(state_counts(&app), before);

    // Tailspin through Litware in Adventure Works.
    {
        let mut conn = app.conn();
        let ivan_ctx = ctx_for(&mut conn, "ivan@tailspin");
        let wei = ctx_for(&mut conn, "wei@adventure");
        let mut request = invitation_request(gdap(&[GdapRole::GlobalReader], 60, false));
        request.indirect_provider = Some(litware);
        let created =
            multipartner::flows::invitations::create(&mut conn, &ivan_ctx, &request, db::now())
                .unwrap();
        multipartner::flows::acceptance::accept(&mut conn, &wei, &created.token.hash(), db::now())
            .unwrap();
    }
    let page = ivan
        .get(&format!("/partner/customers/{adventure}/end"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let said = page
        .text_of("provider-unaffected")
        .expect("the provider line");
    assert!(said.contains("Litware"), "{said}");
    let active_litware = || {
        app.count(&format!(
            "relationships WHERE state = 'active' AND partner_tenant_id = {litware} AND customer_tenant_id = {adventure}"
        ))
    };
    assert_eq!(active_litware(), 1);
    let page = post(&ivan, &format!("/partner/customers/{adventure}/end"), &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(active_litware(), 1, "the provider's relationship stands");
}
both_backends!(other_tenants_customer_is_not_found_and_audited);
