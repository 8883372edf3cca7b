//! Domain types that cannot hold invalid values: every value is parsed once, at
//! the edge (form, claim, database row), and is valid from then on.
//!
//! Nothing here does I/O; the clock is always passed in as `now`.

pub mod admin_access;
pub mod audit;
pub mod customer_domain;
pub mod free_text;
pub mod gdap;
pub mod invitation;
pub mod partner_id;
pub mod record_id;
pub mod relationship;
pub mod role;
pub mod string_enum;
pub mod subscription;
pub mod tenant;
pub mod token;
pub mod transition;

pub use admin_access::{AdminAccessEvent, AdminAccessKind, AdminAccessState, AutoExtension};
pub use audit::{AuditAction, Outcome};
pub use customer_domain::{CustomerDomain, CustomerDomainError};
pub use free_text::{
    EndReason, FREE_TEXT_MAX_CHARS, FreeText, FreeTextError, InvitationMessage, RefusedClass,
};
pub use gdap::{
    AUTO_EXTEND_DAYS, GdapDuration, GdapDurationError, GdapRequest, GdapRequestError, GdapRole,
};
pub use invitation::{
    InvitationAccess, InvitationEvent, InvitationExpiry, InvitationExpiryError, InvitationState,
};
pub use partner_id::{PartnerId, PartnerIdError};
pub use record_id::{RecordId, RecordIdError};
pub use relationship::{EndedBy, RelationshipState, RelationshipType};
pub use role::{Role, Roles};
pub use string_enum::ParseEnumError;
pub use subscription::{Quantity, QuantityError, SubscriptionStatus};
pub use tenant::{PartnerType, TenantKind};
pub use token::{InvitationToken, TokenError, TokenHash, TokenHashError};
pub use transition::IllegalTransition;

#[cfg(test)]
mod locale_keys;
