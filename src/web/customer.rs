//! The customer's partner relationships: `GET /customer/partners[/{id}]`, the confirmation
//! pages and posts that remove a partner's admin access or end a relationship, and
//! `GET /customer/subscriptions`. The flows authorise and audit; these handlers parse, call and
//! render.

use crate::web::routes::Routes;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::models::AdminAccess;
use crate::domain::RecordId;
use crate::flows::customer::PartnerDetail;
use crate::flows::{self, Ctx, FlowError};
use crate::policy::{Action, Ownership};
use crate::state::AppState;
use crate::views::Page;
use crate::views::customer::{
    AccessView, END_REASON_MAX_CHARS, EndRelationshipPage, PartnerPage, PartnerRow, PartnersPage,
    RelationshipView, RemoveAccessPage, SubscriptionView, SubscriptionsPage, Viewer,
};
use crate::web::auth::request_meta;
use crate::web::error::AppError;
use crate::web::flash;
use crate::web::form::FormFields;
use crate::web::page;
use crate::web::see_other;

pub fn routes(r: &mut Routes) {
    r.get("/customer/partners", partners)
        .get("/customer/partners/{id}", partner)
        .get(
            "/customer/partners/{id}/admin-access/remove",
            confirm_remove_admin_access,
        )
        .post(
            "/customer/partners/{id}/admin-access/remove",
            remove_admin_access,
        )
        .get("/customer/partners/{id}/end", confirm_end_relationship)
        .post("/customer/partners/{id}/end", end_relationship)
        .get("/customer/subscriptions", subscriptions);
}

/// `GET /customer/partners`
pub async fn partners(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    let now = crate::db::now();
    let rows = state
        .db(move |conn| -> Result<Vec<PartnerRow>, FlowError> {
            let partners = flows::customer::partners(conn, &ctx, now)?;
            // Expired or removed access is shown too, so load every grant once.
            let access = AdminAccess::for_customer(conn, ctx.tenant_id())?;
            Ok(partners
                .iter()
                .map(|s| PartnerRow::new(s, &access, now))
                .collect())
        })
        .await?;
    page::html(&PartnersPage {
        page,
        customer_name: user.tenant.name.clone(),
        partners: rows,
    })
}

/// One partner the customer has or had; any other id is audited and answered 404.
fn load_partner(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
    now: chrono::NaiveDateTime,
) -> Result<PartnerDetail, FlowError> {
    flows::audited_read(conn, ctx, "tenant", id, |conn| {
        flows::customer::partner(conn, ctx, id, now)
    })
}

fn partner_row(detail: &PartnerDetail, now: chrono::NaiveDateTime) -> PartnerRow {
    PartnerRow::new(&detail.summary, &detail.access_history, now)
}

/// `GET /customer/partners/{id}`
pub async fn partner(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let ctx = Ctx::new(&user, request_meta(&req));
    let can_manage = ctx
        .authorize(Action::EndRelationship, Ownership::Own)
        .is_ok();
    let now = crate::db::now();
    let detail = state
        .db(move |conn| load_partner(conn, &ctx, id, now))
        .await?;
    page::html(&PartnerPage {
        page,
        partner: partner_row(&detail, now),
        history: detail.history.iter().map(RelationshipView::new).collect(),
        access_history: detail
            .access_history
            .iter()
            .map(|a| AccessView::new(a, now, Viewer::Customer))
            .collect(),
        subscriptions: SubscriptionView::list(&detail.subscriptions),
        can_manage,
    })
}

/// Loads the partner for a confirmation page: 404 (audited) for a partner the customer never
/// had, then 403 unless the user may perform `action`.
async fn load_for_action(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    action: Action,
) -> Result<PartnerDetail, AppError> {
    let ctx = Ctx::new(user, request_meta(req));
    let now = crate::db::now();
    state
        .db(move |conn| {
            let detail = load_partner(conn, &ctx, id, now)?;
            ctx.authorize(action, Ownership::Own)?;
            Ok::<_, FlowError>(detail)
        })
        .await
}

/// `GET /customer/partners/{id}/admin-access/remove`: what removing does, then confirm.
pub async fn confirm_remove_admin_access(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let detail = load_for_action(&req, &state, &user, id, Action::RemoveAdminAccess).await?;
    page::html(&RemoveAccessPage {
        page,
        partner: partner_row(&detail, crate::db::now()),
    })
}

/// `POST /customer/partners/{id}/admin-access/remove`
pub async fn remove_admin_access(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let ctx = Ctx::new(&user, request_meta(&req));
    let now = crate::db::now();
    state
        .db(move |conn| flows::customer::remove_admin_access(conn, &ctx, id, now))
        .await?;
    flash::set(&session, "customer-flash-access-removed");
    Ok(see_other(&format!("/customer/partners/{id}")))
}

/// `GET /customer/partners/{id}/end`: what ending does (nothing to the subscriptions), then
/// confirm.
pub async fn confirm_end_relationship(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let detail = load_for_action(&req, &state, &user, id, Action::EndRelationship).await?;
    page::html(&end_page(page, &detail, String::new(), None))
}

fn end_page(
    page: Page,
    detail: &PartnerDetail,
    reason: String,
    error: Option<&'static str>,
) -> EndRelationshipPage {
    EndRelationshipPage {
        page,
        partner: partner_row(detail, crate::db::now()),
        subscriptions: SubscriptionView::list(&detail.subscriptions),
        reason,
        error,
        max_chars: END_REASON_MAX_CHARS,
    }
}

/// `POST /customer/partners/{id}/end` with an optional `reason`.
pub async fn end_relationship(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<RecordId>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let reason = match crate::forms::end_reason(&FormFields::parse(&body)) {
        Ok(reason) => reason,
        Err((typed, why)) => {
            // Nothing is written; the page comes back with what was typed and why it is
            // refused (after the same 404/403 checks as the confirmation page).
            let detail = load_for_action(&req, &state, &user, id, Action::EndRelationship).await?;
            let page = Page::new(&req, Some(&user));
            return page::html_status(
                &end_page(page, &detail, typed, Some(why)),
                StatusCode::BAD_REQUEST,
            );
        }
    };
    let ctx = Ctx::new(&user, request_meta(&req));
    let now = crate::db::now();
    state
        .db(move |conn| flows::customer::end_relationship(conn, &ctx, id, reason.as_ref(), now))
        .await?;
    flash::set(&session, "customer-flash-relationship-ended");
    Ok(see_other(&format!("/customer/partners/{id}")))
}

/// `GET /customer/subscriptions`
pub async fn subscriptions(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    let rows = state
        .db(move |conn| flows::customer::subscriptions(conn, &ctx))
        .await?;
    page::html(&SubscriptionsPage {
        page,
        customer_name: user.tenant.name.clone(),
        subscriptions: SubscriptionView::list(&rows),
    })
}
