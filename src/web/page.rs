//! Pages as HTTP: a `views::Page` built from the request (language, session, CSRF token, flash)
//! and templates rendered into responses. Here rather than in `views`, so that views hold only
//! what templates read and do not depend on the web layer (see ARCHITECTURE.md, layers).

use std::future::Future;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, dev::Payload};

use crate::auth::session::{CurrentUser, csrf_token, load_current_user};
use crate::i18n::{LANG_COOKIE, Lang};
use crate::views::{self, HeaderUser, Page};
use crate::web::error::AppError;

/// Renders a template as an HTML 200 response.
pub fn html<T: askama::Template>(template: &T) -> Result<HttpResponse, AppError> {
    html_status(template, StatusCode::OK)
}

/// Renders a template as an HTML response with the given status (refusal pages are pages too).
pub fn html_status<T: askama::Template>(
    template: &T,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let body = views::render(template).map_err(|e| AppError::internal(format!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// The language of the request: the language cookie, else `Accept-Language`, else English.
pub fn request_lang(req: &HttpRequest) -> Lang {
    if let Some(lang) = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
    {
        return lang;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

impl Page {
    /// The page context of this request for `user` (None: signed out). Takes the flash message.
    pub fn new(req: &HttpRequest, user: Option<&CurrentUser>) -> Page {
        let config = req
            .app_data::<actix_web::web::Data<crate::state::AppState>>()
            .map(|s| &s.config);
        let demo = config.is_some_and(|c| c.demo_idp_enabled());
        let demo_exposed = config.is_some_and(|c| c.demo_exposed());
        Page {
            lang: request_lang(req),
            csrf: csrf_token(&req.get_session()),
            user: user.map(|u| HeaderUser {
                name: u.user.display_name.clone(),
                tenant_name: u.tenant.name.clone(),
                kind: u.kind,
                role_key: u.primary_role().map(|r| r.message_key()),
            }),
            path: req.path().to_owned(),
            demo,
            demo_exposed,
            flash: crate::web::flash::take(&req.get_session()),
        }
    }

    /// For an error answered where the session cannot be read (it is not loaded yet, or its
    /// store failed): signed out, no CSRF token, no flash. Touches no session, so it can be
    /// taken before the session layer runs.
    pub fn without_session(req: &HttpRequest) -> Page {
        let config = req
            .app_data::<actix_web::web::Data<crate::state::AppState>>()
            .map(|s| &s.config);
        Page {
            lang: request_lang(req),
            csrf: String::new(),
            user: None,
            path: req.path().to_owned(),
            demo: config.is_some_and(|c| c.demo_idp_enabled()),
            demo_exposed: config.is_some_and(|c| c.demo_exposed()),
            flash: None,
        }
    }

    /// For error pages: no database access (the database may be the thing that failed).
    pub fn for_error(req: &HttpRequest) -> Page {
        let cached = req
            .extensions()
            .get::<Option<CurrentUser>>()
            .cloned()
            .flatten();
        Page::new(req, cached.as_ref())
    }
}

impl FromRequest for Page {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = load_current_user(&req).await?;
            Ok(Page::new(&req, user.as_ref()))
        })
    }
}
