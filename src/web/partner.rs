//! The partner area: `GET /partner/customers[/{id}]`, placing an order
//! (`POST /partner/customers/{id}/subscriptions`), and the confirmation pages and posts that
//! terminate the partner's admin access or end its relationship; the invitations list, form, creation (which
//! shows the link once), detail, reissuing its link and revocation, each with a confirmation
//! page. The flows authorise
//! and audit; these handlers parse, call and render.

use crate::config::Bucket;
use crate::web::routes::Routes;
use actix_session::Session;
use actix_web::http::Method;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDateTime};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::models::invitation::Invitation;
use crate::db::models::{AdminAccess, Tenant, User};
use crate::domain::{InvitationState, PartnerType, RecordId};
use crate::flows::partner::{CustomerDetail, CustomerSummary};
use crate::flows::{self, Ctx, FlowError};
use crate::forms::{
    self, InvitationFieldErrors, InvitationFormErrors, InvitationInput, OrderFieldErrors,
    OrderFormErrors, OrderInput,
};
use crate::listing::{Cursor, PAGE_SIZE, SortKey};
use crate::policy::{Action, Ownership, PartnerEnding};
use crate::state::AppState;
use crate::views::Page;
use crate::views::partner::{
    AccessView, CreatedPage, CustomerPage, CustomerRow, CustomersPage, EndRelationshipPage,
    InvitationEmail, InvitationPage, InvitationView, InvitationsPage, NewInvitationPage,
    OfferOption, ReissuePage, RelationshipView, RevokePage, StateChoice, SubscriptionView,
    TerminateAccessPage, Viewer,
};
use crate::web::auth::request_meta;
use crate::web::error::AppError;
use crate::web::flash;
use crate::web::form::FormFields;
use crate::web::page;
use crate::web::see_other;

/// Scope of the invitation list's page cursors (a cursor of another listing is refused).
const CURSOR_SCOPE: &str = "partner_invitations";

pub fn routes(r: &mut Routes) {
    r.get("/partner/customers", customers)
        .get("/partner/customers/{id}", customer)
        .post("/partner/customers/{id}/subscriptions", place_order)
        .get(
            "/partner/customers/{id}/admin-access/terminate",
            confirm_terminate_admin_access,
        )
        .post(
            "/partner/customers/{id}/admin-access/terminate",
            terminate_admin_access,
        )
        .get("/partner/customers/{id}/end", confirm_end_relationship)
        .post("/partner/customers/{id}/end", end_relationship)
        .get("/partner/invitations", invitations)
        .route(
            Method::POST,
            "/partner/invitations",
            Some(Bucket::InvitationCreate),
            create_invitation,
        )
        // Before `{id}`, which would otherwise take "new".
        .get("/partner/invitations/new", new_invitation)
        .get("/partner/invitations/{id}", invitation)
        .get("/partner/invitations/{id}/revoke", confirm_revoke)
        .post("/partner/invitations/{id}/revoke", revoke)
        .get("/partner/invitations/{id}/reissue", confirm_reissue)
        .post("/partner/invitations/{id}/reissue", reissue);
}

// ---------------------------------------------------------------------------------------------
// Customers.

/// Names of the providers on these relationships (an indirect reseller's own provider).
fn provider_names(
    conn: &mut DbConnection,
    summaries: &[&CustomerSummary],
) -> Result<Vec<Tenant>, FlowError> {
    let mut ids: Vec<i64> = summaries
        .iter()
        .filter_map(|s| s.relationship.provider_tenant_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Tenant::find_many(conn, &ids)?)
}

fn customer_row(
    summary: &CustomerSummary,
    grants: &[AdminAccess],
    providers: &[Tenant],
    now: NaiveDateTime,
) -> CustomerRow {
    let provider_name = summary
        .relationship
        .provider_tenant_id
        .and_then(|id| providers.iter().find(|t| t.id == id))
        .map(|t| t.name.clone());
    let history: Vec<&AdminAccess> = grants
        .iter()
        .filter(|a| a.customer_tenant_id == summary.customer.id)
        .collect();
    CustomerRow::new(
        &summary.customer,
        RelationshipView::new(&summary.relationship, provider_name),
        summary.admin_access.as_ref(),
        &history,
        now,
    )
}

/// `GET /partner/customers`
pub async fn customers(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    let now = crate::db::now();
    let rows = state
        .db(move |conn| -> Result<Vec<CustomerRow>, FlowError> {
            let summaries = flows::partner::customers(conn, &ctx, now)?;
            // Expired or removed access is shown too, so load this partner's grants once.
            let grants = AdminAccess::for_partner(conn, ctx.tenant_id())?;
            let providers = provider_names(conn, &summaries.iter().collect::<Vec<_>>())?;
            Ok(summaries
                .iter()
                .map(|s| customer_row(s, &grants, &providers, now))
                .collect())
        })
        .await?;
    page::html(&CustomersPage {
        page,
        partner_name: user.tenant.name.clone(),
        customers: rows,
    })
}

/// One customer of the partner, with the display row; any other id is audited and 404.
async fn load_customer(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<(CustomerDetail, CustomerRow), AppError> {
    let ctx = Ctx::new(user, request_meta(req));
    let now = crate::db::now();
    state
        .db(move |conn| {
            let detail = flows::audited_read(conn, &ctx, "tenant", id, |conn| {
                flows::partner::customer(conn, &ctx, id, now)
            })?;
            let providers = provider_names(conn, &[&detail.summary])?;
            let row = customer_row(&detail.summary, &detail.access_history, &providers, now);
            Ok::<_, FlowError>((detail, row))
        })
        .await
}

fn customer_page(
    page: Page,
    user: &CurrentUser,
    detail: &CustomerDetail,
    row: CustomerRow,
    order: OrderInput,
    order_errors: OrderFieldErrors,
) -> CustomerPage {
    let now = crate::db::now();
    let may = |action| {
        Ctx::new(user, Default::default())
            .authorize(action, Ownership::Own)
            .is_ok()
    };
    let may_order = may(Action::PlaceOrder);
    let can_end = may(Action::EndCustomerRelationship);
    CustomerPage {
        page,
        partner_name: user.tenant.name.clone(),
        can_order: may_order && row.relationship.is_active,
        customer: row,
        access_history: detail
            .access_history
            .iter()
            .map(|a| AccessView::new(a, now, Viewer::Partner))
            .collect(),
        subscriptions: detail
            .subscriptions
            .iter()
            .map(SubscriptionView::new)
            .collect(),
        offers: OfferOption::list(&detail.offers, &order.offer),
        order,
        order_errors,
        can_end,
    }
}

/// `GET /partner/customers/{id}`
pub async fn customer(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let (detail, row) = load_customer(&req, &state, &user, id).await?;
    page::html(&customer_page(
        page,
        &user,
        &detail,
        row,
        OrderInput::default(),
        OrderFieldErrors::default(),
    ))
}

/// `POST /partner/customers/{id}/subscriptions` with `offer` and `quantity`. Bad input shows
/// the customer's page again with the form as typed and nothing written.
pub async fn place_order(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<RecordId>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let (order, refused) = match forms::order(&FormFields::parse(&body)) {
        Ok(request) => {
            let ctx = Ctx::new(&user, request_meta(&req));
            let now = crate::db::now();
            let placed = state
                .db(move |conn| {
                    Ok::<_, FlowError>(flows::orders::place_order(
                        conn,
                        &ctx,
                        id,
                        request.offer_id,
                        request.quantity,
                        now,
                    ))
                })
                .await?;
            match placed {
                Ok(()) => {
                    flash::set(&session, "order-flash-placed");
                    return Ok(see_other(&format!("/partner/customers/{id}")));
                }
                // The offer does not exist: the form again, as typed.
                Err(FlowError::Invalid(key)) => {
                    let input = OrderInput {
                        offer: request.offer_id.to_string(),
                        quantity: request.quantity.get().to_string(),
                    };
                    let errors = OrderFieldErrors {
                        offer: Some(key),
                        quantity: None,
                    };
                    (input, errors)
                }
                Err(other) => return Err(other.into()),
            }
        }
        Err(OrderFormErrors { input, errors }) => (input, errors),
    };
    // Not found (audited) before forbidden before bad input, as for the page itself.
    let (detail, row) = load_customer(&req, &state, &user, id).await?;
    Ctx::new(&user, request_meta(&req)).authorize(Action::PlaceOrder, Ownership::Own)?;
    let page = Page::new(&req, Some(&user));
    page::html_status(
        &customer_page(page, &user, &detail, row, order, refused),
        StatusCode::BAD_REQUEST,
    )
}

// ---------------------------------------------------------------------------------------------
// Ending from the partner's side.

/// Loads the customer for an ending's confirmation page: 404 (audited) for a customer that is
/// not the partner's, then 403 unless the user may perform `ending`.
async fn load_for_ending(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    ending: PartnerEnding,
) -> Result<(CustomerDetail, CustomerRow), AppError> {
    let found = load_customer(req, state, user, id).await?;
    let ctx = Ctx::new(user, request_meta(req));
    let now = crate::db::now();
    state
        .db(move |conn| flows::partner::check_may_end(conn, &ctx, id, ending, now))
        .await?;
    Ok(found)
}

/// `GET /partner/customers/{id}/admin-access/terminate`: what terminating does, then confirm.
pub async fn confirm_terminate_admin_access(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let (_, customer) =
        load_for_ending(&req, &state, &user, id, PartnerEnding::TerminateAdminAccess).await?;
    page::html(&TerminateAccessPage { page, customer })
}

/// `POST /partner/customers/{id}/admin-access/terminate`
pub async fn terminate_admin_access(
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
        .db(move |conn| flows::partner::terminate_admin_access(conn, &ctx, id, now))
        .await?;
    flash::set(&session, "customers-flash-access-terminated");
    Ok(see_other(&format!("/partner/customers/{id}")))
}

fn end_page(
    page: Page,
    user: &CurrentUser,
    detail: &CustomerDetail,
    customer: CustomerRow,
    reason: String,
    error: Option<&'static str>,
) -> EndRelationshipPage {
    EndRelationshipPage {
        page,
        partner_name: user.tenant.name.clone(),
        customer,
        subscriptions: SubscriptionView::list(&detail.subscriptions),
        reason,
        error,
        max_chars: forms::END_REASON_MAX_CHARS,
    }
}

/// `GET /partner/customers/{id}/end`: what ending does (nothing to any subscription), then
/// confirm with an optional reason.
pub async fn confirm_end_relationship(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let (detail, customer) =
        load_for_ending(&req, &state, &user, id, PartnerEnding::EndRelationship).await?;
    page::html(&end_page(
        page,
        &user,
        &detail,
        customer,
        String::new(),
        None,
    ))
}

/// `POST /partner/customers/{id}/end` with an optional `reason`. A reason that is not plain
/// text of at most 500 characters brings the page back as typed, and nothing is written.
pub async fn end_relationship(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<RecordId>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let reason = match forms::end_reason(&FormFields::parse(&body)) {
        Ok(reason) => reason,
        Err((typed, why)) => {
            // The same 404/403 checks as the confirmation page first.
            let (detail, customer) =
                load_for_ending(&req, &state, &user, id, PartnerEnding::EndRelationship).await?;
            let page = Page::new(&req, Some(&user));
            return page::html_status(
                &end_page(page, &user, &detail, customer, typed, Some(why)),
                StatusCode::BAD_REQUEST,
            );
        }
    };
    let ctx = Ctx::new(&user, request_meta(&req));
    let now = crate::db::now();
    state
        .db(move |conn| flows::partner::end_relationship(conn, &ctx, id, reason.as_ref(), now))
        .await?;
    flash::set(&session, "customers-flash-relationship-ended");
    Ok(see_other(&format!("/partner/customers/{id}")))
}

// ---------------------------------------------------------------------------------------------
// Invitations.

#[derive(Deserialize)]
pub struct ListQuery {
    after: Option<String>,
    state: Option<String>,
}

/// `GET /partner/invitations[?state=…][&after=cursor]`: newest first, keyset-paginated,
/// optionally only those in one state (as of now: a pending invitation past its time is
/// expired). An unknown state is a 400 with the reason.
pub async fn invitations(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    ctx.authorize(Action::ListInvitations, Ownership::None)?;
    let before = match query.after.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(text) => {
            let cursor = state
                .cursors
                .decode(text, CURSOR_SCOPE)
                .map_err(|_| AppError::BadRequest("listing-error-cursor"))?;
            let SortKey::Time(micros) = cursor.key else {
                return Err(AppError::BadRequest("listing-error-cursor"));
            };
            let at = DateTime::from_timestamp_micros(micros)
                .ok_or(AppError::BadRequest("listing-error-cursor"))?
                .naive_utc();
            Some((at, cursor.id))
        }
    };
    let filter = match query.state.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(
            text.parse::<InvitationState>()
                .map_err(|_| AppError::BadRequest("invitation-error-state"))?,
        ),
    };
    let partner = ctx.tenant_id();
    let now = crate::db::now();
    let mut rows = state
        .db(move |conn| {
            Invitation::list_for_partner(conn, partner, filter, now, before, PAGE_SIZE + 1)
        })
        .await?;
    let base = match filter {
        Some(s) => format!("/partner/invitations?state={}", s.as_str()),
        None => "/partner/invitations".to_owned(),
    };
    let joiner = if filter.is_some() { '&' } else { '?' };
    let more = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    let next = match rows.last() {
        Some(last) if more => Some(format!(
            "{base}{joiner}after={}",
            state.cursors.encode(&Cursor {
                scope: CURSOR_SCOPE.to_owned(),
                key: SortKey::Time(last.invitation.created_at.and_utc().timestamp_micros()),
                id: last.invitation.id,
            })
        )),
        _ => None,
    };
    page::html(&InvitationsPage {
        page,
        partner_name: user.tenant.name.clone(),
        states: StateChoice::list(filter),
        filtered: filter.is_some(),
        invitations: rows
            .into_iter()
            .map(|r| InvitationView::new(&r.invitation, r.created_by_name, r.customer_name, now))
            .collect(),
        next,
        first: before.map(|_| base.clone()),
    })
}

fn is_indirect_reseller(user: &CurrentUser) -> bool {
    user.tenant.partner_type() == Some(PartnerType::IndirectReseller)
}

/// The invitation form, blank or as typed with its errors.
async fn invitation_form(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    input: InvitationInput,
    errors: InvitationFieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let indirect = is_indirect_reseller(user);
    // A sales agent is offered a reseller relationship only (the server refuses more anyway).
    let may_request_admin = Ctx::new(user, request_meta(req))
        .authorize(Action::RequestAdminAccess, Ownership::None)
        .is_ok();
    let providers = if indirect {
        let ctx = Ctx::new(user, request_meta(req));
        state
            .db(move |conn| flows::partner::providers(conn, &ctx))
            .await?
    } else {
        Vec::new()
    };
    page::html_status(
        &NewInvitationPage::new(
            page,
            user.tenant.name.clone(),
            input,
            errors,
            indirect,
            &providers,
            may_request_admin,
        ),
        status,
    )
}

/// `GET /partner/invitations/new`
pub async fn new_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    Ctx::new(&user, request_meta(&req)).authorize(Action::CreateInvitation, Ownership::None)?;
    invitation_form(
        &req,
        &state,
        &user,
        page,
        InvitationInput::default(),
        InvitationFieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /partner/invitations`: creates the invitation and shows its link, once. The page is
/// the response to the POST itself (never a redirect), so the token is never stored, not even
/// in the session; `Cache-Control: no-store` keeps it out of caches.
pub async fn create_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    ctx.authorize(Action::CreateInvitation, Ownership::None)?;
    let fields = FormFields::parse(&body);
    let request = match forms::invitation(&fields) {
        Ok(request) => request,
        Err(InvitationFormErrors { input, errors }) => {
            let page = Page::new(&req, Some(&user));
            return invitation_form(
                &req,
                &state,
                &user,
                page,
                *input,
                *errors,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    let asks_admin_access = Action::for_invitation_access(request.access.kind()).is_some();
    let now = crate::db::now();
    let created = state
        .db(move |conn| {
            let created = match flows::invitations::create(conn, &ctx, &request, now) {
                Ok(created) => created,
                Err(err) => return Ok(Err(err)),
            };
            let provider = match created.invitation.indirect_provider_tenant_id {
                Some(id) => Tenant::find(conn, id)?,
                None => None,
            };
            Ok::<_, FlowError>(Ok((created, provider)))
        })
        .await?;
    let (created, provider) = match created {
        Ok(found) => found,
        Err(err) => {
            let (errors, status) = match err {
                // The provider named is missing, not allowed or not associated: the form again.
                FlowError::Invalid(key) => (
                    InvitationFieldErrors {
                        provider: Some(key),
                        ..InvitationFieldErrors::default()
                    },
                    StatusCode::BAD_REQUEST,
                ),
                // A sales agent asked for DAP or GDAP (the form did not offer it): refused and
                // audited by the flow; the form again, saying who may.
                FlowError::Forbidden if asks_admin_access => (
                    InvitationFieldErrors {
                        access: Some("invitation-error-admin-access-admin-agent"),
                        ..InvitationFieldErrors::default()
                    },
                    StatusCode::FORBIDDEN,
                ),
                other => return Err(other.into()),
            };
            let page = Page::new(&req, Some(&user));
            let input = InvitationInput::from_fields(&fields);
            return invitation_form(&req, &state, &user, page, input, errors, status).await;
        }
    };
    let page = Page::new(&req, Some(&user));
    let mut view = InvitationView::new(
        &created.invitation,
        user.user.display_name.clone(),
        None,
        now,
    );
    view.provider_name = provider.map(|p| p.name);
    let email = InvitationEmail::new(&page, &view, &user.tenant, &user.user.display_name);
    let link = format!(
        "{}/invitations/{}",
        state.config.base(),
        created.token.as_str()
    );
    page::html(&CreatedPage {
        page,
        invitation: view,
        link,
        email,
        reissued: false,
    })
}

/// What an invitation page is loaded for: reading it, or revoking it (one's own, or an admin
/// agent's colleague's).
#[derive(Clone, Copy)]
enum LoadFor {
    Viewing,
    Revoking,
}

/// One of the partner's invitations as a view, checked for what it is loaded for, and whether
/// the actor may revoke it; another partner's (or a missing) id is audited and answered 404.
async fn load_invitation(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    load_for: LoadFor,
) -> Result<(InvitationView, bool), AppError> {
    let ctx = Ctx::new(user, request_meta(req));
    let now = crate::db::now();
    state
        .db(move |conn| {
            let invitation =
                flows::audited_read(conn, &ctx, "invitation", id, |conn| match load_for {
                    LoadFor::Viewing => {
                        flows::invitations::find_own(conn, &ctx, id, Action::ViewInvitation)
                    }
                    LoadFor::Revoking => flows::invitations::find_revocable(conn, &ctx, id),
                })?;
            let can_revoke = flows::invitations::may_revoke(&ctx, &invitation);
            let name_of = |conn: &mut DbConnection, user: Option<i64>| match user {
                Some(id) => {
                    User::find_with_tenant(conn, id).map(|u| u.map(|(u, _)| u.display_name))
                }
                None => Ok(None),
            };
            let tenant_name = |conn: &mut DbConnection, tenant: Option<i64>| match tenant {
                Some(id) => Tenant::find(conn, id).map(|t| t.map(|t| t.name)),
                None => Ok(None),
            };
            let created_by =
                name_of(conn, Some(invitation.created_by_user_id))?.unwrap_or_default();
            let customer = tenant_name(conn, invitation.customer_tenant_id)?;
            let mut view = InvitationView::new(&invitation, created_by, customer, now);
            view.decided_by = name_of(conn, invitation.decided_by_user_id)?;
            view.provider_name = tenant_name(conn, invitation.indirect_provider_tenant_id)?;
            Ok::<_, FlowError>((view, can_revoke))
        })
        .await
}

/// `GET /partner/invitations/{id}`
pub async fn invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let (view, can_revoke) = load_invitation(&req, &state, &user, id, LoadFor::Viewing).await?;
    page::html(&InvitationPage {
        page,
        invitation: view,
        can_revoke,
    })
}

/// `GET /partner/invitations/{id}/revoke`: what revoking does, then confirm.
pub async fn confirm_revoke(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let (view, _) = load_invitation(&req, &state, &user, id, LoadFor::Revoking).await?;
    page::html(&RevokePage {
        page,
        invitation: view,
    })
}

/// `POST /partner/invitations/{id}/revoke`. Not pending any more: 409 with the reason.
pub async fn revoke(
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
        .db(move |conn| flows::invitations::revoke(conn, &ctx, id, now))
        .await?;
    flash::set(&session, "invitation-flash-revoked");
    Ok(see_other(&format!("/partner/invitations/{id}")))
}

/// `GET /partner/invitations/{id}/reissue`: what a new link does, then confirm. The same
/// people as for revoking: its creator, or an admin agent.
pub async fn confirm_reissue(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let (view, _) = load_invitation(&req, &state, &user, id, LoadFor::Revoking).await?;
    page::html(&ReissuePage {
        page,
        invitation: view,
    })
}

/// `POST /partner/invitations/{id}/reissue`: the new link, shown once as the response to the
/// POST itself (never a redirect, never stored); the old link names nothing from now on. Not
/// pending any more: 409 with the reason.
pub async fn reissue(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<RecordId>,
) -> Result<HttpResponse, AppError> {
    let id = path.get();
    let ctx = Ctx::new(&user, request_meta(&req));
    let now = crate::db::now();
    let created = state
        .db(move |conn| flows::invitations::reissue(conn, &ctx, id, now))
        .await?;
    let (view, _) = load_invitation(&req, &state, &user, id, LoadFor::Viewing).await?;
    let page = Page::new(&req, Some(&user));
    // The e-mail names the sender: the user sending the new link.
    let email = InvitationEmail::new(&page, &view, &user.tenant, &user.user.display_name);
    let link = format!(
        "{}/invitations/{}",
        state.config.base(),
        created.token.as_str()
    );
    page::html(&CreatedPage {
        page,
        invitation: view,
        link,
        email,
        reissued: true,
    })
}
