//! One session store type for the app, backed by encrypted cookies (single instance, the
//! default) or Redis (several instances share sessions, and sign-out deletes server-side).

use std::collections::HashMap;

use actix_session::storage::{
    CookieSessionStore, LoadError, RedisSessionStore, SaveError, SessionKey, SessionStore,
    UpdateError,
};
use actix_web::cookie::time::Duration;

pub enum AnyStore {
    Cookie(CookieSessionStore),
    Redis(RedisSessionStore),
}

type State = HashMap<String, String>;

impl SessionStore for AnyStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<State>, LoadError> {
        match self {
            AnyStore::Cookie(s) => s.load(key).await,
            AnyStore::Redis(s) => s.load(key).await,
        }
    }

    async fn save(&self, state: State, ttl: &Duration) -> Result<SessionKey, SaveError> {
        match self {
            AnyStore::Cookie(s) => s.save(state, ttl).await,
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
            AnyStore::Cookie(s) => s.update(key, state, ttl).await,
            AnyStore::Redis(s) => s.update(key, state, ttl).await,
        }
    }

    async fn update_ttl(&self, key: &SessionKey, ttl: &Duration) -> Result<(), anyhow::Error> {
        match self {
            AnyStore::Cookie(s) => s.update_ttl(key, ttl).await,
            AnyStore::Redis(s) => s.update_ttl(key, ttl).await,
        }
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        match self {
            AnyStore::Cookie(s) => s.delete(key).await,
            AnyStore::Redis(s) => s.delete(key).await,
        }
    }
}
