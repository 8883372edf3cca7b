//! Black-box tests of the portal over real HTTP, on SQLite and PostgreSQL, signing in through
//! the built-in demo provider, the real `oidc-provider` package and a deliberately rogue one.
//! One test binary keeps link time down.

mod common;
mod log_capture;
mod nginx;
mod rogue_idp;
mod tls;

mod admin;
mod auth;
mod checklist;
mod client_addr;
mod customer_pages;
mod deployment;
mod error_pipeline;
mod flows;
mod free_text;
mod invitation_housekeeping;
mod languages;
mod limits;
mod listings;
mod pages;
mod partner_endings;
mod partner_pages;
mod resilience;
mod scale_out;
mod security;
mod shared_limits;
