//! Invitation housekeeping (issue 10, item 7; issue 11, defect 6): a pending invitation's link
//! can be reissued (the new link shown once, the old one answering like any unknown link,
//! audited, after a confirmation page); invitations carry an optional name shown in the list
//! and on the detail page; the list can be filtered by state.

use multipartner::db;
use multipartner::i18n::Lang;
use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{Backend, Browser, Page, TestApp, ctx_for, invitation_request, spawn_app};

fn en(key: &str) -> String {
    Lang::En.t(key)
}

async fn post(browser: &Browser, path: &str, extra: &[(&str, &str)]) -> Page {
    let csrf = browser.csrf().await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(extra);
    browser.post_form(path, &form).await
}

/// The path of the link a created (or reissued) page shows.
fn link_of(app: &TestApp, page: &Page) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let link = page.text_of("invitation-link").expect("the link");
    link.strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{link}"))
        .to_owned()
}

fn id_of_newest(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use multipartner::db::schema::invitations;
    invitations::table
        .select(diesel::dsl::max(invitations::id))
        .first::<Option<i64>>(&mut app.conn())
        .unwrap()
        .unwrap()
}

async fn a_reissued_link_replaces_the_old_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = app.signed_in("anna@fabrikam").await;
    let sam = app.signed_in("sam@fabrikam").await;
    let grace = app.signed_in("grace@contoso").await;

    // Created through the form with a name.
    let created = post(
        &anna,
        "/partner/invitations",
        &[
            ("access", "reseller"),
            ("display_name", "  Contoso Teams rollout "),
        ],
    )
    .await;
    let old_link = link_of(&app, &created);
    let id = id_of_newest(&app);
    let list = anna.get("/partner/invitations").await;
    assert_eq!(
        list.text_of("display-name").as_deref(),
        Some("Contoso Teams rollout")
    );
    let detail = anna.get(&format!("/partner/invitations/{id}")).await;
    assert_eq!(
        detail.text_of("display-name").as_deref(),
        Some("Contoso Teams rollout")
    );
    assert!(detail.text_of("reissue").is_some());

    // A sales agent may not reissue a colleague's invitation; another partner gets 404.
    let reissue = format!("/partner/invitations/{id}/reissue");
    assert_eq!(sam.get(&reissue).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        post(&sam, &reissue, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let li = app.signed_in("li@northwind").await;
    assert_eq!(li.get(&reissue).await.status, StatusCode::NOT_FOUND);
    assert_eq!(post(&li, &reissue, &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        grace.get(&old_link).await.status,
        StatusCode::OK,
        "still the link"
    );

    // The confirmation page, then the new link, shown once and not cached.
    let confirm = anna.get(&reissue).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm
            .text_of("effects")
            .unwrap()
            .contains(&en("invitation-reissue-effect-old"))
    );
    let reissued = post(&anna, &reissue, &[]).await;
    let new_link = link_of(&app, &reissued);
    assert_ne!(new_link, old_link);
    assert_eq!(
        reissued
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    assert!(reissued.text_of("old-link-gone").is_some());
    assert_eq!(
        reissued.text_of("created-heading").as_deref(),
        Some(en("invitation-reissued-title").as_str())
    );
    assert_eq!(
        app.count(&format!(
            "audit_events WHERE action = 'invitation.reissue' AND outcome = 'success' AND target_id = {id}"
        )),
        1
    );
    // The old link answers exactly like a link that never existed; the new one works.
    let old = grace.get(&old_link).await;
    let unknown = grace
        .get("/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(old.status, unknown.status);
    assert_ne!(old.status, StatusCode::OK);
    let title = |p: &Page| {
        p.body
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .map(str::to_owned)
    };
    assert_eq!(title(&old), title(&unknown));
    assert_eq!(grace.get(&new_link).await.status, StatusCode::OK);
    // The token is in no audit row.
    let token = new_link.rsplit('/').next().unwrap();
    assert_eq!(
        app.count(&format!(
            "audit_events WHERE COALESCE(detail, '') LIKE '%{token}%'"
        )),
        0
    );

    // Revoked: no new link (409), nothing changes.
    let revoke = post(&anna, &format!("/partner/invitations/{id}/revoke"), &[]).await;
    assert_eq!(revoke.status, StatusCode::SEE_OTHER);
    let page = anna.get(&reissue).await;
    assert!(page.text_of("nothing-to-do").is_some());
    assert_eq!(
        post(&anna, &reissue, &[]).await.status,
        StatusCode::CONFLICT
    );
    // The current link now says the invitation was withdrawn (410), like any revoked one.
    assert_eq!(grace.get(&new_link).await.status, StatusCode::GONE);

    // Sam reissues his own.
    let own = post(&sam, "/partner/invitations", &[("access", "reseller")]).await;
    link_of(&app, &own);
    let own_id = id_of_newest(&app);
    let page = post(&sam, &format!("/partner/invitations/{own_id}/reissue"), &[]).await;
    link_of(&app, &page);

    // A name that is not one line of at most 50 characters brings the form back.
    let long = "x".repeat(51);
    for bad in [long.as_str(), "two\nlines"] {
        let page = post(
            &anna,
            "/partner/invitations",
            &[("access", "reseller"), ("display_name", bad)],
        )
        .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(page.body.contains(&en("invitation-error-name")));
    }
}
both_backends!(a_reissued_link_replaces_the_old_one);

async fn the_list_filters_by_state(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = app.signed_in("anna@fabrikam").await;
    let (pending, revoked, expired) = {
        let mut conn = app.conn();
        let ctx = ctx_for(&mut conn, "anna@fabrikam");
        let create = |conn: &mut multipartner::db::DbConnection, at| {
            multipartner::flows::invitations::create(
                conn,
                &ctx,
                &invitation_request(multipartner::policy::RequestedAccess::Reseller),
                at,
            )
            .unwrap()
            .invitation
            .id
        };
        let now = db::now();
        let pending = create(&mut conn, now);
        let revoked = create(&mut conn, now);
        multipartner::flows::invitations::revoke(&mut conn, &ctx, revoked, now).unwrap();
        // Created ten days ago with the default seven-day expiry: expired, not yet swept.
        let expired = create(&mut conn, now - chrono::TimeDelta::days(10));
        (pending, revoked, expired)
    };
    let rows = |page: &Page| -> Vec<i64> {
        let doc = scraper::Html::parse_document(&page.body);
        let sel = scraper::Selector::parse("tr[data-testid^=\"invitation-\"]").unwrap();
        doc.select(&sel)
            .filter_map(|e| e.value().attr("data-testid"))
            .filter_map(|t| t.strip_prefix("invitation-")?.parse().ok())
            .collect()
    };
    let all = rows(&anna.get("/partner/invitations").await);
    for id in [pending, revoked, expired] {
        assert!(all.contains(&id), "{id} in {all:?}");
    }
    for (state, wanted) in [
        ("pending", pending),
        ("revoked", revoked),
        ("expired", expired),
    ] {
        let page = anna
            .get(&format!("/partner/invitations?state={state}"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let got = rows(&page);
        assert!(got.contains(&wanted), "{state}: {got:?}");
        for other in [pending, revoked, expired]
            .into_iter()
            .filter(|i| *i != wanted)
        {
            assert!(!got.contains(&other), "{state}: {other} in {got:?}");
        }
        assert!(page.body.contains(&format!("value=\"{state}\" selected")));
    }
    let page = anna.get("/partner/invitations?state=declined").await;
    assert!(rows(&page).is_empty());
    assert_eq!(
        page.text_of("empty").as_deref(),
        Some(en("invitation-list-none-in-state").as_str())
    );
    let page = anna.get("/partner/invitations?state=bogus").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains(&en("invitation-error-state")));
}
both_backends!(the_list_filters_by_state);
