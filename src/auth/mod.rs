//! Signing in: the OpenID Connect client, how claims become a portal identity, the session's
//! view of the signed-in user, and the `next` redirect sanitizer.

pub mod accounts;
pub mod http;
pub mod identity;
pub mod oidc;
pub mod redirect;
pub mod session;

pub use identity::{Identity, IdentityError};
pub use oidc::{AuthError, OidcClient, PendingSignIn, SignedIn};
pub use redirect::safe_next;
pub use session::CurrentUser;
