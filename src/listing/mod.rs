//! Operator listings: typed filters parsed from the query string, keyset pagination with
//! signed cursors. Pure: the queries live in `crate::db::listings`.

pub mod cursor;
pub mod filters;

pub use cursor::{Cursor, CursorCodec, CursorError, SortKey};
pub use filters::{
    AuditFilter, CustomerFilter, FilterError, InvitationFilter, ListingFilter, Order,
    RelationshipFilter,
};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;
