//! The three languages over HTTP: Brazilian Portuguese chosen by `Accept-Language` or by the
//! switch (and back), on public and signed-in pages, with dates, numbers and plurals written
//! the Portuguese way; the switch names every language in itself.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use multipartner::db::DbConnection;
use multipartner::db::schema::relationships;
use multipartner::i18n::Lang;
use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{Backend, Browser, Page, TestApp, spawn_app, tenant_id};

const BRAZILIAN_BROWSER: &str = "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7";

/// The footer's switch: every language by its own name, the page's own one not a button.
fn assert_switch_lists_every_language(page: &Page, current: Lang) {
    for lang in Lang::ALL {
        let button = format!(
            "<button type=\"submit\" name=\"lang\" value=\"{code}\" lang=\"{code}\" class=\"link-button\">{name}</button>",
            code = lang.code(),
            name = lang.native_name()
        );
        let marked = format!(
            "<span class=\"lang-current\" lang=\"{}\" aria-current=\"true\">{}</span>",
            lang.code(),
            lang.native_name()
        );
        if lang == current {
            assert!(page.body.contains(&marked), "{lang:?} marked current");
            assert!(!page.body.contains(&button), "{lang:?} is no button");
        } else {
            assert!(page.body.contains(&button), "a button for {lang:?}");
        }
    }
}

fn established(app: &TestApp, customer: &str, partner: &str) -> NaiveDateTime {
    let mut conn = app.conn();
    let conn = &mut *conn as &mut DbConnection;
    let (customer, partner) = (tenant_id(conn, customer), tenant_id(conn, partner));
    relationships::table
        .filter(relationships::customer_tenant_id.eq(customer))
        .filter(relationships::partner_tenant_id.eq(partner))
        .select(relationships::established_at)
        .first(conn)
        .unwrap()
}

async fn switch(browser: &Browser, to: &str, next: &str) {
    let csrf = browser.csrf().await;
    let switched = browser
        .post_form(
            "/lang",
            &[("lang", to), ("next", next), ("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER, "{}", switched.body);
    assert_eq!(switched.location().as_deref(), Some(next));
}

async fn portuguese_by_accept_language(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.browser();
    let landing = browser
        .get_with("/", &[("Accept-Language", BRAZILIAN_BROWSER)])
        .await;
    assert_eq!(landing.status, StatusCode::OK);
    assert!(landing.body.contains("<html lang=\"pt-BR\">"));
    // Written out, not looked up: a catalog falling back to English would pass a lookup.
    assert!(
        landing
            .body
            .contains("Trabalhe com vários parceiros e mantenha tudo o que você já tem"),
        "{}",
        landing.body
    );
    assert!(landing.body.contains(">Entrar</a>"));
    assert_switch_lists_every_language(&landing, Lang::PtBr);

    // Any Portuguese gets Brazilian Portuguese; q=0 refuses it; English stays the default.
    for (header, lang) in [
        ("pt-PT,pt;q=0.9", "pt-BR"),
        ("pt;q=0, zh-CN;q=0.5", "zh-CN"),
        ("en;q=0.4, pt;q=0.6", "pt-BR"),
        ("de-DE", "en"),
    ] {
        let page = browser.get_with("/", &[("Accept-Language", header)]).await;
        assert!(
            page.body.contains(&format!("<html lang=\"{lang}\">")),
            "{header} should give {lang}"
        );
    }

    // Error pages too.
    let missing = browser
        .get_with("/no-such-page", &[("Accept-Language", "pt-BR")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Não encontramos essa página"));
}
both_backends!(portuguese_by_accept_language);

/// A signed-in customer switches to Portuguese and back: the page, its dates and the switch
/// follow, the user stays signed in on the same page.
async fn switching_to_portuguese_and_back_signed_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let grace = app.signed_in("grace@contoso").await;
    let since = established(&app, "t-contoso", "t-northwind");
    let (iso, brazilian) = (
        Lang::En.date(&since).to_string(),
        Lang::PtBr.date(&since).to_string(),
    );
    assert_ne!(iso, brazilian);

    let english = grace.get("/customer/partners").await;
    assert!(english.body.contains(">Your partners</h1>"));
    assert!(english.body.contains(&iso));
    assert_switch_lists_every_language(&english, Lang::En);

    switch(&grace, "pt-BR", "/customer/partners").await;
    // The cookie wins over the browser's header.
    let portuguese = grace
        .get_with("/customer/partners", &[("Accept-Language", "en")])
        .await;
    assert_eq!(portuguese.status, StatusCode::OK);
    assert!(portuguese.body.contains("<html lang=\"pt-BR\">"));
    assert!(portuguese.body.contains(">Seus parceiros</h1>"));
    assert!(portuguese.body.contains("Parceiro de registro"));
    assert!(
        portuguese.body.contains(&brazilian),
        "{brazilian} on the page"
    );
    assert!(!portuguese.body.contains(&iso), "no ISO date left");
    assert_eq!(
        portuguese.text_of("user-name").as_deref(),
        Some("Grace Contoso"),
        "still signed in"
    );
    assert!(portuguese.body.contains(">Sair</button>"));
    assert_switch_lists_every_language(&portuguese, Lang::PtBr);
    let home = grace.get("/").await;
    assert_eq!(
        home.text_of("home-heading").as_deref(),
        Some("Boas-vindas, Grace Contoso")
    );

    switch(&grace, "en", "/customer/partners").await;
    let back = grace.get("/customer/partners").await;
    assert!(back.body.contains("<html lang=\"en\">"));
    assert!(back.body.contains(">Your partners</h1>"));
    assert!(back.body.contains(&iso));
}
both_backends!(switching_to_portuguese_and_back_signed_in);

/// Numbers and plurals: an order of 2,500 licences reads "2.500" in Portuguese; a one-day GDAP
/// invitation says "1 dia" on the customer's acceptance page, its end date written dd/mm/aaaa.
async fn portuguese_numbers_plurals_and_email(backend: Backend) {
    let app = spawn_app(backend).await;
    let pt = [("Accept-Language", "pt-BR")];

    let li = app.signed_in("li@northwind").await;
    let contoso = {
        let mut conn = app.conn();
        tenant_id(&mut conn, "t-contoso")
    };
    let detail = li.get(&format!("/partner/customers/{contoso}")).await;
    let offer = detail
        .body
        .split("<option value=\"")
        .nth(2)
        .and_then(|rest| rest.split('"').next())
        .expect("an offer in the order form")
        .to_owned();
    let placed = li
        .post_form(
            &format!("/partner/customers/{contoso}/subscriptions"),
            &[
                ("csrf_token", &detail.csrf()),
                ("offer", &offer),
                ("quantity", "2500"),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    let customer = li
        .get_with(&format!("/partner/customers/{contoso}"), &pt)
        .await;
    assert!(customer.body.contains(">2.500</td>"), "{}", customer.body);
    let english = li.get(&format!("/partner/customers/{contoso}")).await;
    assert!(english.body.contains(">2,500</td>"));

    // A one-day GDAP invitation, created with the partner's browser in Portuguese.
    let anna = app.signed_in("anna@fabrikam").await;
    let form = anna.get("/partner/invitations/new").await;
    let created = anna
        .post_form_with(
            "/partner/invitations",
            &[
                ("csrf_token", &form.csrf()),
                ("access", "reseller_gdap"),
                ("role", "global_reader"),
                ("duration_days", "1"),
            ],
            &pt,
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(
        created.text_of("email-subject").as_deref(),
        Some("Fabrikam convida você para uma relação de revendedor")
    );
    let email = created.text_of("email-text").unwrap();
    assert!(
        email.contains("por 1 dia: Leitor global."),
        "singular in the e-mail: {email}"
    );
    assert!(email.contains("Partner Center operado pela 21Vianet"));
    let link = created.text_of("invitation-link").unwrap();
    let path = link.strip_prefix(&app.base).unwrap().to_owned();

    let grace = app.signed_in("grace@contoso").await;
    let page = grace.get_with(&path, &pt).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let duration = page.text_of("duration").unwrap();
    assert!(duration.starts_with("1 dia ·"), "{duration}");
    let tomorrow = chrono::Utc::now().naive_utc() + chrono::TimeDelta::days(1);
    assert!(
        duration.contains(&Lang::PtBr.date(&tomorrow).to_string()),
        "{duration}"
    );
    assert!(
        page.body
            .contains("Privilégios de administrador delegado granular (GDAP)")
    );
    let english = grace.get(&path).await;
    assert!(english.text_of("duration").unwrap().starts_with("1 day ·"));
}
both_backends!(portuguese_numbers_plurals_and_email);

/// The operator's overview in Portuguese: counts and the multi-partner share with a comma.
async fn operator_overview_in_portuguese(backend: Backend) {
    let app = spawn_app(backend).await;
    let olivia = app.signed_in("admin@operator").await;
    let page = olivia
        .get_with("/admin", &[("Accept-Language", "pt-BR")])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(">Visão geral do multiparceiro</h1>"));
    let share = page
        .body
        .split("% de todos os clientes")
        .next()
        .and_then(|before| before.rsplit('>').next())
        .unwrap()
        .to_owned();
    assert!(
        share.contains(',') && !share.contains('.'),
        "a decimal comma: {share}"
    );
    let english = olivia.get("/admin").await;
    assert!(
        english
            .body
            .contains(&format!("{}% of all customers", share.replace(',', ".")))
    );
}
both_backends!(operator_overview_in_portuguese);
