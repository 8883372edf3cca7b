use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::auth::safe_next;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::state::AppState;
use crate::web::error::AppError;

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    next: Option<String>,
}

/// `POST /lang`: remembers the chosen language in a cookie (it outlives sign-out) and goes back.
pub async fn set_language(
    state: web::Data<AppState>,
    form: web::Form<LangForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_code(&form.lang).ok_or(AppError::BadRequest("error-bad-language"))?;
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .secure(state.config.secure_cookies())
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .finish();
    let next = form
        .next
        .as_deref()
        .and_then(safe_next)
        .unwrap_or_else(|| "/".to_owned());
    Ok(HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, next))
        .finish())
}
