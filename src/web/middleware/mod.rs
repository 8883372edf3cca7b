//! Cross-cutting request handling: request ids with the access log and metrics, CSRF
//! protection, security headers, and rate limits (counted locally or in Redis).

pub mod csrf;
pub mod headers;
pub mod observe;
pub mod rate_limit;
pub mod shared_limits;

pub use observe::request_id;
