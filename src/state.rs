//! What every handler shares: configuration, the database pool, the OIDC client, metrics.

use std::sync::Arc;

use actix_web::web;

use crate::auth::OidcClient;
use crate::config::Config;
use crate::db::{DbConnection, DbError, DbPool};
use crate::demo_idp::DemoIdp;
use crate::metrics::Metrics;
use crate::web::error::AppError;

pub struct AppState {
    pub config: Config,
    pub pool: DbPool,
    pub oidc: OidcClient,
    pub demo_idp: Option<DemoIdp>,
    pub metrics: Arc<Metrics>,
    /// Signs the operator listings' page cursors.
    pub cursors: crate::listing::CursorCodec,
    pub rate_limits: Option<Arc<crate::web::middleware::rate_limit::RateLimits>>,
}

impl AppState {
    /// Runs blocking database work on the blocking thread pool with a pooled connection. A pool
    /// time-out (database away) becomes 503; any other failure is an internal error.
    pub async fn db<T, E, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: Send + 'static,
        AppError: From<E>,
    {
        let pool = self.pool.clone();
        let outcome = web::block(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            Ok::<_, DbError>(f(&mut conn))
        })
        .await
        .map_err(|_| AppError::internal("blocking task failed"))?;
        match outcome {
            Ok(result) => result.map_err(AppError::from),
            Err(err) => Err(<AppError as From<DbError>>::from(err)),
        }
    }
}
