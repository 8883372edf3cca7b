//! HTTP handlers, one module per area, kept thin: parse input, ask the domain and models,
//! render a view (see ARCHITECTURE.md for the layers and how to add a route).

pub mod admin;
pub mod auth;
pub mod bench;
pub mod client_addr;
pub mod customer;
pub mod error;
pub mod flash;
pub mod form;
pub mod health;
pub mod home;
pub mod invitation;
pub mod lang;
pub mod metrics_access;
pub mod middleware;
pub mod page;
pub mod partner;
pub mod routes;
pub mod session_store;

use actix_web::HttpResponse;
use actix_web::http::header;

pub use client_addr::client_addr;

/// 303 to `location` (Post/Redirect/Get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}
