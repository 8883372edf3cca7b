//! The operator area over HTTP: who may enter, the overview, listings with filters and keyset
//! pages, tampered cursors and filters, and CSV exports.

use std::collections::HashSet;

use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{Backend, TestApp, spawn_app};

const ADMIN_PAGES: &[&str] = &[
    "/admin",
    "/admin/customers",
    "/admin/relationships",
    "/admin/invitations",
    "/admin/audit",
    "/admin/customers.csv",
    "/admin/relationships.csv",
    "/admin/invitations.csv",
    "/admin/audit.csv",
];

/// Operators alone reach /admin: every other user gets 404, anonymous visitors sign in first.
async fn operators_alone_reach_admin(backend: Backend) {
    let app = spawn_app(backend).await;
    let operator = app.signed_in("admin@operator").await;
    for path in ADMIN_PAGES {
        assert_eq!(
            operator.get(path).await.status,
            StatusCode::OK,
            "operator {path}"
        );
    }
    for login in [
        "anna@fabrikam",
        "sam@fabrikam",
        "li@northwind",
        "ivan@tailspin",
        "grace@contoso",
        "uma@contoso",
        "wei@adventure",
    ] {
        let browser = app.signed_in(login).await;
        for path in ADMIN_PAGES {
            let page = browser.get(path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{login} {path}");
            assert!(!page.body.contains("data-testid=\"rows\""));
        }
    }
    let anonymous = app.browser().get("/admin/relationships").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().unwrap().starts_with("/auth/signin"));
}
both_backends!(operators_alone_reach_admin);

fn scale(app: &TestApp, relationships: usize) {
    let mut conn = app.conn();
    multipartner::seed::scale::seed_scale(
        &mut conn,
        multipartner::seed::scale::ScaleOptions {
            relationships,
            seed: 11,
            progress: false,
        },
    )
    .unwrap();
}

/// The overview shows the maintained counts and an accessible chart with a table fallback.
async fn overview_shows_counts_and_chart(backend: Backend) {
    let app = spawn_app(backend).await;
    scale(&app, 400);
    let operator = app.signed_in("admin@operator").await;
    let page = operator.get("/admin").await;
    assert_eq!(page.status, StatusCode::OK);
    let customers = app.count("tenants WHERE kind = 'customer'");
    assert_eq!(page.text_of("stat-customers"), Some(customers.to_string()));
    let multi = app.count("tenants WHERE kind = 'customer' AND active_partner_count >= 2");
    assert_eq!(page.text_of("stat-multi-partner"), Some(multi.to_string()));
    assert_eq!(
        page.text_of("stat-relationships"),
        Some(
            app.count("relationships WHERE state = 'active'")
                .to_string()
        )
    );
    assert_eq!(
        page.text_of("stat-pending"),
        Some(app.count("invitations WHERE state = 'pending'").to_string())
    );
    assert!(page.body.contains("role=\"img\""));
    assert!(page.body.contains("<title id=\"chart-title\">"));
    assert!(
        page.body.contains("<table"),
        "the chart has a table fallback"
    );
    assert_eq!(page.body.matches("<rect").count(), 12);
}
both_backends!(overview_shows_counts_and_chart);

/// Relationships established per ISO week, counted straight from the table.
fn relationships_in_week(app: &TestApp, week: &str) -> i64 {
    use chrono::{Datelike, NaiveDate, TimeDelta};
    let (year, number) = week.split_once("-W").expect("ISO week");
    let monday = NaiveDate::from_isoywd_opt(
        year.parse().unwrap(),
        number.parse().unwrap(),
        chrono::Weekday::Mon,
    )
    .expect("week");
    assert_eq!(monday.weekday(), chrono::Weekday::Mon);
    let next = monday + TimeDelta::weeks(1);
    app.count(&format!(
        "relationships WHERE established_at >= '{monday} 00:00:00' AND established_at < '{next} 00:00:00'"
    ))
}

/// The chart's bars and its table show the relationships established each week, as counted
/// independently from the relationships table: one five and one two weeks ago, three this week
/// (they showed 0 while the share line rose).
async fn chart_counts_match_the_relationships_table(backend: Backend) {
    use chrono::TimeDelta;
    use multipartner::flows::{acceptance, invitations};
    use multipartner::policy::RequestedAccess;

    use crate::common::{ctx_for, invitation_request};

    let app = spawn_app(backend).await;
    let now = multipartner::db::now();
    {
        let mut conn = app.conn();
        let connect = |conn: &mut multipartner::db::DbConnection,
                       partner: &str,
                       customer: &str,
                       weeks_ago: i64| {
            let at = now - TimeDelta::weeks(weeks_ago);
            let partner_ctx = ctx_for(conn, partner);
            // 90 days: an invitation of five weeks ago must not be expired by the app's
            // background sweep (which uses the real clock) before it is accepted.
            let request = invitations::InvitationRequest {
                expiry: multipartner::domain::InvitationExpiry::new(90).unwrap(),
                ..invitation_request(RequestedAccess::Reseller)
            };
            let created =
                invitations::create(conn, &partner_ctx, &request, at).expect("invitation");
            let customer_ctx = ctx_for(conn, customer);
            acceptance::accept(conn, &customer_ctx, &created.token.hash(), at).expect("accept");
            (customer_ctx, partner_ctx.tenant_id())
        };
        // Five and two weeks ago Contoso took Fabrikam on and let it go again; this week
        // three new relationships, Fabrikam's with Contoso among them.
        let conn: &mut multipartner::db::DbConnection = &mut conn;
        let (grace, fabrikam) = connect(conn, "anna@fabrikam", "grace@contoso", 5);
        let end = |conn: &mut multipartner::db::DbConnection, weeks_ago: i64| {
            multipartner::flows::customer::end_relationship(
                conn,
                &grace,
                fabrikam,
                None,
                now - TimeDelta::weeks(weeks_ago),
            )
            .expect("end")
        };
        end(conn, 4);
        let _ = connect(conn, "anna@fabrikam", "grace@contoso", 2);
        end(conn, 1);
        let _ = connect(conn, "anna@fabrikam", "grace@contoso", 0);
        let _ = connect(conn, "anna@fabrikam", "wei@adventure", 0);
        let _ = connect(conn, "li@northwind", "wei@adventure", 0);
    }
    let operator = app.signed_in("admin@operator").await;
    let page = operator.get("/admin").await;
    assert_eq!(page.status, StatusCode::OK);

    let doc = scraper::Html::parse_document(&page.body);
    let rows = scraper::Selector::parse("details table tbody tr").unwrap();
    let th = scraper::Selector::parse("th").unwrap();
    let td = scraper::Selector::parse("td").unwrap();
    let text = |e: scraper::ElementRef| e.text().collect::<String>().trim().to_owned();
    let table: Vec<(String, i64)> = doc
        .select(&rows)
        .map(|row| {
            let week = text(row.select(&th).next().unwrap());
            let n = text(row.select(&td).next().unwrap()).replace(',', "");
            (week, n.parse().unwrap())
        })
        .collect();
    assert_eq!(table.len(), 12);
    let mut nonzero = 0;
    for (week, shown) in &table {
        let counted = relationships_in_week(&app, week);
        assert_eq!(*shown, counted, "table row {week}");
        // The bar of the week says the same (its tooltip), and so does its height.
        assert!(
            page.body
                .contains(&format!("<title>{week}: {counted}</title>")),
            "bar {week}: {counted}"
        );
        nonzero += i64::from(counted > 0);
    }
    let this_week = &table.last().unwrap().0;
    assert!(relationships_in_week(&app, this_week) >= 3);
    assert!(nonzero >= 3, "weeks with relationships: {table:?}");
    let heights: Vec<f64> = page
        .body
        .split("<rect ")
        .skip(1)
        .map(|rect| {
            let h = &rect[rect.find("height=\"").unwrap() + 8..];
            h[..h.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    for ((week, n), h) in table.iter().zip(&heights) {
        assert_eq!(*n > 0, *h > 0.0, "bar of {week} ({n}) is {h} high");
    }
}
both_backends!(chart_counts_match_the_relationships_table);

fn row_ids(body: &str) -> Vec<i64> {
    let doc = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse("table[data-testid=rows] tbody tr").unwrap();
    doc.select(&selector)
        .filter_map(|tr| tr.value().attr("data-id")?.parse().ok())
        .collect()
}

fn next_link(body: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse("a[data-testid=next-page]").unwrap();
    doc.select(&selector)
        .next()
        .and_then(|a| a.value().attr("href"))
        .map(str::to_owned)
}

/// Following "next page" walks the whole filtered listing once, keeping the filters; the CSV
/// export of the same filters has the same rows.
async fn next_links_walk_the_listing_and_csv_matches(backend: Backend) {
    let app = spawn_app(backend).await;
    scale(&app, 180);
    let operator = app.signed_in("admin@operator").await;
    for (path, filter, sql_count) in [
        ("/admin/relationships", "", "relationships"),
        (
            "/admin/relationships",
            "state=active&order=asc",
            "relationships WHERE state = 'active'",
        ),
        (
            "/admin/invitations",
            "state=accepted",
            "invitations WHERE state = 'accepted'",
        ),
        (
            "/admin/customers",
            "min_partners=2",
            "tenants WHERE kind = 'customer' AND active_partner_count >= 2",
        ),
        (
            "/admin/audit",
            "action=invitation.create",
            "audit_events WHERE action = 'invitation.create'",
        ),
    ] {
        let mut url = if filter.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{filter}")
        };
        let mut seen = Vec::new();
        let mut pages = 0;
        loop {
            let page = operator.get(&url).await;
            assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.body);
            seen.extend(row_ids(&page.body));
            pages += 1;
            match next_link(&page.body) {
                Some(next) => {
                    if !filter.is_empty() {
                        assert!(next.contains(filter), "next link keeps the filters: {next}");
                    }
                    url = next.replace("&amp;", "&");
                }
                None => break,
            }
            assert!(pages < 500);
        }
        let expected = app.count(sql_count) as usize;
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(unique.len(), seen.len(), "{path}?{filter}: repeats");
        assert_eq!(seen.len(), expected, "{path}?{filter}: every row once");
        assert!(pages > 1 || expected <= 50);

        let csv = operator.get(&format!("{path}.csv?{filter}")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let lines: Vec<&str> = csv.body.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines.len(),
            expected + 1,
            "{path}.csv?{filter}: header plus every row"
        );
        let csv_ids: HashSet<i64> = lines[1..]
            .iter()
            .map(|l| l.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(csv_ids, unique, "{path}.csv has the listing's rows");
    }
}
both_backends!(next_links_walk_the_listing_and_csv_matches);

/// A tampered cursor or a malformed filter is a 400 with a message, on pages and exports.
async fn tampered_cursors_and_filters_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    scale(&app, 120);
    let operator = app.signed_in("admin@operator").await;
    let first = operator.get("/admin/relationships").await;
    let next = next_link(&first.body)
        .expect("a second page")
        .replace("&amp;", "&");
    assert_eq!(operator.get(&next).await.status, StatusCode::OK);
    let (head, cursor) = next.split_once("after=").unwrap();
    let mut bytes: Vec<char> = cursor.chars().collect();
    let i = bytes.len() / 3;
    bytes[i] = if bytes[i] == 'A' { 'B' } else { 'A' };
    let tampered: String = bytes.into_iter().collect();
    for url in [
        format!("{head}after={tampered}"),
        format!("{head}after=not-a-cursor"),
        format!("/admin/invitations?after={cursor}"),
        "/admin/relationships?state=sideways".to_owned(),
        "/admin/relationships?partner=x".to_owned(),
        "/admin/relationships?from=2026-02-30".to_owned(),
        "/admin/customers?min_partners=0".to_owned(),
        "/admin/audit?action=DROP%20TABLE".to_owned(),
        "/admin/audit.csv?from=yesterday".to_owned(),
    ] {
        let page = operator.get(&url).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{url}");
        assert!(
            page.body.contains("data-testid=\"error-message\""),
            "{url} explains"
        );
    }
}
both_backends!(tampered_cursors_and_filters_are_refused);

/// Filters narrow the listings as they say.
async fn filters_narrow_the_listings(backend: Backend) {
    let app = spawn_app(backend).await;
    let operator = app.signed_in("admin@operator").await;
    let contoso = app.count("tenants WHERE external_id = 't-contoso' AND id > 0");
    assert_eq!(contoso, 1);
    let search = operator.get("/admin/customers?q=Conto").await;
    let names = search.body.matches("<tr data-id").count();
    assert_eq!(names, 1, "{}", search.body);
    assert!(search.body.contains("Contoso"));
    let by_domain = operator
        .get("/admin/customers?q=adventureworks.partner")
        .await;
    assert!(by_domain.body.contains("Adventure Works"));
    assert!(!by_domain.body.contains(">Contoso<"));
    let none = operator.get("/admin/customers?min_partners=2").await;
    assert!(
        none.body.contains("data-testid=\"empty\""),
        "no demo customer has two partners yet"
    );
    let ended = operator.get("/admin/relationships?state=ended").await;
    assert!(ended.body.contains("data-testid=\"empty\""));
    let active = operator
        .get("/admin/relationships?state=active&type=direct_reseller")
        .await;
    assert!(active.body.contains("Northwind Traders"));
}
both_backends!(filters_narrow_the_listings);

/// The activity log reads as sentences in the reader's language, in its rows and in its action
/// filter, not as internal codes such as `auth.sign_in` (issue 11, defect 7); an action the
/// trail does not know is refused like any other bad filter.
async fn the_audit_trail_reads_in_every_language(backend: Backend) {
    let app = spawn_app(backend).await;
    let operator = app.signed_in("admin@operator").await;
    for (lang, sentence) in [
        ("en", "Signed in"),
        ("zh-CN", "已登录"),
        ("pt-BR", "Entrou"),
    ] {
        let page = operator
            .get_with(
                "/admin/audit?action=auth.sign_in",
                &[("Accept-Language", lang)],
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{lang}");
        assert!(
            page.body.contains(&format!(
                r#"href="/admin/audit?action=auth.sign_in">{sentence}</a>"#
            )),
            "{lang}: the row says {sentence}"
        );
        assert!(
            page.body.contains(&format!(
                r#"<option value="auth.sign_in" selected>{sentence}</option>"#
            )),
            "{lang}: the filter says {sentence}"
        );
        assert!(
            !page.body.contains(">auth.sign_in<"),
            "{lang}: a code shown"
        );
    }
    let unknown = operator.get("/admin/audit?action=no.such_action").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}
both_backends!(the_audit_trail_reads_in_every_language);

/// The partner filter finds any partner by its name, however many partners there are: with
/// 1,000 partners whose names sort before the platform's others (the old choice list stopped
/// at 1,000), typing the beginning of one's name lists its relationships and its CSV; a beginning shared by several
/// offers links to choose from and lists nothing until one is chosen; a name nobody has says
/// so; an export of an ambiguous name is refused rather than guessed.
async fn partner_filter_finds_any_partner_by_name(backend: Backend) {
    let app = spawn_app(backend).await;
    scale(&app, 120);
    {
        let mut conn = app.conn();
        let rows: Vec<String> = (0..1000)
            .map(|i| {
                format!(
                    "('filler-{i}', 'partner', 'Aa Filler {i:04}', 'direct_reseller', 'aa filler {i:04}', '2026-01-01 00:00:00')"
                )
            })
            .collect();
        diesel::RunQueryDsl::execute(
            diesel::sql_query(format!(
                "INSERT INTO tenants (external_id, kind, name, partner_type, sort_name, created_at) VALUES {}",
                rows.join(",")
            )),
            &mut *conn as &mut multipartner::db::DbConnection,
        )
        .expect("filler partners");
    }
    let partner = "relationships WHERE partner_tenant_id = \
                   (SELECT id FROM tenants WHERE sort_name LIKE 'partner 00003 %')";
    let expected = app.count(partner) as usize;
    assert!(expected > 0 && expected < app.count("relationships") as usize);
    let operator = app.signed_in("admin@operator").await;

    let page = operator
        .get("/admin/relationships?partner_name=Partner+00003")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        row_ids(&page.body).len(),
        expected,
        "only that partner's rows"
    );
    assert!(
        page.body.contains("name=\"partner_name\"")
            && page.body.contains("value=\"Partner 00003 s11-"),
        "the text box shows the partner chosen"
    );
    let csv = operator
        .get("/admin/relationships.csv?partner_name=partner+00003")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.body.split("\r\n").filter(|l| !l.is_empty()).count(),
        expected + 1
    );

    let several = operator
        .get("/admin/relationships?partner_name=aa+fil&state=active")
        .await;
    assert_eq!(several.status, StatusCode::OK);
    assert!(several.body.contains("data-testid=\"partner-choices\""));
    assert!(
        row_ids(&several.body).is_empty(),
        "nothing listed until one is chosen"
    );
    let choice = several
        .body
        .split("data-testid=\"partner-choices\"")
        .nth(1)
        .and_then(|rest| rest.split("href=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("a choice link")
        .replace("&amp;", "&");
    assert!(
        choice.contains("partner=") && choice.contains("state=active"),
        "{choice}"
    );
    let chosen = operator.get(&choice).await;
    assert_eq!(chosen.status, StatusCode::OK);
    assert!(
        chosen.body.contains("value=\"Aa Filler 0000\""),
        "the first choice"
    );
    assert_eq!(
        operator
            .get("/admin/relationships.csv?partner_name=aa+fil")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    let nobody = operator
        .get("/admin/customers?partner_name=nobody+at+all")
        .await;
    assert_eq!(nobody.status, StatusCode::OK);
    assert!(nobody.body.contains("data-testid=\"partner-no-match\""));
    assert!(row_ids(&nobody.body).is_empty());
}
both_backends!(partner_filter_finds_any_partner_by_name);
