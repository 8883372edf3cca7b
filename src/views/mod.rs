//! Views: askama templates and the `Page` context every page shares (language, CSRF token,
//! the signed-in user for the header, navigation by role). Views do not import the web layer:
//! `web::page` builds a `Page` from a request and turns a rendered template into a response.

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

/// Renders a template to a string.
pub fn render<T: askama::Template>(template: &T) -> Result<String, askama::Error> {
    template.render()
}
