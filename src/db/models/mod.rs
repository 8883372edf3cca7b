//! One file per table; each owns that table's queries. Handlers never build SQL themselves.

pub mod admin_access;
pub mod audit;
pub mod counters;
pub mod invitation;
pub mod offer;
pub mod relationship;
pub mod session;
pub mod subscription;
pub mod tenant;
pub mod user;

pub use admin_access::AdminAccess;
pub use audit::{AuditAction, AuditEvent, NewAuditEvent, Outcome};
pub use invitation::Invitation;
pub use offer::Offer;
pub use relationship::Relationship;
pub use subscription::Subscription;
pub use tenant::{NewTenant, Tenant};
pub use user::{NewUser, User};
