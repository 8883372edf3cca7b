//! One-time messages shown on the next page ("Invitation revoked."), kept in the session.

use actix_session::Session;

const KEY: &str = "flash";

/// Queues the message `key` (a catalog key) for the next page.
pub fn set(session: &Session, key: &'static str) {
    let _ = session.insert(KEY, key);
}

/// Takes the queued message key, if any. Looked up first: removing an absent key still marks
/// the session changed, and every page view would then write the session back.
pub fn take(session: &Session) -> Option<String> {
    if !session.contains_key(KEY) {
        return None;
    }
    session.remove_as::<String>(KEY).and_then(Result::ok)
}
