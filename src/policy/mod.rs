//! The portal's rules as pure functions: who may do what to which object, which
//! transitions are legal, what an acceptance grants, and what a partner may end.
//!
//! No I/O and no clock: handlers gather the facts, ask here, and then act. That
//! keeps every rule testable exhaustively without a database.

pub mod acceptance;
pub mod actor;
pub mod authorize;
pub mod ending;
pub mod indirect;

pub use acceptance::{
    AcceptRefusal, AcceptanceInput, AcceptancePlan, AccessDifference, DeclineInput, DeclinePlan,
    ExistingPartner, HeldAccess, InvitationFacts, NewAdminAccess, NewRelationship, RequestedAccess,
    compare_access, decide_acceptance, decide_decline,
};
pub use actor::Actor;
pub use authorize::{Action, Decision, Ownership, Refusal, authorize};
pub use ending::{EndingRefusal, PartnerEnding, RelationshipFacts, decide_partner_ending};
pub use indirect::{Inviter, PolicyError, check_indirect_provider};
