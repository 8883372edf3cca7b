//! One file per table; each owns that table's queries. Handlers never build SQL themselves.

pub mod audit;
pub mod offer;
pub mod subscription;
pub mod tenant;
pub mod user;

pub use audit::{AuditEvent, NewAuditEvent, Outcome};
pub use offer::Offer;
pub use subscription::Subscription;
pub use tenant::{NewTenant, Tenant};
pub use user::{NewUser, User};
