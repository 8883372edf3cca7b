//! Views: askama templates and the `Page` context every page shares (language, CSRF token,
//! the signed-in user for the header, navigation by role).

pub mod access;
pub mod admin;
pub mod chart;
pub mod customer;
mod page;
mod pages;
pub mod partner;
pub mod subscription;

#[cfg(test)]
mod contrast_tests;
#[cfg(test)]
mod escaping_tests;

pub use page::{HeaderUser, NavLink, Page};
pub use pages::*;

use actix_web::HttpResponse;

use crate::web::error::AppError;

/// Renders a template to a string.
pub fn render<T: askama::Template>(template: &T) -> Result<String, askama::Error> {
    template.render()
}

/// Renders a template as an HTML 200 response.
pub fn html<T: askama::Template>(template: &T) -> Result<HttpResponse, AppError> {
    html_status(template, actix_web::http::StatusCode::OK)
}

/// Renders a template as an HTML response with the given status (refusal pages are pages too).
pub fn html_status<T: askama::Template>(
    template: &T,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let body = render(template).map_err(|e| AppError::internal(format!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}
