//! What the session holds and the `CurrentUser` extractor. The session stores only ids, times
//! and the roles signed in with; the user and tenant are loaded fresh each request, and a
//! change of roles (or the user's removal) ends the session.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};

use crate::db::models::{Tenant, User};
use crate::domain::{Role, Roles, TenantKind};
use crate::state::AppState;
use crate::web::error::AppError;

pub const KEY_USER_ID: &str = "uid";
pub const KEY_AUTH_AT: &str = "auth_at";
pub const KEY_CSRF: &str = "csrf";
pub const KEY_PENDING: &str = "oidc_pending";
/// The raw ID token, kept only as the `id_token_hint` of RP-initiated logout.
pub const KEY_ID_TOKEN: &str = "oidc_id_token";
/// The user's roles as they were at sign-in: when the user row's roles differ (a later sign-in
/// brought other claims), the session ends, whichever store holds it.
pub const KEY_ROLES: &str = "roles";

/// The signed-in user with their tenant. Extracting it from a request without a valid session
/// answers "sign in first" (a redirect to sign-in, back to this page).
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub tenant: Tenant,
    pub kind: TenantKind,
    pub roles: Roles,
}

impl CurrentUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    /// The main role to show in the header.
    pub fn primary_role(&self) -> Option<Role> {
        self.roles.iter().next()
    }
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Loads the current user, or `None` when nobody is signed in (or the session has passed its
/// absolute lifetime, in which case it is purged).
pub async fn load_current_user(req: &HttpRequest) -> Result<Option<CurrentUser>, AppError> {
    if let Some(cached) = req.extensions().get::<Option<CurrentUser>>() {
        return Ok(cached.clone());
    }
    let session = req.get_session();
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("application state missing"))?
        .clone();
    let uid = session.get::<i64>(KEY_USER_ID).unwrap_or(None);
    let auth_at = session.get::<i64>(KEY_AUTH_AT).unwrap_or(None);
    let current = match (uid, auth_at) {
        (Some(uid), Some(auth_at)) => {
            if unix_now() - auth_at > state.config.session_absolute.as_secs() as i64 {
                session.purge();
                None
            } else {
                let found = state
                    .db(move |conn| User::find_with_tenant(conn, uid))
                    .await?;
                let signed_in_with = session.get::<String>(KEY_ROLES).unwrap_or(None);
                match found {
                    // A role change ends the session: the user signs in again.
                    Some((user, _)) if signed_in_with.as_deref() != Some(user.roles.as_str()) => {
                        session.purge();
                        None
                    }
                    Some((user, tenant)) => match tenant.tenant_kind() {
                        Some(kind) => {
                            let roles = user.roles().effective_for(kind);
                            Some(CurrentUser {
                                user,
                                tenant,
                                kind,
                                roles,
                            })
                        }
                        None => None,
                    },
                    None => {
                        session.purge();
                        None
                    }
                }
            }
        }
        _ => None,
    };
    req.extensions_mut().insert(current.clone());
    Ok(current)
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match load_current_user(&req).await? {
                Some(user) => Ok(user),
                None => Err(AppError::SignInRequired {
                    next: req
                        .uri()
                        .path_and_query()
                        .map(|pq| pq.as_str().to_owned())
                        .unwrap_or_else(|| "/".into()),
                }),
            }
        })
    }
}

/// The session's CSRF token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    if let Ok(Some(token)) = session.get::<String>(KEY_CSRF) {
        return token;
    }
    let token = crate::security::random_token(32);
    let _ = session.insert(KEY_CSRF, &token);
    token
}
