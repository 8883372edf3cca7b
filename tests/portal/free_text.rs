//! Free text one person writes for another to read (an invitation's message, the reason a
//! relationship ended): characters that make it read differently from what it says are refused
//! with a message and nothing is stored; what is shown sits in `<bdi>` (issue 12, finding 8).

use multipartner::i18n::Lang;
use multipartner::policy::RequestedAccess;
use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{Backend, Browser, Page, ctx_for, invitation_request, spawn_app, tenant_id};

/// A right-to-left override, a zero-width space, a tag letter and a byte-order mark, each with
/// the message the form shows for it.
const MISLEADING: [(char, &str); 4] = [
    ('\u{202E}', "free-text-error-bidirectional"),
    ('\u{200B}', "free-text-error-invisible"),
    ('\u{E0041}', "free-text-error-invisible"),
    ('\u{FEFF}', "free-text-error-invisible"),
];

fn texts_of(page: &Page, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse(selector).unwrap();
    doc.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

async fn post_with_csrf(
    browser: &Browser,
    form_page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> Page {
    let form = browser.get(form_page).await;
    assert_eq!(form.status, StatusCode::OK, "{form_page}");
    let csrf = form.csrf();
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    browser.post_form(path, &all).await
}

async fn misleading_characters_are_refused_with_a_message(backend: Backend) {
    let app = spawn_app(backend).await;
    let anna = app.signed_in("anna@fabrikam").await;
    let grace = app.signed_in("grace@contoso").await;
    let northwind = {
        let mut conn = app.conn();
        tenant_id(&mut conn, "t-northwind")
    };
    let end = format!("/customer/partners/{northwind}/end");
    let invitations = app.count("invitations");
    let active = || app.count("relationships WHERE state = 'active'");
    let active_before = active();
    let reasons = || app.count("relationships WHERE end_reason IS NOT NULL");
    let reasons_before = reasons();

    for (c, key) in MISLEADING {
        let code = format!("U+{:04X}", c as u32);
        let expected = Lang::En.t(key);

        let text = format!("Please accept{c} our offer: moc.elpmaxe");
        let refused = post_with_csrf(
            &anna,
            "/partner/invitations/new",
            "/partner/invitations",
            &[("access", "reseller"), ("message", text.as_str())],
        )
        .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{code}");
        assert_eq!(
            texts_of(&refused, "#message-error"),
            vec![expected.clone()],
            "{code}"
        );
        assert!(
            refused.text_of("form-error").unwrap().contains(&expected),
            "{code}: the summary names it too"
        );
        assert_eq!(
            app.count("invitations"),
            invitations,
            "{code}: nothing stored"
        );

        let reason = format!("Too expensive{c}");
        let refused = post_with_csrf(&grace, &end, &end, &[("reason", reason.as_str())]).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{code}");
        assert_eq!(
            texts_of(&refused, "#reason-error"),
            vec![expected.clone()],
            "{code}"
        );
        assert!(
            refused
                .text_of("form-error")
                .unwrap()
                .contains(&Lang::En.t("customer-end-reason-invalid")),
            "{code}"
        );
        assert_eq!(active(), active_before, "{code}: the relationship goes on");
        assert_eq!(reasons(), reasons_before, "{code}: no reason stored");
    }

    // The reason is given in the user's language.
    let form = anna
        .get_with("/partner/invitations/new", &[("Accept-Language", "pt-BR")])
        .await;
    let csrf = form.csrf();
    let refused = anna
        .post_form_with(
            "/partner/invitations",
            &[
                ("csrf_token", csrf.as_str()),
                ("access", "reseller"),
                ("message", "Olá\u{202E}"),
            ],
            &[("Accept-Language", "pt-BR")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        texts_of(&refused, "#message-error"),
        vec![Lang::PtBr.t("free-text-error-bidirectional")]
    );
    assert_eq!(app.count("invitations"), invitations);
}
both_backends!(misleading_characters_are_refused_with_a_message);

/// The message on the acceptance page, the partner's name and the reason a relationship ended
/// are each isolated in `<bdi>`, so right-to-left text cannot reorder what stands around it.
async fn shown_user_text_sits_in_bdi(backend: Backend) {
    let app = spawn_app(backend).await;
    let message = "שלום! We look after your Teams rollout.";
    let token = {
        let mut conn = app.conn();
        let anna = ctx_for(&mut conn, "anna@fabrikam");
        let request = multipartner::flows::invitations::InvitationRequest {
            message: Some(message.parse().unwrap()),
            ..invitation_request(RequestedAccess::Reseller)
        };
        multipartner::flows::invitations::create(
            &mut conn,
            &anna,
            &request,
            multipartner::db::now(),
        )
        .unwrap()
        .token
        .as_str()
        .to_owned()
    };
    let grace = app.signed_in("grace@contoso").await;
    let page = grace.get(&format!("/invitations/{token}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        texts_of(&page, "[data-testid=message] > bdi"),
        vec![message.to_owned()]
    );
    assert_eq!(
        texts_of(&page, "[data-testid=partner-name] > bdi"),
        vec!["Fabrikam".to_owned()]
    );

    let northwind = {
        let mut conn = app.conn();
        tenant_id(&mut conn, "t-northwind")
    };
    let partner = format!("/customer/partners/{northwind}");
    let reason = "مرحبا — consolidating partners";
    let ended = post_with_csrf(
        &grace,
        &format!("{partner}/end"),
        &format!("{partner}/end"),
        &[("reason", reason)],
    )
    .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.body);
    let page = grace.get(&partner).await;
    assert_eq!(
        texts_of(&page, "[data-testid=end-reason] > bdi"),
        vec![reason.to_owned()]
    );
    assert_eq!(
        texts_of(&page, "[data-testid=partner-name] > bdi"),
        vec!["Northwind Traders".to_owned()]
    );
}
both_backends!(shown_user_text_sits_in_bdi);
