//! The partner side over HTTP: creating reseller, DAP and GDAP invitations through the form
//! (the link is shown once and only its SHA-256 is stored), every refusal of the form, the
//! indirect reseller naming its provider, the invitations list, detail and revocation with its
//! confirmation page; the partner's customers, only its own subscriptions, and placing an order.
//! Another tenant's objects answer 404 and the attempt is audited; refusals change nothing.

use diesel::prelude::*;
use multipartner::db::DbConnection;
use multipartner::db::models::invitation::Invitation;
use multipartner::db::models::relationship::NewRelationship;
use multipartner::db::models::{Offer, Relationship, Subscription};
use multipartner::db::schema::{invitations, subscriptions, users};
use multipartner::i18n::Lang;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

use crate::both_backends;
use crate::common::{
    Backend, Browser, Page, TestApp, spawn_app, subscription_fingerprint_up_to, tenant_id,
};

// ---------------------------------------------------------------------------------------------
// Helpers.

fn en(key: &str) -> String {
    // `max` is the limit a free-text error names; other messages ignore it.
    Lang::En.t_args(key, &[("max", "500")])
}

/// Every text of elements with this test id.
fn texts_of(page: &Page, test_id: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse(&format!("[data-testid=\"{test_id}\"]")).unwrap();
    doc.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Number of elements whose test id starts with `prefix`.
fn count_test_ids(page: &Page, prefix: &str) -> usize {
    let doc = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse(&format!("[data-testid^=\"{prefix}\"]")).unwrap();
    doc.select(&selector).count()
}

/// Opens the invitation form (as a browser would) and posts `fields` with its CSRF token.
async fn post_invitation(browser: &Browser, fields: &[(&str, &str)]) -> Page {
    post_invitation_with(browser, fields, &[]).await
}

async fn post_invitation_with(
    browser: &Browser,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Page {
    let form = browser.get("/partner/invitations/new").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.csrf();
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    browser
        .post_form_with("/partner/invitations", &all, headers)
        .await
}

/// The link on a created page, checked to be `{base}/invitations/{43-char token}`; returns the
/// token.
fn token_of(app: &TestApp, created: &Page) -> String {
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let link = created.text_of("invitation-link").expect("the link");
    let prefix = format!("{}/invitations/", app.base);
    let token = link
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{link} should start with {prefix}"))
        .to_owned();
    assert_eq!(token.len(), 43, "{token}");
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{token} is not base64url"
    );
    token
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn invitation_by_hash(app: &TestApp, hash: &str) -> Invitation {
    let mut conn = app.conn();
    invitations::table
        .filter(invitations::token_hash.eq(hash))
        .select(Invitation::as_select())
        .first(&mut *conn as &mut DbConnection)
        .expect("the invitation is stored under the token's hash")
}

fn all_invitations(app: &TestApp) -> Vec<Invitation> {
    let mut conn = app.conn();
    invitations::table
        .order(invitations::id.asc())
        .select(Invitation::as_select())
        .load(&mut *conn as &mut DbConnection)
        .unwrap()
}

fn tenant(app: &TestApp, external_id: &str) -> i64 {
    let mut conn = app.conn();
    tenant_id(&mut conn, external_id)
}

fn user_id(app: &TestApp, login: &str) -> i64 {
    let mut conn = app.conn();
    users::table
        .filter(users::login.eq(login))
        .select(users::id)
        .first(&mut *conn as &mut DbConnection)
        .expect("signed-in user")
}

/// Creates a relationship-only invitation over HTTP; returns its id.
async fn create_reseller_invitation(app: &TestApp, browser: &Browser) -> i64 {
    let created = post_invitation(browser, &[("access", "reseller")]).await;
    let token = token_of(app, &created);
    invitation_by_hash(app, &sha256_hex(&token)).id
}

// ---------------------------------------------------------------------------------------------
// Creating invitations.

/// Reseller, DAP and GDAP invitations through the form: the created page shows the link once,
/// with ready-to-send e-mail text; the database holds only the token's SHA-256, and no other
/// page shows the link again.
async fn creating_invitations_shows_the_link_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = app.signed_in("anna@fabrikam").await;
    let fabrikam = tenant(&app, "t-fabrikam");
    let anna_id = user_id(&app, "anna@fabrikam");

    let form = anna.get("/partner/invitations/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"csrf_token\""));
    // Every GDAP role of the catalogue is offered, with a label; no provider for a direct reseller.
    assert_eq!(form.body.matches("name=\"role\"").count(), 12);
    assert_eq!(form.body.matches("<label for=\"role-").count(), 12);
    assert!(!form.body.contains("name=\"provider\""));
    assert!(
        form.body.contains("value=\"7\""),
        "expiry defaults to 7 days"
    );
    assert!(
        !form.body.contains("<script"),
        "the form needs no JavaScript"
    );

    let mut tokens = Vec::new();
    for (fields, access) in [
        (vec![("access", "reseller")], "reseller"),
        (vec![("access", "reseller_dap")], "reseller_dap"),
        (
            vec![
                ("access", "reseller_gdap"),
                ("role", "helpdesk_administrator"),
                ("role", "global_reader"),
                ("duration_days", "90"),
                ("auto_extend", "on"),
                ("customer_domain", "Contoso.Partner.OnMSChina.CN"),
                ("message", "Hello <b>Contoso</b>"),
                ("expiry_days", "14"),
            ],
            "reseller_gdap",
        ),
    ] {
        let before = app.count("invitations");
        let created = post_invitation(&anna, &fields).await;
        let token = token_of(&app, &created);
        let link = format!("{}/invitations/{token}", app.base);
        assert_eq!(
            created.body.matches(&link).count(),
            1,
            "the link is on the page exactly once"
        );
        assert_eq!(created.body.matches(&token).count(), 1);
        assert_eq!(app.count("invitations"), before + 1);

        // Ready-to-send e-mail text around the link, in the user's language.
        let email = created.text_of("email-text").unwrap();
        assert!(email.contains(&link), "{email}");
        assert!(
            email.contains("Fabrikam") && email.contains("5100001"),
            "{email}"
        );
        assert!(
            created
                .text_of("email-subject")
                .unwrap()
                .contains("Fabrikam")
        );
        // The copy buttons are progressive enhancement: hidden without the script, which is
        // an external file (the CSP allows no inline script).
        assert!(created.body.contains("<script src=\"/static/copy.js\""));
        assert!(!created.body.contains("<script>"));
        let copy_button = created
            .body
            .split("data-testid=\"copy-link\"")
            .next()
            .unwrap()
            .rsplit("<button")
            .next()
            .unwrap();
        assert!(copy_button.contains(" hidden"), "{copy_button}");
        assert_eq!(
            created
                .headers
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store")
        );

        // Only the SHA-256 of the token is stored.
        let hash = sha256_hex(&token);
        assert_eq!(hash.len(), 64);
        let stored = invitation_by_hash(&app, &hash);
        assert_eq!(stored.token_hash, hash);
        assert_eq!(stored.access.as_str(), access);
        assert_eq!(stored.partner_tenant_id, fabrikam);
        assert_eq!(stored.created_by_user_id, anna_id);
        assert_eq!(stored.state, multipartner::domain::InvitationState::Pending);
        tokens.push((token, stored.id));
    }

    // The GDAP invitation holds exactly what was asked.
    let gdap = all_invitations(&app)
        .into_iter()
        .find(|i| i.access == multipartner::domain::InvitationAccess::ResellerGdap)
        .unwrap();
    assert_eq!(
        gdap.gdap_roles.as_deref(),
        Some("helpdesk_administrator,global_reader")
    );
    assert_eq!(gdap.gdap_duration_days, Some(90));
    assert!(gdap.auto_extend);
    assert_eq!(
        gdap.customer_domain.as_deref(),
        Some("contoso.partner.onmschina.cn")
    );
    assert_eq!(gdap.message.as_deref(), Some("Hello <b>Contoso</b>"));
    assert_eq!((gdap.expires_at - gdap.created_at).num_days(), 14);
    let dap = all_invitations(&app)
        .into_iter()
        .find(|i| i.access == multipartner::domain::InvitationAccess::ResellerDap)
        .unwrap();
    assert_eq!((dap.expires_at - dap.created_at).num_days(), 7);
    assert_eq!(dap.gdap_roles, None);

    // The token is nowhere in the database: no column of any invitation, no audit event.
    for (token, _) in &tokens {
        for row in all_invitations(&app) {
            assert!(!format!("{row:?}").contains(token.as_str()), "{row:?}");
        }
        assert_eq!(
            app.count(&format!(
                "audit_events WHERE COALESCE(detail, '') LIKE '%{token}%' \
                 OR COALESCE(target_kind, '') LIKE '%{token}%'"
            )),
            0
        );
    }
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.create' AND outcome = 'success'"),
        3
    );

    // The list and the detail pages never show it again.
    let list = anna.get("/partner/invitations").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(count_test_ids(&list, "invitation-"), 3);
    for (token, id) in &tokens {
        assert!(!list.body.contains(token.as_str()));
        let detail = anna.get(&format!("/partner/invitations/{id}")).await;
        assert_eq!(detail.status, StatusCode::OK);
        assert!(!detail.body.contains(token.as_str()));
        assert!(detail.text_of("link-gone").is_some());
        let confirm = anna.get(&format!("/partner/invitations/{id}/revoke")).await;
        assert!(!confirm.body.contains(token.as_str()));
    }
    // The GDAP detail shows the roles, duration and message (escaped).
    let detail = anna.get(&format!("/partner/invitations/{}", gdap.id)).await;
    let roles = detail.text_of("roles").unwrap();
    assert!(roles.contains(&en("gdap-role-helpdesk-administrator")));
    assert!(roles.contains(&en("gdap-role-global-reader")));
    assert!(detail.text_of("duration").unwrap().contains("90"));
    assert_eq!(
        detail.text_of("message").as_deref(),
        Some("Hello <b>Contoso</b>")
    );
    assert!(
        !detail.body.contains("<b>Contoso"),
        "the message is escaped"
    );
    assert_eq!(
        detail.text_of("customer-domain").as_deref(),
        Some("contoso.partner.onmschina.cn")
    );

    // The e-mail text comes in the user's language.
    let zh = post_invitation_with(
        &anna,
        &[("access", "reseller")],
        &[("Accept-Language", "zh-CN")],
    )
    .await;
    token_of(&app, &zh);
    assert_eq!(
        zh.text_of("email-subject").unwrap(),
        Lang::ZhCn.t_args("invitation-email-subject", &[("partner", "Fabrikam")])
    );
    assert!(zh.text_of("email-text").unwrap().contains("世纪互联"));
}
both_backends!(creating_invitations_shows_the_link_once);

/// Each bad input answers with the form, a message beside the field and the values as typed,
/// and creates nothing.
async fn invitation_form_refuses_bad_input(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = app.signed_in("anna@fabrikam").await;
    let long_message = "m".repeat(501);
    let gdap = |extra: &[(&'static str, &'static str)]| {
        let mut fields = vec![
            ("access", "reseller_gdap"),
            ("role", "helpdesk_administrator"),
            ("duration_days", "90"),
        ];
        for (name, value) in extra {
            fields.retain(|(n, _)| n != name || *name == "role");
            fields.push((*name, *value));
        }
        fields
    };
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            gdap(&[("role", "global_administrator"), ("auto_extend", "on")]),
            "invitation-error-auto-extend-global-admin",
        ),
        (gdap(&[("duration_days", "0")]), "invitation-error-duration"),
        (
            gdap(&[("duration_days", "731")]),
            "invitation-error-duration",
        ),
        (
            vec![("access", "reseller_gdap"), ("duration_days", "90")],
            "invitation-error-roles-none",
        ),
        (gdap(&[("role", "owner")]), "invitation-error-role-unknown"),
        (
            vec![("access", "reseller"), ("customer_domain", "contoso")],
            "invitation-error-domain",
        ),
        (
            vec![("access", "reseller"), ("message", long_message.as_str())],
            "free-text-error-too-long",
        ),
        (
            vec![("access", "reseller"), ("expiry_days", "91")],
            "invitation-error-expiry",
        ),
        (
            vec![("access", "reseller"), ("expiry_days", "0")],
            "invitation-error-expiry",
        ),
        (vec![("access", "everything")], "invitation-error-access"),
        (
            vec![("access", "reseller"), ("provider", "Litware")],
            "invitation-error-provider-invalid",
        ),
    ];
    let invitations_before = app.count("invitations");
    for (fields, key) in cases {
        let page = post_invitation(&anna, &fields).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{key}: {}", page.body);
        assert!(page.text_of("invitation-form").is_some(), "{key}: the form");
        assert!(
            texts_of(&page, "field-error").contains(&en(key))
                || page.text_of("form-error").unwrap().contains(&en(key)),
            "{key}: {:?}",
            texts_of(&page, "field-error")
        );
        assert!(page.text_of("form-error").unwrap().contains(&en(key)));
        assert_eq!(app.count("invitations"), invitations_before, "{key}");
        // What was typed comes back.
        for (name, value) in &fields {
            match *name {
                "role" if *value != "owner" => assert!(
                    page.body.contains(&format!(
                        "name=\"role\" value=\"{value}\" aria-describedby=\"role-{value}-hint\" checked"
                    )),
                    "{key}: role {value} stays ticked"
                ),
                "duration_days" | "expiry_days" | "customer_domain" => assert!(
                    page.body.contains(&format!("value=\"{value}\"")),
                    "{key}: {name}={value}"
                ),
                "message" => assert!(page.body.contains(value), "{key}: message"),
                _ => {}
            }
        }
    }
    // A form with a valid GDAP request goes through.
    let ok = post_invitation(&anna, &gdap(&[("role", "global_administrator")])).await;
    token_of(&app, &ok);
    assert_eq!(app.count("invitations"), invitations_before + 1);

    // A direct reseller may not name a provider (the flow refuses and audits; nothing is made).
    let litware = tenant(&app, "t-litware").to_string();
    let refused = post_invitation(&anna, &[("access", "reseller"), ("provider", &litware)]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused
            .text_of("form-error")
            .unwrap()
            .contains(&en("invitation-error-provider-not-allowed"))
    );
    assert_eq!(app.count("invitations"), invitations_before + 1);
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.create' AND outcome = 'failure'"),
        1
    );

    // Without the CSRF token nothing is created either.
    let forged = anna
        .post_form("/partner/invitations", &[("access", "reseller")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("invitations"), invitations_before + 1);
}
both_backends!(invitation_form_refuses_bad_input);

/// An indirect reseller must name the indirect provider it acts for, and only its own.
async fn indirect_reseller_names_its_provider(backend: Backend) {
    let app = spawn_app(backend).await;
    let ivan = app.signed_in("ivan@tailspin").await;
    let litware = tenant(&app, "t-litware");
    let northwind = tenant(&app, "t-northwind");

    let form = ivan.get("/partner/invitations/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("<label for=\"provider\">"));
    assert!(form.body.contains(&format!("value=\"{litware}\"")));
    assert!(form.body.contains("Litware"));
    assert!(!form.body.contains("Northwind"), "only its own providers");

    let before = app.count("invitations");
    let missing = post_invitation(&ivan, &[("access", "reseller"), ("provider", "")]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        missing.text_of("field-error").as_deref(),
        Some(en("invitation-error-provider-required").as_str())
    );
    let other = post_invitation(
        &ivan,
        &[("access", "reseller"), ("provider", &northwind.to_string())],
    )
    .await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        other.text_of("field-error").as_deref(),
        Some(en("invitation-error-provider-not-associated").as_str())
    );
    let not_a_number =
        post_invitation(&ivan, &[("access", "reseller"), ("provider", "Litware")]).await;
    assert_eq!(not_a_number.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("invitations"), before);

    let created = post_invitation(
        &ivan,
        &[
            ("access", "reseller_dap"),
            ("provider", &litware.to_string()),
        ],
    )
    .await;
    let token = token_of(&app, &created);
    let stored = invitation_by_hash(&app, &sha256_hex(&token));
    assert_eq!(stored.indirect_provider_tenant_id, Some(litware));
    assert_eq!(stored.partner_tenant_id, tenant(&app, "t-tailspin"));
    assert!(created.text_of("email-text").unwrap().contains("Litware"));
    assert_eq!(created.text_of("provider").as_deref(), Some("Litware"));
    let detail = ivan
        .get(&format!("/partner/invitations/{}", stored.id))
        .await;
    assert_eq!(detail.text_of("provider").as_deref(), Some("Litware"));
}
both_backends!(indirect_reseller_names_its_provider);

/// A sales agent may invite too.
async fn sales_agent_can_invite(backend: Backend) {
    let app = spawn_app(backend).await;
    let sam = app.signed_in("sam@fabrikam").await;
    let created = post_invitation(&sam, &[("access", "reseller")]).await;
    let token = token_of(&app, &created);
    let stored = invitation_by_hash(&app, &sha256_hex(&token));
    assert_eq!(stored.created_by_user_id, user_id(&app, "sam@fabrikam"));
    let list = sam.get("/partner/invitations").await;
    assert_eq!(list.text_of("created-by").as_deref(), Some("Sam Fabrikam"));
    // And colleagues see each other's invitations.
    let anna = app.signed_in("anna@fabrikam").await;
    let list = anna.get("/partner/invitations").await;
    assert_eq!(list.text_of("created-by").as_deref(), Some("Sam Fabrikam"));
}
both_backends!(sales_agent_can_invite);

/// Issue 12, finding 5: a sales agent invites to a reseller relationship only and revokes only
/// their own invitations. The form offers sam no admin access; posted anyway, DAP and GDAP are
/// refused with the reason (403, nothing stored, the refusal audited); anna's invitation cannot
/// be revoked by sam (neither its confirmation page nor the POST), his own can.
async fn sales_agent_invites_reseller_only_and_revokes_own(backend: Backend) {
    let app = spawn_app(backend).await;
    let sam = app.signed_in("sam@fabrikam").await;
    let anna = app.signed_in("anna@fabrikam").await;

    let form = sam.get("/partner/invitations/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"reseller\""));
    assert!(
        !form.body.contains("value=\"reseller_dap\""),
        "no DAP offered"
    );
    assert!(
        !form.body.contains("value=\"reseller_gdap\""),
        "no GDAP offered"
    );
    assert!(
        !form.body.contains("name=\"role\""),
        "no GDAP roles offered"
    );
    assert_eq!(
        form.text_of("sales-agent-note").as_deref(),
        Some(en("invitation-form-sales-agent-note").as_str())
    );
    // An admin agent's form offers all three.
    let full = anna.get("/partner/invitations/new").await;
    assert!(full.body.contains("value=\"reseller_gdap\""));
    assert!(full.text_of("sales-agent-note").is_none());

    let before = app.count("invitations");
    for fields in [
        vec![("access", "reseller_dap")],
        vec![
            ("access", "reseller_gdap"),
            ("role", "global_administrator"),
            ("role", "user_administrator"),
            ("duration_days", "730"),
        ],
    ] {
        let refused = post_invitation(&sam, &fields).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{fields:?}");
        assert!(
            texts_of(&refused, "field-error")
                .contains(&en("invitation-error-admin-access-admin-agent")),
            "{fields:?}: {}",
            refused.body
        );
        assert!(refused.text_of("invitation-link").is_none());
    }
    assert_eq!(app.count("invitations"), before, "nothing was created");
    assert_eq!(
        app.count(
            "audit_events WHERE action = 'invitation.create' AND outcome = 'denied' \
             AND detail = 'forbidden'"
        ),
        2
    );
    // A reseller invitation is his to make.
    let own = create_reseller_invitation(&app, &sam).await;

    // Anna's invitation: sam sees it, is not offered revoke, and is refused both steps.
    let annas = create_reseller_invitation(&app, &anna).await;
    let detail = sam.get(&format!("/partner/invitations/{annas}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.text_of("revoke").is_none(), "no revoke offered");
    let confirm = sam
        .get(&format!("/partner/invitations/{annas}/revoke"))
        .await;
    assert_eq!(confirm.status, StatusCode::FORBIDDEN);
    let csrf = sam.csrf().await;
    let refused = sam
        .post_form(
            &format!("/partner/invitations/{annas}/revoke"),
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("invitations WHERE state = 'revoked'"), 0);
    assert_eq!(
        app.count(
            "audit_events WHERE action = 'invitation.revoke' AND outcome = 'denied' \
             AND detail = 'forbidden'"
        ),
        1
    );

    // His own: offered, confirmed, revoked.
    let detail = sam.get(&format!("/partner/invitations/{own}")).await;
    assert!(detail.text_of("revoke").is_some(), "revoke offered");
    let confirm = sam.get(&format!("/partner/invitations/{own}/revoke")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    let revoked = sam
        .post_form(
            &format!("/partner/invitations/{own}/revoke"),
            &[("csrf_token", confirm.csrf().as_str())],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("invitations WHERE state = 'revoked'"), 1);

    // The admin agent may still revoke a colleague's.
    let detail = anna.get(&format!("/partner/invitations/{annas}")).await;
    assert!(detail.text_of("revoke").is_some());
}
both_backends!(sales_agent_invites_reseller_only_and_revokes_own);

// ---------------------------------------------------------------------------------------------
// The invitations list, detail and revocation.

async fn invitations_list_detail_and_revoke(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = app.signed_in("anna@fabrikam").await;

    let empty = anna.get("/partner/invitations").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(
        empty.text_of("empty").as_deref(),
        Some(en("invitation-list-empty").as_str())
    );

    let first = create_reseller_invitation(&app, &anna).await;
    let second = create_reseller_invitation(&app, &anna).await;

    // The list: state, creator, expiry.
    let list = anna.get("/partner/invitations").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(count_test_ids(&list, "invitation-"), 2);
    assert_eq!(
        texts_of(&list, "state"),
        vec![en("invitation-state-pending"); 2]
    );
    assert_eq!(
        texts_of(&list, "created-by"),
        vec!["Anna Fabrikam".to_owned(); 2]
    );
    let stored = all_invitations(&app);
    let expiry = stored[0]
        .expires_at
        .format("%Y-%m-%d %H:%M UTC")
        .to_string();
    assert!(list.body.contains(&expiry), "expiry {expiry} is shown");

    // Revoking: the confirmation page (no JavaScript), then the post.
    let detail = anna.get(&format!("/partner/invitations/{first}")).await;
    assert!(
        detail
            .body
            .contains(&format!("href=\"/partner/invitations/{first}/revoke\""))
    );
    let confirm = anna
        .get(&format!("/partner/invitations/{first}/revoke"))
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.text_of("effects").is_some());
    assert!(
        confirm
            .body
            .contains(&format!("action=\"/partner/invitations/{first}/revoke\""))
    );
    assert_eq!(
        app.count("invitations WHERE state = 'pending'"),
        2,
        "the confirmation page changes nothing"
    );
    let revoked = anna
        .post_form(
            &format!("/partner/invitations/{first}/revoke"),
            &[("csrf_token", &confirm.csrf())],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(
        revoked.location().as_deref(),
        Some(format!("/partner/invitations/{first}").as_str())
    );
    let after = anna.get(&format!("/partner/invitations/{first}")).await;
    assert_eq!(
        after.text_of("flash").as_deref(),
        Some(en("invitation-flash-revoked").as_str())
    );
    assert_eq!(
        after.text_of("state").as_deref(),
        Some(en("invitation-state-revoked").as_str())
    );
    assert!(after.text_of("revoke").is_none(), "nothing left to revoke");
    assert!(after.text_of("decided").unwrap().contains("Anna Fabrikam"));
    assert_eq!(app.count("invitations WHERE state = 'revoked'"), 1);
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.revoke' AND outcome = 'success'"),
        1
    );

    // Again: 409, and nothing changes.
    let again = anna
        .post_form(
            &format!("/partner/invitations/{first}/revoke"),
            &[("csrf_token", &confirm.csrf())],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains(&en("invitation-error-not-pending")));
    let confirm_again = anna
        .get(&format!("/partner/invitations/{first}/revoke"))
        .await;
    assert_eq!(confirm_again.status, StatusCode::OK);
    assert!(confirm_again.text_of("nothing-to-do").is_some());
    assert!(!confirm_again.body.contains("data-testid=\"confirm\""));

    // Another partner: 404 for the detail, the confirmation and the post, each audited.
    let li = app.signed_in("li@northwind").await;
    let li_csrf = li.csrf().await;
    let denied_before = app.count("audit_events WHERE outcome = 'denied'");
    for path in [
        format!("/partner/invitations/{second}"),
        format!("/partner/invitations/{second}/revoke"),
    ] {
        let page = li.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.body.contains("Fabrikam"), "{path}");
    }
    let post = li
        .post_form(
            &format!("/partner/invitations/{second}/revoke"),
            &[("csrf_token", &li_csrf)],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.count(&format!(
            "audit_events WHERE action = 'access.denied' AND target_kind = 'invitation' \
             AND target_id = {second}"
        )),
        2
    );
    assert_eq!(
        app.count(&format!(
            "audit_events WHERE action = 'invitation.revoke' AND outcome = 'denied' \
             AND target_id = {second}"
        )),
        1
    );
    assert_eq!(
        app.count("audit_events WHERE outcome = 'denied'"),
        denied_before + 3
    );
    assert_eq!(app.count("invitations WHERE state = 'pending'"), 1);
    // A missing invitation looks the same; a non-numeric id is simply not found.
    assert_eq!(
        li.get("/partner/invitations/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anna.get("/partner/invitations/abc").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anna.get("/partner/invitations/-1/revoke").await.status,
        StatusCode::NOT_FOUND
    );
    // Northwind's list does not show Fabrikam's invitations.
    let li_list = li.get("/partner/invitations").await;
    assert!(li_list.text_of("empty").is_some());

    // A pending invitation past its expiry reads as expired and offers no revoke.
    {
        let mut conn = app.conn();
        diesel::update(invitations::table.find(second))
            .set(invitations::expires_at.eq(multipartner::db::now() - chrono::TimeDelta::hours(1)))
            .execute(&mut *conn as &mut DbConnection)
            .unwrap();
    }
    let expired = anna.get(&format!("/partner/invitations/{second}")).await;
    assert_eq!(
        expired.text_of("state").as_deref(),
        Some(en("invitation-state-expired").as_str())
    );
    assert!(expired.text_of("revoke").is_none());
    let list = anna.get("/partner/invitations").await;
    let states = texts_of(&list, "state");
    assert!(
        states.contains(&en("invitation-state-expired")),
        "{states:?}"
    );
    assert!(
        states.contains(&en("invitation-state-revoked")),
        "{states:?}"
    );

    // A customer may not use the partner pages.
    let grace = app.signed_in("grace@contoso").await;
    let grace_csrf = grace.csrf().await;
    for path in ["/partner/invitations", "/partner/invitations/new"] {
        assert_eq!(
            grace.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let count = app.count("invitations");
    let posted = grace
        .post_form(
            "/partner/invitations",
            &[("csrf_token", &grace_csrf), ("access", "reseller")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("invitations"), count);
    // Signed out: sign in first.
    let visitor = app.browser().get("/partner/invitations").await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
    assert!(
        visitor
            .location()
            .unwrap()
            .starts_with("/auth/signin?next=")
    );
}
both_backends!(invitations_list_detail_and_revoke);

/// More invitations than a page: keyset pages with a signed cursor, newest first.
async fn invitations_list_pages(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = app.signed_in("anna@fabrikam").await;
    let fabrikam = tenant(&app, "t-fabrikam");
    let anna_id = user_id(&app, "anna@fabrikam");
    {
        use multipartner::db::models::invitation::NewInvitation;
        let mut conn = app.conn();
        let conn: &mut DbConnection = &mut conn;
        let start = multipartner::db::now();
        for n in 0..55 {
            let hash = sha256_hex(&format!("seed-{n}"));
            Invitation::insert(
                conn,
                &NewInvitation {
                    partner_tenant_id: fabrikam,
                    indirect_provider_tenant_id: None,
                    token_hash: &hash,
                    access: multipartner::domain::InvitationAccess::Reseller,
                    gdap_roles: None,
                    gdap_duration_days: None,
                    auto_extend: false,
                    customer_domain: None,
                    message: None,
                    state: multipartner::domain::InvitationState::Pending,
                    created_by_user_id: anna_id,
                    // Two per second, so equal timestamps are common at page edges.
                    created_at: start - chrono::TimeDelta::seconds(n / 2),
                    expires_at: start + chrono::TimeDelta::days(7),
                    display_name: None,
                },
            )
            .unwrap();
        }
    }
    let first = anna.get("/partner/invitations").await;
    assert_eq!(count_test_ids(&first, "invitation-"), 50);
    let next = {
        let doc = scraper::Html::parse_document(&first.body);
        let sel = scraper::Selector::parse("[data-testid=next-page]").unwrap();
        doc.select(&sel)
            .next()
            .and_then(|e| e.value().attr("href"))
            .expect("a next page")
            .to_owned()
    };
    let second = anna.get(&next).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(count_test_ids(&second, "invitation-"), 5);
    assert!(second.text_of("next-page").is_none());
    let ids = |page: &Page| {
        let doc = scraper::Html::parse_document(&page.body);
        let sel = scraper::Selector::parse("tr[data-testid^=invitation-]").unwrap();
        doc.select(&sel)
            .map(|e| e.value().attr("data-testid").unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let mut all = ids(&first);
    all.extend(ids(&second));
    let unique: std::collections::BTreeSet<_> = all.iter().collect();
    assert_eq!(unique.len(), 55, "no row twice, none missing");
    // A forged cursor is refused, not queried; Northwind cannot page through Fabrikam's list.
    let forged = anna.get("/partner/invitations?after=abc.def").await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    let li = app.signed_in("li@northwind").await;
    let theirs = li.get(&next).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.text_of("empty").is_some());
}
both_backends!(invitations_list_pages);

// ---------------------------------------------------------------------------------------------
// Customers and orders.

fn contoso_subscription_ids(app: &TestApp, partner: Option<i64>) -> Vec<i64> {
    let mut conn = app.conn();
    let contoso = tenant_id(&mut conn, "t-contoso");
    let mut query = subscriptions::table
        .filter(subscriptions::customer_tenant_id.eq(contoso))
        .select(subscriptions::id)
        .order(subscriptions::id.asc())
        .into_boxed();
    if let Some(partner) = partner {
        query = query.filter(subscriptions::partner_of_record_tenant_id.eq(partner));
    }
    query.load(&mut *conn as &mut DbConnection).unwrap()
}

fn max_subscription_id(app: &TestApp) -> i64 {
    let mut conn = app.conn();
    subscriptions::table
        .select(diesel::dsl::max(subscriptions::id))
        .first::<Option<i64>>(&mut *conn as &mut DbConnection)
        .unwrap()
        .unwrap_or(0)
}

fn fingerprint(app: &TestApp, up_to: i64) -> String {
    let mut conn = app.conn();
    subscription_fingerprint_up_to(&mut conn, up_to)
}

async fn partner_customers_and_orders(backend: Backend) {
    let app = spawn_app(backend).await;
    let li = app.signed_in("li@northwind").await;
    let contoso = tenant(&app, "t-contoso");
    let northwind = tenant(&app, "t-northwind");

    // The list: Contoso with the active relationship.
    let list = li.get("/partner/customers").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(count_test_ids(&list, "customer-"), 1);
    assert!(
        list.body
            .contains(&format!("data-testid=\"customer-{contoso}\""))
    );
    assert!(list.body.contains("Contoso"));
    assert_eq!(
        list.text_of("relationship-state").as_deref(),
        Some(en("relationship-state-active").as_str())
    );
    assert!(list.text_of("admin-access").is_some());

    // The detail: exactly Contoso's three Northwind subscriptions, and the order form.
    let northwind_subs = contoso_subscription_ids(&app, Some(northwind));
    assert_eq!(northwind_subs.len(), 3);
    let detail = li.get(&format!("/partner/customers/{contoso}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(detail.text_of("customer-name").as_deref(), Some("Contoso"));
    assert_eq!(count_test_ids(&detail, "subscription-"), 3);
    for id in &northwind_subs {
        assert!(
            detail
                .body
                .contains(&format!("data-testid=\"subscription-{id}\""))
        );
    }
    assert!(detail.text_of("order-form").is_some());
    assert!(detail.body.contains("<label for=\"offer\">"));
    assert!(detail.body.contains("<label for=\"quantity\">"));
    let csrf = detail.csrf();

    let offer = {
        let mut conn = app.conn();
        Offer::all(&mut *conn as &mut DbConnection)
            .unwrap()
            .into_iter()
            .find(|o| o.sku == "D365-SALES")
            .unwrap()
    };
    let order_path = format!("/partner/customers/{contoso}/subscriptions");

    // Bad input: the page again with the error, nothing written.
    let max_before = max_subscription_id(&app);
    let all_before = fingerprint(&app, i64::MAX);
    let offer_id = offer.id.to_string();
    for (offer_value, quantity, key) in [
        (offer_id.as_str(), "0", "order-error-quantity"),
        (offer_id.as_str(), "10001", "order-error-quantity"),
        (offer_id.as_str(), "x", "order-error-quantity"),
        ("", "5", "order-error-offer"),
        ("999999", "5", "order-error-offer"),
    ] {
        let page = li
            .post_form(
                &order_path,
                &[
                    ("csrf_token", &csrf),
                    ("offer", offer_value),
                    ("quantity", quantity),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{quantity} {key}");
        assert_eq!(
            page.text_of("field-error").as_deref(),
            Some(en(key).as_str()),
            "{quantity}"
        );
        assert!(page.text_of("form-error").is_some());
        assert!(page.body.contains(&format!("value=\"{quantity}\"")), "kept");
        assert_eq!(fingerprint(&app, i64::MAX), all_before, "{quantity} {key}");
    }

    // A good order: one new subscription, Northwind as Partner of Record, nothing else changed.
    let placed = li
        .post_form(
            &order_path,
            &[
                ("csrf_token", &csrf),
                ("offer", &offer_id),
                ("quantity", "7"),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    assert_eq!(
        placed.location().as_deref(),
        Some(format!("/partner/customers/{contoso}").as_str())
    );
    assert_eq!(fingerprint(&app, max_before), all_before);
    let new: Vec<Subscription> = {
        let mut conn = app.conn();
        subscriptions::table
            .filter(subscriptions::id.gt(max_before))
            .select(Subscription::as_select())
            .load(&mut *conn as &mut DbConnection)
            .unwrap()
    };
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].customer_tenant_id, contoso);
    assert_eq!(new[0].partner_of_record_tenant_id, northwind);
    assert_eq!(new[0].offer_id, offer.id);
    assert_eq!(new[0].quantity, 7);
    assert_eq!(
        new[0].status,
        multipartner::domain::SubscriptionStatus::Active
    );
    assert_eq!(new[0].term, offer.term);
    let after = li.get(&format!("/partner/customers/{contoso}")).await;
    assert_eq!(
        after.text_of("flash").as_deref(),
        Some(en("order-flash-placed").as_str())
    );
    assert_eq!(count_test_ids(&after, "subscription-"), 4);
    assert!(after.body.contains("Dynamics 365 Sales Enterprise"));

    // Fabrikam has no relationship with Contoso: empty list, 404 for the page and the order.
    let anna = app.signed_in("anna@fabrikam").await;
    let anna_list = anna.get("/partner/customers").await;
    assert_eq!(anna_list.status, StatusCode::OK);
    assert_eq!(
        anna_list
            .text_of("empty")
            .map(|t| t.contains(&en("customers-empty"))),
        Some(true)
    );
    let anna_csrf = anna.csrf().await;
    let denied_before = app.count("audit_events WHERE outcome = 'denied'");
    let all_before = fingerprint(&app, i64::MAX);
    let page = anna.get(&format!("/partner/customers/{contoso}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Contoso"));
    for quantity in ["3", "x"] {
        let order = anna
            .post_form(
                &order_path,
                &[
                    ("csrf_token", &anna_csrf),
                    ("offer", &offer_id),
                    ("quantity", quantity),
                ],
            )
            .await;
        assert_eq!(order.status, StatusCode::NOT_FOUND, "{quantity}");
    }
    assert_eq!(fingerprint(&app, i64::MAX), all_before);
    assert_eq!(
        app.count(&format!(
            "audit_events WHERE action = 'access.denied' AND target_kind = 'tenant' \
             AND target_id = {contoso}"
        )),
        2,
        "the page and the refused bad order"
    );
    assert_eq!(
        app.count(&format!(
            "audit_events WHERE action = 'subscription.order' AND outcome = 'denied' \
             AND target_id = {contoso}"
        )),
        1
    );
    assert_eq!(
        app.count("audit_events WHERE outcome = 'denied'"),
        denied_before + 3
    );
    assert_eq!(
        anna.get("/partner/customers/abc").await.status,
        StatusCode::NOT_FOUND
    );
    // A customer user may not use the partner's pages at all.
    let grace = app.signed_in("grace@contoso").await;
    assert_eq!(
        grace.get("/partner/customers").await.status,
        StatusCode::FORBIDDEN
    );
}
both_backends!(partner_customers_and_orders);

/// Two partners of one customer: each sees only its own relationship and subscriptions, and
/// no page names the other partner.
async fn partners_never_see_each_other(backend: Backend) {
    let app = spawn_app(backend).await;
    let contoso = tenant(&app, "t-contoso");
    let fabrikam = tenant(&app, "t-fabrikam");
    {
        let mut conn = app.conn();
        Relationship::insert(
            &mut conn,
            &NewRelationship {
                customer_tenant_id: contoso,
                partner_tenant_id: fabrikam,
                relationship_type: multipartner::domain::RelationshipType::DirectReseller,
                provider_tenant_id: None,
                state: multipartner::domain::RelationshipState::Active,
                invitation_id: None,
                established_at: multipartner::db::now(),
            },
        )
        .unwrap();
    }
    let anna = app.signed_in("anna@fabrikam").await;
    let list = anna.get("/partner/customers").await;
    assert_eq!(count_test_ids(&list, "customer-"), 1);
    let detail = anna.get(&format!("/partner/customers/{contoso}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(count_test_ids(&detail, "subscription-"), 0);
    assert!(detail.text_of("no-subscriptions").is_some());
    assert!(detail.text_of("order-form").is_some());
    for page in [&list, &detail] {
        assert!(!page.body.contains("Northwind"));
        assert!(!page.body.contains("5100002"));
    }
    let li = app.signed_in("li@northwind").await;
    let list = li.get("/partner/customers").await;
    let detail = li.get(&format!("/partner/customers/{contoso}")).await;
    assert_eq!(count_test_ids(&detail, "subscription-"), 3);
    for page in [&list, &detail] {
        assert!(!page.body.contains("Fabrikam"));
        assert!(!page.body.contains("5100001"));
    }
}
both_backends!(partners_never_see_each_other);

/// Admin access past its end reads as expired (before any sweep), unless it renews itself.
async fn admin_access_state_is_computed_at_read_time(backend: Backend) {
    use multipartner::db::models::AdminAccess;
    use multipartner::db::models::admin_access::NewAdminAccess;
    let app = spawn_app(backend).await;
    let contoso = tenant(&app, "t-contoso");
    let northwind = tenant(&app, "t-northwind");
    let now = multipartner::db::now();
    let grant = |auto_extend: bool| {
        let mut conn = app.conn();
        let conn: &mut DbConnection = &mut conn;
        let relationship = Relationship::active_between(conn, contoso, northwind)
            .unwrap()
            .expect("the seeded relationship");
        diesel::update(multipartner::db::schema::admin_access::table)
            .set(multipartner::db::schema::admin_access::state.eq("removed"))
            .execute(conn)
            .unwrap();
        AdminAccess::insert(
            conn,
            &NewAdminAccess {
                relationship_id: relationship.id,
                customer_tenant_id: contoso,
                partner_tenant_id: northwind,
                kind: multipartner::domain::AdminAccessKind::Gdap,
                roles: "helpdesk_administrator",
                starts_at: now - chrono::TimeDelta::days(30),
                ends_at: Some(now - chrono::TimeDelta::days(1)),
                auto_extend,
                state: multipartner::domain::AdminAccessState::Active,
                invitation_id: None,
            },
        )
        .unwrap();
    };
    let li = app.signed_in("li@northwind").await;

    grant(false);
    let list = li.get("/partner/customers").await;
    let access = list.text_of("admin-access").unwrap();
    assert!(
        access.contains(&en("admin-access-state-expired")),
        "{access}"
    );
    let detail = li.get(&format!("/partner/customers/{contoso}")).await;
    assert!(
        detail
            .text_of("admin-access")
            .unwrap()
            .contains(&en("admin-access-state-expired"))
    );

    grant(true);
    let list = li.get("/partner/customers").await;
    let access = list.text_of("admin-access").unwrap();
    assert!(
        access.contains(&en("admin-access-state-active")),
        "{access}"
    );
    let renewed_end = (now - chrono::TimeDelta::days(1) + chrono::TimeDelta::days(180))
        .format("%Y-%m-%d")
        .to_string();
    assert!(access.contains(&renewed_end), "{access}");
}
both_backends!(admin_access_state_is_computed_at_read_time);
