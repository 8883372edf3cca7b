//! The invitation link a partner sends: `GET /invitations/{token}` (the acceptance page, after
//! sign-in), `POST /invitations/{token}/accept`, and `GET /invitations/{token}/decline` (what
//! declining means, to confirm) before `POST /invitations/{token}/decline`.
//!
//! The token is parsed and hashed at once; only the hash reaches the flows and the database,
//! and audit events never carry it (the access log masks it, and the global headers keep it
//! out of Referer and caches).

use crate::config::Bucket;
use crate::web::routes::Routes;
use actix_session::Session;
use actix_web::http::Method;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::CurrentUser;
use crate::db::models::{Invitation, Outcome};
use crate::domain::AuditAction;
use crate::domain::{InvitationToken, TokenHash};
use crate::flows::acceptance::LinkView;
use crate::flows::{self, Ctx, FlowError};
use crate::policy::{AcceptRefusal, AcceptancePlan, AccessDifference};
use crate::state::AppState;
use crate::views::Page;
use crate::views::customer::{
    AskedAccess, DeclinePage, InvitationNotFoundPage, InvitationPage, InvitationRefusedPage,
    PartyView, PlannedRelationship, access_difference_text,
};
use crate::web::auth::request_meta;
use crate::web::error::AppError;
use crate::web::flash;
use crate::web::form::FormFields;
use crate::web::page;
use crate::web::see_other;

/// Every invitation-link route counts against one limit (token guessing), and its misses
/// block the client.
pub fn routes(r: &mut Routes) {
    let link = Some(Bucket::InvitationLink);
    r.route(Method::GET, "/invitations/{token}", link, show)
        .route(Method::POST, "/invitations/{token}/accept", link, accept)
        .route(
            Method::GET,
            "/invitations/{token}/decline",
            link,
            confirm_decline,
        )
        .route(Method::POST, "/invitations/{token}/decline", link, decline);
}

/// The name of the checkbox that says "I authorise".
const AUTHORISE: &str = "authorise";
/// Audit details of a failed lookup.
const MALFORMED: &str = "malformed_token";
const UNKNOWN: &str = "unknown_token";

/// `GET /invitations/{token}`
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (page, link, view) = match open_link(&req, &state, page, &user, &path).await? {
        Ok(opened) => opened,
        Err(not_found) => return Ok(not_found),
    };
    render(page, &user, link, view, None)
}

/// `GET /invitations/{token}/decline`: what declining means and that it is final, then the
/// form that declines. Like revoke, remove and end, a decision that cannot be undone is never
/// one click. Nothing is written here.
pub async fn confirm_decline(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (page, link, view) = match open_link(&req, &state, page, &user, &path).await? {
        Ok(opened) => opened,
        Err(not_found) => return Ok(not_found),
    };
    match view.decision {
        // A partner that asks for nothing new may still be declined.
        Ok(_) | Err(AcceptRefusal::AlreadyPartnerNothingNew) => page::html(&DeclinePage {
            page,
            link,
            partner: PartyView::new(&view.partner),
        }),
        Err(refusal) => refused(page, &user, refusal, Some(&view)),
    }
}

/// `POST /invitations/{token}/accept` with the `authorise` checkbox.
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    let Ok(token) = InvitationToken::parse(&path) else {
        return not_found(&state, ctx, page_for(&req, &user, None)).await;
    };
    let link = format!("/invitations/{}", token.as_str());
    let hash = token.hash();
    if !FormFields::parse(&body).checked(AUTHORISE) {
        // Nothing is written: the page comes back (or, if the link cannot be used at all, the
        // refusal) with the reason next to the box.
        let Some(view) = load_view(&state, ctx, hash).await? else {
            return not_found_page(page_for(&req, &user, Some(&link)));
        };
        let page = page_for(&req, &user, Some(&link));
        return render(page, &user, link, view, Some("accept-authorise-required"));
    }
    let now = crate::db::now();
    let outcome = state
        .db(move |conn| {
            match flows::acceptance::accept(conn, &ctx, &hash, now) {
                Ok(accepted) => Ok(Ok(accepted)),
                Err(FlowError::Refused(refusal)) => {
                    // For the refusal page: who sent it (read-only).
                    let view = flows::acceptance::view(conn, &ctx, &hash, now).ok();
                    Ok(Err((refusal, view)))
                }
                Err(other) => Err(other),
            }
        })
        .await;
    match outcome {
        Ok(Ok(accepted)) => {
            flash::set(&session, "customer-flash-accepted");
            Ok(see_other(&format!(
                "/customer/partners/{}",
                accepted.partner_tenant_id
            )))
        }
        Ok(Err((refusal, view))) => {
            let page = page_for(&req, &user, Some(&link));
            refused(page, &user, refusal, view.as_ref())
        }
        Err(AppError::NotFound) => not_found_page(page_for(&req, &user, Some(&link))),
        Err(other) => Err(other),
    }
}

/// `POST /invitations/{token}/decline`: final; changes only the invitation.
pub async fn decline(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::new(&user, request_meta(&req));
    let Ok(token) = InvitationToken::parse(&path) else {
        return not_found(&state, ctx, page_for(&req, &user, None)).await;
    };
    let link = format!("/invitations/{}", token.as_str());
    let hash = token.hash();
    let now = crate::db::now();
    let outcome = state
        .db(
            move |conn| match flows::acceptance::decline(conn, &ctx, &hash, now) {
                Ok(()) => Ok(Ok(())),
                Err(FlowError::Refused(refusal)) => {
                    let view = flows::acceptance::view(conn, &ctx, &hash, now).ok();
                    Ok(Err((refusal, view)))
                }
                Err(other) => Err(other),
            },
        )
        .await;
    match outcome {
        Ok(Ok(())) => {
            flash::set(&session, "customer-flash-declined");
            Ok(see_other("/customer/partners"))
        }
        Ok(Err((refusal, view))) => {
            let page = page_for(&req, &user, Some(&link));
            refused(page, &user, refusal, view.as_ref())
        }
        Err(AppError::NotFound) => not_found_page(page_for(&req, &user, Some(&link))),
        Err(other) => Err(other),
    }
}

/// An invitation link opened by a GET (its page, or the decline confirmation): the link and
/// the acceptance page's facts, or the invitation's 404 page, audited, for a malformed or unknown
/// token.
async fn open_link(
    req: &HttpRequest,
    state: &AppState,
    page: Page,
    user: &CurrentUser,
    path: &str,
) -> Result<Result<(Page, String, LinkView), HttpResponse>, AppError> {
    let ctx = Ctx::new(user, request_meta(req));
    let Ok(token) = InvitationToken::parse(path) else {
        return not_found(state, ctx, page).await.map(Err);
    };
    let link = format!("/invitations/{}", token.as_str());
    match load_view(state, ctx, token.hash()).await? {
        Some(view) => Ok(Ok((page, link, view))),
        None => not_found_page(page).map(Err),
    }
}

/// The acceptance page's facts, or `None` for a token no invitation has (audited as a failed
/// lookup, without the token).
async fn load_view(
    state: &AppState,
    ctx: Ctx,
    hash: TokenHash,
) -> Result<Option<LinkView>, AppError> {
    let now = crate::db::now();
    state
        .db(
            move |conn| match flows::acceptance::view(conn, &ctx, &hash, now) {
                Ok(view) => Ok(Some(view)),
                Err(FlowError::NotFound) => {
                    record_lookup_failure(conn, &ctx, UNKNOWN)?;
                    Ok(None)
                }
                Err(other) => Err(other),
            },
        )
        .await
}

/// Records a link that led nowhere. The detail says why; the token itself is never recorded.
fn record_lookup_failure(
    conn: &mut crate::db::DbConnection,
    ctx: &Ctx,
    reason: &'static str,
) -> Result<(), diesel::result::Error> {
    ctx.event(AuditAction::InvitationLookupFailed, Outcome::Failure)
        .detail(reason)
        .record(conn, crate::db::now())
}

/// A malformed token: audited, then the invitation-specific 404 page.
async fn not_found(state: &AppState, ctx: Ctx, page: Page) -> Result<HttpResponse, AppError> {
    state
        .db(move |conn| record_lookup_failure(conn, &ctx, MALFORMED))
        .await?;
    not_found_page(page)
}

fn not_found_page(page: Page) -> Result<HttpResponse, AppError> {
    page::html_status(&InvitationNotFoundPage { page }, StatusCode::NOT_FOUND)
}

/// A page for a POST's answer; its language switcher returns to the link, not to the post.
fn page_for(req: &HttpRequest, user: &CurrentUser, link: Option<&str>) -> Page {
    let mut page = Page::new(req, Some(user));
    if let Some(link) = link {
        link.clone_into(&mut page.path);
    }
    page
}

/// The acceptance page when the invitation can be accepted, else its refusal page.
fn render(
    page: Page,
    user: &CurrentUser,
    link: String,
    view: LinkView,
    error: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    match &view.decision {
        Ok(plan) => {
            let status = if error.is_some() {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            page::html_status(
                &acceptance_page(page, user, link, &view, plan, error),
                status,
            )
        }
        Err(refusal) => refused(page, user, *refusal, Some(&view)),
    }
}

fn acceptance_page(
    page: Page,
    user: &CurrentUser,
    link: String,
    view: &LinkView,
    plan: &AcceptancePlan,
    error: Option<&'static str>,
) -> InvitationPage {
    let invitation = &view.invitation;
    let name_of = |id: i64| {
        [Some(&view.partner), view.provider.as_ref()]
            .into_iter()
            .flatten()
            .find(|t| t.id == id)
    };
    let relationships: Vec<PlannedRelationship> = plan
        .relationships
        .iter()
        .map(|r| {
            let tenant = name_of(r.partner_tenant_id);
            PlannedRelationship {
                name: tenant.map(|t| t.name.clone()).unwrap_or_default(),
                partner_id: tenant.and_then(|t| t.partner_id.clone()),
                type_key: r.relationship_type.message_key(),
                via: r
                    .indirect_provider_tenant_id
                    .and_then(name_of)
                    .map(|t| t.name.clone()),
            }
        })
        .collect();
    // Partners of this invitation that already work with the customer: every involved partner
    // that accepting does not create a relationship for.
    let involved: Vec<i64> = [Some(view.partner.id), view.provider.as_ref().map(|p| p.id)]
        .into_iter()
        .flatten()
        .collect();
    let already_partners: Vec<String> = involved
        .iter()
        .filter(|id| {
            !plan
                .relationships
                .iter()
                .any(|r| r.partner_tenant_id == **id)
        })
        .filter_map(|id| name_of(*id).map(|t| t.name.clone()))
        .collect();
    let asked = asked_access(invitation, plan);
    let access_difference =
        access_difference_text(&page, &view.partner.name, &view.access_difference);
    let other_partners = view
        .current_partners
        .iter()
        .filter(|t| !involved.contains(&t.id))
        .map(|t| t.name.clone())
        .collect();
    InvitationPage {
        page,
        link,
        customer_name: user.tenant.name.clone(),
        partner: PartyView::new(&view.partner),
        provider: view.provider.as_ref().map(PartyView::new),
        message: invitation.message.clone().filter(|m| !m.trim().is_empty()),
        access_key: invitation.access.message_key(),
        expires_at: invitation.expires_at,
        relationships,
        already_partners,
        asked,
        access_difference,
        other_partners,
        error,
    }
}

/// What the invitation asks for; the end date is the plan's (as if accepted now).
fn asked_access(invitation: &Invitation, plan: &AcceptancePlan) -> AskedAccess {
    use crate::domain::InvitationAccess;
    match invitation.access {
        InvitationAccess::Reseller => AskedAccess::None,
        InvitationAccess::ResellerDap => AskedAccess::Dap,
        InvitationAccess::ResellerGdap => AskedAccess::Gdap {
            roles: invitation.roles(),
            days: invitation.gdap_duration_days.unwrap_or(0),
            ends_at: plan
                .admin_access
                .as_ref()
                .and_then(|a| a.ends_at)
                .map(|e| e.naive_utc()),
            auto_extend: invitation.auto_extend,
        },
    }
}

/// The refusal page: what went wrong in plain words, and that nothing changed.
fn refused(
    page: Page,
    user: &CurrentUser,
    refusal: AcceptRefusal,
    view: Option<&LinkView>,
) -> Result<HttpResponse, AppError> {
    let partner = view.map(|v| &v.partner);
    let partner_name = partner.map(|p| p.name.clone()).unwrap_or_default();
    let (title_key, text, status) = match refusal {
        AcceptRefusal::NotCustomerGlobalAdmin => (
            "accept-refused-not-global-admin-title",
            page.t2(
                "accept-refused-not-global-admin",
                "name",
                &user.user.display_name,
                "tenant",
                &user.tenant.name,
            ),
            StatusCode::FORBIDDEN,
        ),
        AcceptRefusal::WrongCustomer => (
            "accept-refused-wrong-customer-title",
            page.t1("accept-refused-wrong-customer", "tenant", &user.tenant.name),
            StatusCode::FORBIDDEN,
        ),
        AcceptRefusal::Expired => (
            "accept-refused-expired-title",
            page.t("accept-refused-expired"),
            StatusCode::GONE,
        ),
        AcceptRefusal::Revoked => (
            "accept-refused-revoked-title",
            page.t("accept-refused-revoked"),
            StatusCode::GONE,
        ),
        AcceptRefusal::AlreadyUsed => (
            "accept-refused-used-title",
            page.t("accept-refused-used"),
            StatusCode::GONE,
        ),
        AcceptRefusal::AlreadyPartnerNothingNew => (
            "accept-refused-already-partner-title",
            page.t1("accept-refused-already-partner", "partner", &partner_name),
            StatusCode::CONFLICT,
        ),
    };
    // Who sent it is shown only to the customer it may concern: not to a user who may not
    // decide, nor to another organisation.
    let show_partner = !matches!(
        refusal,
        AcceptRefusal::NotCustomerGlobalAdmin | AcceptRefusal::WrongCustomer
    );
    let partner_link = match refusal {
        AcceptRefusal::AlreadyPartnerNothingNew => partner.map(|p| p.id),
        _ => None,
    };
    let access_difference = match (refusal, view) {
        (AcceptRefusal::AlreadyPartnerNothingNew, Some(view)) => match &view.access_difference {
            AccessDifference::NothingAsked => vec![page.t("accept-refused-no-access-asked")],
            other => access_difference_text(&page, &partner_name, other),
        },
        _ => Vec::new(),
    };
    page::html_status(
        &InvitationRefusedPage {
            page,
            title_key,
            text,
            partner: partner.filter(|_| show_partner).map(PartyView::new),
            partner_link,
            access_difference,
            offer_sign_out: refusal == AcceptRefusal::NotCustomerGlobalAdmin,
        },
        status,
    )
}
