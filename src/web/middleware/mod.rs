//! Cross-cutting request handling: request ids with the access log and metrics, CSRF
//! protection, and security headers.

pub mod csrf;
pub mod headers;
pub mod observe;
pub mod rate_limit;

pub use observe::request_id;
