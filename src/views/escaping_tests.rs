//! Names and other user-controlled text, in any Unicode, come out of every template escaped:
//! the browser reads back exactly the text, and no markup of the user's survives.

use proptest::prelude::*;

use super::{HeaderUser, HomePage, HomeTile, Page};
use crate::domain::TenantKind;
use crate::i18n::Lang;

fn page_with(name: &str, tenant: &str) -> Page {
    Page {
        lang: Lang::En,
        csrf: "token".into(),
        user: Some(HeaderUser {
            name: name.to_owned(),
            tenant_name: tenant.to_owned(),
            kind: TenantKind::Customer,
            role_key: None,
        }),
        path: "/".into(),
        demo: false,
        demo_exposed: false,
        flash: None,
    }
}

fn text_of(html: &str, test_id: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("[data-testid=\"{test_id}\"]")).unwrap();
    doc.select(&selector)
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

proptest! {
    #[test]
    fn names_render_as_text(name in "\\PC{1,40}", tenant in "[<>&\"'\\PC]{1,20}") {
        // Browsers normalise NUL and CR; names never contain them.
        prop_assume!(!name.contains(['\0', '\r']) && !tenant.contains(['\0', '\r']));
        let page = page_with(&name, &tenant);
        let heading = format!("Welcome, {name}");
        let html = crate::views::render(&HomePage {
            page,
            heading: heading.clone(),
            intro_key: "home-customer-intro",
            tiles: vec![HomeTile { href: "/", title_key: "nav-home", text_key: "nav-home" }],
        })
        .unwrap();
        prop_assert_eq!(text_of(&html, "user-name"), name.clone());
        prop_assert_eq!(text_of(&html, "user-tenant"), tenant.clone());
        prop_assert_eq!(text_of(&html, "home-heading"), heading);
        // Markup in a name never becomes markup.
        prop_assert_eq!(html.matches("<script").count(), 0);
    }
}

#[test]
fn markup_in_names_is_escaped() {
    let page = page_with("<img src=x onerror=alert(1)>", "\"Contoso\" & <b>co</b>");
    let html = crate::views::render(&HomePage {
        page,
        heading: "x".into(),
        intro_key: "home-customer-intro",
        tiles: vec![],
    })
    .unwrap();
    assert!(!html.contains("<img src=x"));
    let shown = html
        .lines()
        .find(|l| l.contains("user-name"))
        .unwrap_or_default()
        .to_owned();
    assert!(
        shown.contains("&#60;img src=x onerror=alert(1)&#62;")
            || shown.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{shown}"
    );
    assert!(!html.contains("<b>co</b>"));
}
