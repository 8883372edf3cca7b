//! The app's session store: server-side always. By default sessions live in the portal's own
//! database (`sessions`, keyed by the SHA-256 of the cookie's key); with `REDIS_URL`, in
//! Redis, which several instances share. Either way the cookie carries only an encrypted key,
//! so sign-out, the idle timeout and the end of a user's sessions (their roles changed, or they
//! were removed) take effect on the server at once, on every instance.

use std::collections::HashMap;
use std::time::Duration as StdDuration;

use actix_session::storage::{
    LoadError, RedisSessionStore, SaveError, SessionKey, SessionStore, UpdateError,
};
use actix_web::cookie::time::Duration;
use actix_web::web;
use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::auth::session::KEY_USER_ID;
use crate::db::models::session::{NewSessionRow, SessionRow};
use crate::db::{self, DbConnection, DbPool};

pub enum AnyStore {
    Db(DbSessionStore),
    Redis(RedisSessionStore),
}

type State = HashMap<String, String>;

impl SessionStore for AnyStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<State>, LoadError> {
        match self {
            AnyStore::Db(s) => s.load(key).await,
            AnyStore::Redis(s) => s.load(key).await,
        }
    }

    async fn save(&self, state: State, ttl: &Duration) -> Result<SessionKey, SaveError> {
        match self {
            AnyStore::Db(s) => s.save(state, ttl).await,
            AnyStore::Redis(s) => s.save(state, ttl).await,
        }
    }

    async fn update(
        &self,
        key: SessionKey,
        state: State,
        ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        match self {
            AnyStore::Db(s) => s.update(key, state, ttl).await,
            AnyStore::Redis(s) => s.update(key, state, ttl).await,
        }
    }

    async fn update_ttl(&self, key: &SessionKey, ttl: &Duration) -> Result<(), anyhow::Error> {
        match self {
            AnyStore::Db(s) => s.update_ttl(key, ttl).await,
            AnyStore::Redis(s) => s.update_ttl(key, ttl).await,
        }
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        match self {
            AnyStore::Db(s) => s.delete(key).await,
            AnyStore::Redis(s) => s.delete(key).await,
        }
    }
}

/// The session store's database cannot be reached. actix-session answers any store error with
/// an opaque 500; `web::error::last_resort` turns this one into the 503 page of any other outage.
#[derive(Debug, thiserror::Error)]
#[error("session store unavailable: the database cannot be reached")]
pub struct StoreUnavailable;

/// Sessions in the portal's database.
#[derive(Clone)]
pub struct DbSessionStore {
    pool: DbPool,
    /// The idle timeout (`SESSION_IDLE_SECONDS`).
    idle: StdDuration,
}

/// The stored form of a session key: its SHA-256, so that a copy of the table (a backup, a
/// read-only leak) holds no usable session.
fn key_hash(key: &SessionKey) -> String {
    hex::encode(Sha256::digest(key.as_ref().as_bytes()))
}

/// The signed-in user a session belongs to, if any (the value is stored as JSON).
fn user_of(state: &State) -> Option<i64> {
    state.get(KEY_USER_ID).and_then(|v| v.parse().ok())
}

fn chrono_duration(d: StdDuration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

/// Whether a session read at `now` should have its expiry pushed forward: only once at least
/// 1/20 of the idle timeout has passed since it last was, so that ordinary reads do not write.
/// The idle timeout is thereby enforced within 5 %: a session idle for `idle` is gone, one used
/// within `idle - idle/20` never is.
pub fn needs_refresh(expires_at: NaiveDateTime, now: NaiveDateTime, idle: StdDuration) -> bool {
    let idle = chrono_duration(idle);
    let refreshed_at = expires_at - idle;
    now - refreshed_at >= idle / 20
}

impl DbSessionStore {
    pub fn new(pool: DbPool, idle: StdDuration) -> DbSessionStore {
        DbSessionStore { pool, idle }
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> diesel::QueryResult<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let pool = self.pool.clone();
        web::block(move || -> anyhow::Result<T> {
            use diesel::result::{DatabaseErrorKind, Error};
            let mut conn = pool.get().map_err(|_| StoreUnavailable)?;
            f(&mut conn).map_err(|e| match e {
                // A dropped connection mid-query is an outage too.
                Error::DatabaseError(
                    DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                    _,
                ) => StoreUnavailable.into(),
                other => other.into(),
            })
        })
        .await
        .map_err(|e| anyhow::anyhow!("session store task failed: {e}"))?
    }

    async fn load(&self, key: &SessionKey) -> Result<Option<State>, LoadError> {
        let hash = key_hash(key);
        let idle = self.idle;
        let row = self
            .run(move |conn| {
                let now = db::now();
                let row = SessionRow::find_live(conn, &hash, now)?;
                // The idle expiry moves here, when the row is read anyway, and only now and
                // then (`needs_refresh`); `update_ttl` then has nothing left to do.
                if let Some(row) = &row
                    && needs_refresh(row.expires_at, now, idle)
                {
                    SessionRow::extend(conn, &hash, now + chrono_duration(idle), now)?;
                }
                Ok(row)
            })
            .await
            .map_err(LoadError::Other)?;
        match row {
            None => Ok(None),
            Some(row) => serde_json::from_str(&row.state)
                .map(Some)
                .map_err(|e| LoadError::Deserialization(e.into())),
        }
    }

    async fn save(&self, state: State, ttl: &Duration) -> Result<SessionKey, SaveError> {
        let body = serde_json::to_string(&state).map_err(|e| SaveError::Serialization(e.into()))?;
        // 64 alphanumeric characters from a CSPRNG (actix-session's own generator).
        let key = actix_session::storage::generate_session_key();
        let hash = key_hash(&key);
        let user_id = user_of(&state);
        let ttl = chrono::Duration::seconds(ttl.whole_seconds());
        self.run(move |conn| {
            let now = db::now();
            SessionRow::insert(
                conn,
                &NewSessionRow {
                    key_hash: &hash,
                    user_id,
                    state: &body,
                    expires_at: now + ttl,
                    created_at: now,
                },
            )
        })
        .await
        .map_err(SaveError::Other)?;
        Ok(key)
    }

    async fn update(
        &self,
        key: SessionKey,
        state: State,
        ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        let body =
            serde_json::to_string(&state).map_err(|e| UpdateError::Serialization(e.into()))?;
        let hash = key_hash(&key);
        let user_id = user_of(&state);
        let seconds = chrono::Duration::seconds(ttl.whole_seconds());
        let updated = self
            .run(move |conn| {
                let now = db::now();
                SessionRow::update_state(conn, &hash, user_id, &body, now + seconds, now)
            })
            .await
            .map_err(UpdateError::Other)?;
        if updated {
            Ok(key)
        } else {
            // Ended meanwhile (signed out elsewhere, expired, the user's sessions ended): never
            // revived under the old key; the values go to a new session, as with Redis.
            self.save(state, ttl).await.map_err(|e| match e {
                SaveError::Serialization(e) => UpdateError::Serialization(e),
                SaveError::Other(e) => UpdateError::Other(e),
            })
        }
    }

    /// Nothing to do: `load` has already pushed the expiry forward when it was due.
    async fn update_ttl(&self, _key: &SessionKey, _ttl: &Duration) -> Result<(), anyhow::Error> {
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        let hash = key_hash(key);
        self.run(move |conn| SessionRow::delete(conn, &hash)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + seconds, 0)
            .unwrap()
            .naive_utc()
    }

    #[test]
    fn the_expiry_is_refreshed_at_most_once_per_twentieth_of_the_idle_timeout() {
        let idle = StdDuration::from_secs(1800);
        // Refreshed at 0: expires at 1800. A twentieth is 90 s.
        let expires = at(1800);
        assert!(!needs_refresh(expires, at(0), idle));
        assert!(!needs_refresh(expires, at(89), idle));
        assert!(needs_refresh(expires, at(90), idle));
        assert!(needs_refresh(expires, at(1799), idle));
        // Short timeouts (tests): 2 s idle refreshes after 100 ms.
        let idle = StdDuration::from_secs(2);
        assert!(!needs_refresh(at(2), at(0), idle));
        assert!(needs_refresh(at(2), at(1), idle));
    }

    #[test]
    fn keys_are_stored_as_hashes() {
        let key: SessionKey = "k".repeat(64).try_into().unwrap();
        let hash = key_hash(&key);
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("kkkk"));
        assert_eq!(hash, key_hash(&"k".repeat(64).try_into().unwrap()));
    }

    #[test]
    fn the_user_is_read_from_the_stored_value() {
        let mut state = State::new();
        assert_eq!(user_of(&state), None);
        state.insert(KEY_USER_ID.to_owned(), "42".to_owned());
        assert_eq!(user_of(&state), Some(42));
    }
}
