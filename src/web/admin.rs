//! `/admin`: the operator's overview, listings and CSV exports (read-only). Everyone else
//! gets 404 from the flows.
//!
//! An operator listing spans these files (ARCHITECTURE.md, "A listing"): its filter in
//! `listing/filters.rs` (query string ↔ typed values), its cursor in `listing/cursor.rs`, its
//! query and row type in `db/listings.rs`, the operator-only read in `flows/admin.rs`, its
//! `impl Listing` here (page and CSV share it), its template struct in `views/admin.rs` and its
//! template in `templates/admin/`.

use crate::web::routes::Routes;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::stream;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::listings::{self, ListPage};
use crate::flows::admin::PartnerPick;
use crate::flows::{self, Ctx, FlowError};
use crate::listing::filters::Params;
use crate::listing::{
    AuditFilter, Cursor, CustomerFilter, FilterError, InvitationFilter, ListingFilter, PAGE_SIZE,
    RelationshipFilter,
};
use crate::state::AppState;
use crate::views::Page;
use crate::views::admin::{
    AuditPage, CustomersPage, InvitationsPage, OverviewPage, Paging, PartnerChoice, PartnerField,
    RelationshipsPage,
};
use crate::web::auth::request_meta;
use crate::web::error::AppError;
use crate::web::page;

/// Rows per CSV page: large enough for throughput, small enough for flat memory.
const CSV_PAGE: i64 = 1000;

pub fn routes(r: &mut Routes) {
    r.get("/admin", overview)
        .get("/admin/customers", customers)
        .get("/admin/customers.csv", export::<Customers>)
        .get("/admin/relationships", relationships)
        .get("/admin/relationships.csv", export::<Relationships>)
        .get("/admin/invitations", invitations)
        .get("/admin/invitations.csv", export::<Invitations>)
        .get("/admin/audit", audit)
        .get("/admin/audit.csv", export::<Audit>);
}

fn bad_filter(err: FilterError) -> AppError {
    AppError::BadRequest(err.0)
}

/// The validated cursor of `scope` from the query string, if any.
fn cursor(state: &AppState, params: &Params<'_>, scope: &str) -> Result<Option<Cursor>, AppError> {
    params
        .after()
        .map(|text| {
            state
                .cursors
                .decode(&text, scope)
                .map_err(|_| AppError::BadRequest("listing-error-cursor"))
        })
        .transpose()
}

fn paging(
    state: &AppState,
    path: &str,
    query: &str,
    next: Option<&Cursor>,
    on_later_page: bool,
) -> Paging {
    let join = |extra: String| {
        let q = [query.to_owned(), extra]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("&");
        if q.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{q}")
        }
    };
    Paging {
        next: next.map(|c| join(format!("after={}", state.cursors.encode(c)))),
        first: on_later_page.then(|| join(String::new())),
        csv: join(String::new()).replacen(path, &format!("{path}.csv"), 1),
    }
}

pub async fn overview(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    let now = crate::db::now();
    let overview = state
        .db(move |conn| flows::admin::overview(conn, &ctx, now))
        .await?;
    let chart = crate::views::chart::weekly_chart(
        &overview.weeks,
        &page.t("admin-chart-title"),
        &page.t("admin-chart-desc"),
    );
    page::html(&OverviewPage {
        page,
        overview,
        chart,
        expiring_cap: flows::admin::EXPIRING_CAP,
    })
}

/// What differs between the operator's listings; loading a page and exporting are shared.
trait Listing: 'static {
    type Filter: ListingFilter + Clone + Send + 'static;
    type Row: Send + 'static;
    const PATH: &'static str;
    const CSV_NAME: &'static str;
    const CSV_HEADER: &'static [&'static str];
    /// The cursor scope (a listing's order can depend on its filter).
    fn scope(filter: &Self::Filter) -> &'static str;
    fn fetch(
        conn: &mut DbConnection,
        ctx: &Ctx,
        filter: &Self::Filter,
        after: Option<&Cursor>,
        limit: i64,
    ) -> Result<ListPage<Self::Row>, FlowError>;
    fn csv_fields(row: &Self::Row) -> Vec<String>;
    /// The filter's partner id and typed partner name, for listings filtered by partner.
    fn partner_of(_filter: &mut Self::Filter) -> Option<(&mut Option<i64>, &mut Option<String>)> {
        None
    }
}

/// Resolves a listing's partner filter (an id, or a name as typed) before the listing is
/// read: a name that matches one partner becomes its id, so that next pages and the CSV
/// export carry the id. `None` when the listing has no partner filter.
async fn pick_partner<L: Listing>(
    state: &web::Data<AppState>,
    ctx: &Ctx,
    filter: &mut L::Filter,
) -> Result<Option<PartnerPick>, AppError> {
    let Some((id, name)) = L::partner_of(filter) else {
        return Ok(None);
    };
    let (c, chosen, typed) = (ctx.clone(), *id, name.clone());
    let pick = state
        .db(move |conn| flows::admin::pick_partner(conn, &c, chosen, typed.as_deref()))
        .await?;
    if let PartnerPick::Chosen { id: found, .. } = &pick {
        *id = Some(*found);
        *name = None;
    }
    Ok(Some(pick))
}

/// The partner filter as the form shows it; choices link to the listing narrowed to each.
fn partner_field<L: Listing>(filter: &L::Filter, pick: Option<PartnerPick>) -> PartnerField {
    let mut field = PartnerField {
        text: String::new(),
        no_match: false,
        choices: Vec::new(),
        more: false,
    };
    let mut typed = filter.clone();
    let typed_name = L::partner_of(&mut typed).and_then(|(_, name)| name.clone());
    match pick {
        None | Some(PartnerPick::Any) => {}
        Some(PartnerPick::Chosen { name, .. }) => field.text = name,
        Some(PartnerPick::NoMatch) => {
            field.no_match = true;
            field.text = typed_name.unwrap_or_default();
        }
        Some(PartnerPick::Several { choices, more }) => {
            field.text = typed_name.unwrap_or_default();
            field.more = more;
            field.choices = choices
                .into_iter()
                .map(|(id, name)| {
                    let mut narrowed = filter.clone();
                    if let Some((partner, partner_name)) = L::partner_of(&mut narrowed) {
                        *partner = Some(id);
                        *partner_name = None;
                    }
                    PartnerChoice {
                        href: format!("{}?{}", L::PATH, narrowed.query()),
                        name,
                    }
                })
                .collect();
        }
    }
    field
}

/// One page of a listing: the parsed filter, the rows and the paging links. A malformed
/// filter or a tampered cursor is a 400.
async fn load<L: Listing>(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    user: &CurrentUser,
) -> Result<(L::Filter, Vec<L::Row>, Paging, PartnerField), AppError> {
    let ctx = Ctx::new(user, request_meta(req));
    let params = Params::parse(req.query_string());
    let mut filter = L::Filter::parse(&params).map_err(bad_filter)?;
    let after = cursor(state, &params, L::scope(&filter))?;
    let later = after.is_some();
    let pick = pick_partner::<L>(state, &ctx, &mut filter).await?;
    if matches!(
        pick,
        Some(PartnerPick::NoMatch | PartnerPick::Several { .. })
    ) {
        // Not one partner: nothing is listed until the operator chooses one.
        let paging = Paging {
            // An export is of one partner or of all: no link until one is chosen.
            csv: String::new(),
            ..paging(state, L::PATH, &filter.query(), None, later)
        };
        let partner = partner_field::<L>(&filter, pick);
        return Ok((filter, Vec::new(), paging, partner));
    }
    let f = filter.clone();
    let result = state
        .db(move |conn| L::fetch(conn, &ctx, &f, after.as_ref(), PAGE_SIZE))
        .await?;
    let paging = paging(state, L::PATH, &filter.query(), result.next.as_ref(), later);
    let partner = partner_field::<L>(&filter, pick);
    Ok((filter, result.rows, paging, partner))
}

pub async fn relationships(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let (filter, rows, paging, partner) = load::<Relationships>(&req, &state, &user).await?;
    page::html(&RelationshipsPage {
        page,
        filter,
        rows,
        paging,
        partner,
    })
}

pub async fn invitations(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let (filter, rows, paging, partner) = load::<Invitations>(&req, &state, &user).await?;
    page::html(&InvitationsPage {
        page,
        filter,
        rows,
        paging,
        partner,
    })
}

pub async fn customers(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let (filter, rows, paging, partner) = load::<Customers>(&req, &state, &user).await?;
    page::html(&CustomersPage {
        page,
        filter,
        rows,
        paging,
        partner,
    })
}

pub async fn audit(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let (filter, rows, paging, _) = load::<Audit>(&req, &state, &user).await?;
    page::html(&AuditPage {
        page,
        filter,
        rows,
        paging,
    })
}

// --- CSV exports -----------------------------------------------------------------------------

/// One CSV field: quoted when needed, and defused against spreadsheet formula injection.
fn field(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn line(fields: Vec<String>) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

enum CsvState {
    Header,
    Page(Option<Cursor>),
    Done,
}

/// Streams a whole listing as CSV, one page of rows at a time: memory stays flat however many
/// rows there are. Authorization and filters are checked before the first byte is sent.
fn csv_response<T, F>(
    state: web::Data<AppState>,
    filename: &'static str,
    header: &'static [&'static str],
    fetch: F,
    to_fields: fn(&T) -> Vec<String>,
) -> HttpResponse
where
    T: Send + 'static,
    F: Fn(&mut DbConnection, Option<&Cursor>) -> Result<ListPage<T>, FlowError>
        + Clone
        + Send
        + 'static,
{
    let body = stream::unfold(CsvState::Header, move |st| {
        let state = state.clone();
        let fetch = fetch.clone();
        async move {
            match st {
                CsvState::Done => None,
                CsvState::Header => {
                    let head = line(header.iter().map(|h| (*h).to_owned()).collect());
                    Some((
                        Ok::<_, actix_web::Error>(Bytes::from(head)),
                        CsvState::Page(None),
                    ))
                }
                CsvState::Page(after) => {
                    let page = state.db(move |conn| fetch(conn, after.as_ref())).await;
                    match page {
                        Ok(page) => {
                            let mut chunk = String::new();
                            for row in &page.rows {
                                chunk.push_str(&line(to_fields(row)));
                            }
                            let next = match page.next {
                                Some(cursor) => CsvState::Page(Some(cursor)),
                                None => CsvState::Done,
                            };
                            Some((Ok(Bytes::from(chunk)), next))
                        }
                        Err(err) => {
                            tracing::error!(error = %err, "CSV export failed mid-stream");
                            Some((
                                Err(actix_web::error::ErrorInternalServerError("export failed")),
                                CsvState::Done,
                            ))
                        }
                    }
                }
            }
        }
    });
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .streaming(body)
}

fn ts(at: &chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// `GET /admin/<listing>.csv`: the whole filtered listing. Authorization and filters are
/// checked before the first byte is sent; then pages are streamed.
async fn export<L: Listing>(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    let mut filter = L::Filter::parse(&Params::parse(req.query_string())).map_err(bad_filter)?;
    if matches!(
        pick_partner::<L>(&state, &ctx, &mut filter).await?,
        Some(PartnerPick::NoMatch | PartnerPick::Several { .. })
    ) {
        // An export is of one partner or of all, never a guess.
        return Err(AppError::BadRequest("listing-error-partner-name"));
    }
    let (c, f) = (ctx.clone(), filter.clone());
    state
        .db(move |conn| L::fetch(conn, &c, &f, None, 0))
        .await?;
    Ok(csv_response(
        state,
        L::CSV_NAME,
        L::CSV_HEADER,
        move |conn, after| L::fetch(conn, &ctx, &filter, after, CSV_PAGE),
        L::csv_fields,
    ))
}

struct Relationships;

impl Listing for Relationships {
    fn partner_of(f: &mut Self::Filter) -> Option<(&mut Option<i64>, &mut Option<String>)> {
        Some((&mut f.partner, &mut f.partner_name))
    }
    type Filter = RelationshipFilter;
    type Row = listings::RelationshipRow;
    const PATH: &'static str = "/admin/relationships";
    const CSV_NAME: &'static str = "relationships.csv";
    const CSV_HEADER: &'static [&'static str] = &[
        "id",
        "established_at",
        "type",
        "state",
        "ended_at",
        "customer_id",
        "customer",
        "partner_tenant_id",
        "partner",
        "partner_id",
        "provider",
    ];
    fn scope(_: &Self::Filter) -> &'static str {
        listings::RELATIONSHIPS
    }
    fn fetch(
        conn: &mut DbConnection,
        ctx: &Ctx,
        filter: &Self::Filter,
        after: Option<&Cursor>,
        limit: i64,
    ) -> Result<ListPage<Self::Row>, FlowError> {
        flows::admin::relationships(conn, ctx, filter, after, limit)
    }
    fn csv_fields(r: &Self::Row) -> Vec<String> {
        vec![
            r.id.to_string(),
            ts(&r.established_at),
            r.relationship_type.to_string(),
            r.state.to_string(),
            r.ended_at.as_ref().map(ts).unwrap_or_default(),
            r.customer_id.to_string(),
            r.customer_name.clone(),
            r.partner_tenant_id.to_string(),
            r.partner_name.clone(),
            opt(&r.partner_public_id),
            opt(&r.provider_name),
        ]
    }
}

struct Invitations;

impl Listing for Invitations {
    fn partner_of(f: &mut Self::Filter) -> Option<(&mut Option<i64>, &mut Option<String>)> {
        Some((&mut f.partner, &mut f.partner_name))
    }
    type Filter = InvitationFilter;
    type Row = listings::InvitationRow;
    const PATH: &'static str = "/admin/invitations";
    const CSV_NAME: &'static str = "invitations.csv";
    const CSV_HEADER: &'static [&'static str] = &[
        "id",
        "created_at",
        "expires_at",
        "access",
        "state",
        "partner_tenant_id",
        "partner",
        "created_by",
        "customer",
        "decided_at",
    ];
    fn scope(_: &Self::Filter) -> &'static str {
        listings::INVITATIONS
    }
    fn fetch(
        conn: &mut DbConnection,
        ctx: &Ctx,
        filter: &Self::Filter,
        after: Option<&Cursor>,
        limit: i64,
    ) -> Result<ListPage<Self::Row>, FlowError> {
        flows::admin::invitations(conn, ctx, filter, after, limit)
    }
    fn csv_fields(r: &Self::Row) -> Vec<String> {
        vec![
            r.id.to_string(),
            ts(&r.created_at),
            ts(&r.expires_at),
            r.access.to_string(),
            r.state.to_string(),
            r.partner_tenant_id.to_string(),
            r.partner_name.clone(),
            r.created_by.clone(),
            opt(&r.customer_name),
            r.decided_at.as_ref().map(ts).unwrap_or_default(),
        ]
    }
}

struct Customers;

impl Listing for Customers {
    fn partner_of(f: &mut Self::Filter) -> Option<(&mut Option<i64>, &mut Option<String>)> {
        Some((&mut f.partner, &mut f.partner_name))
    }
    type Filter = CustomerFilter;
    type Row = listings::CustomerRow;
    const PATH: &'static str = "/admin/customers";
    const CSV_NAME: &'static str = "customers.csv";
    const CSV_HEADER: &'static [&'static str] = &[
        "id",
        "name",
        "default_domain",
        "active_partners",
        "created_at",
        "partner_since",
    ];
    fn scope(filter: &Self::Filter) -> &'static str {
        listings::customers_scope(filter)
    }
    fn fetch(
        conn: &mut DbConnection,
        ctx: &Ctx,
        filter: &Self::Filter,
        after: Option<&Cursor>,
        limit: i64,
    ) -> Result<ListPage<Self::Row>, FlowError> {
        flows::admin::customers(conn, ctx, filter, after, limit)
    }
    fn csv_fields(r: &Self::Row) -> Vec<String> {
        vec![
            r.id.to_string(),
            r.name.clone(),
            opt(&r.default_domain),
            r.partners.to_string(),
            ts(&r.created_at),
            r.since.as_ref().map(ts).unwrap_or_default(),
        ]
    }
}

struct Audit;

impl Listing for Audit {
    type Filter = AuditFilter;
    type Row = listings::AuditRow;
    const PATH: &'static str = "/admin/audit";
    const CSV_NAME: &'static str = "audit.csv";
    const CSV_HEADER: &'static [&'static str] = &[
        "id",
        "occurred_at",
        "action",
        "outcome",
        "actor_tenant_id",
        "actor_tenant",
        "actor_user",
        "target_kind",
        "target_id",
        "detail",
        "request_id",
        "client",
    ];
    fn scope(_: &Self::Filter) -> &'static str {
        listings::AUDIT
    }
    fn fetch(
        conn: &mut DbConnection,
        ctx: &Ctx,
        filter: &Self::Filter,
        after: Option<&Cursor>,
        limit: i64,
    ) -> Result<ListPage<Self::Row>, FlowError> {
        flows::admin::audit(conn, ctx, filter, after, limit)
    }
    fn csv_fields(r: &Self::Row) -> Vec<String> {
        vec![
            r.id.to_string(),
            ts(&r.occurred_at),
            r.action.to_string(),
            r.outcome.to_string(),
            opt(&r.actor_tenant_id),
            opt(&r.actor_tenant),
            opt(&r.actor_user),
            opt(&r.target_kind),
            opt(&r.target_id),
            opt(&r.detail),
            opt(&r.request_id),
            opt(&r.client_addr),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
        assert_eq!(line(vec!["a".into(), "b\nc".into()]), "a,\"b\nc\"\r\n");
    }
}
