//! One-time messages shown on the next page ("Invitation revoked."), kept in the session.

use actix_session::Session;

const KEY: &str = "flash";

/// Queues the message `key` (a catalog key) for the next page.
pub fn set(session: &Session, key: &'static str) {
    let _ = session.insert(KEY, key);
}

/// Takes the queued message key, if any.
pub fn take(session: &Session) -> Option<String> {
    session.remove_as::<String>(KEY).and_then(Result::ok)
}
