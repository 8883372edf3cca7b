//! Building and running the server: pool, migrations, demo seed, session store, middleware and
//! routes. Tests use `Application::build_with_listener` on a random port.

use std::net::TcpListener;
use std::sync::Arc;

use actix_session::SessionMiddleware;
use actix_session::config::{PersistentSession, TtlExtensionPolicy};
use actix_session::storage::RedisSessionStore;
use actix_web::cookie::{Key, SameSite, time::Duration as CookieDuration};
use actix_web::dev::Server;
use actix_web::middleware::{ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;

use crate::auth::OidcClient;
use crate::config::Config;
use crate::db::{self, PoolOptions};
use crate::demo_idp::DemoIdp;
use crate::metrics::Metrics;
use crate::state::AppState;
use crate::web::middleware::rate_limit::RateLimits;
use crate::web::middleware::{csrf, headers, observe};
use crate::web::session_store::{AnyStore, DbSessionStore};

/// The session cookie's name; distinct from any identity provider's on the same host.
pub const SESSION_COOKIE: &str = "mp_session";

pub struct Application {
    port: u16,
    server: Server,
    /// The `METRICS_ADDR` listener and its port, when configured.
    metrics: Option<(Server, u16)>,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(config.bind_addr)
            .with_context(|| format!("cannot listen on {}", config.bind_addr))?;
        Self::build_with_listener(config, listener).await
    }

    pub async fn build_with_listener(
        config: Config,
        listener: TcpListener,
    ) -> anyhow::Result<Application> {
        let port = listener.local_addr()?.port();
        let pool = db::build_pool(
            &config.database_url,
            &PoolOptions {
                max_size: config.db_pool_size,
                connection_timeout: config.db_pool_timeout,
            },
        );
        {
            let pool = pool.clone();
            let seed = config.seed_demo;
            let bench = config.bench_routes;
            tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
                let mut conn = pool.get().context("cannot connect to the database")?;
                let applied = db::migrate(&mut conn)?;
                if applied > 0 {
                    tracing::info!(applied, "database migrations applied");
                }
                if seed {
                    crate::seed::seed_demo(&mut conn).context("seeding the demo data failed")?;
                }
                if bench {
                    crate::web::bench::create_fixture(&mut conn)
                        .context("creating the benchmark's fixture failed")?;
                }
                Ok(())
            })
            .await??;
        }

        if config.demo_exposed() {
            tracing::warn!(
                bind_addr = %config.bind_addr,
                "DEMO MODE IS LISTENING BEYOND LOOPBACK on {}: anyone who can reach it can sign \
                 in as any demo user, the operator included. Bind to 127.0.0.1, or set \
                 APP_ENV=production with a real identity provider.",
                config.bind_addr
            );
        }
        let oidc = OidcClient::new(config.oidc.clone(), config.redirect_uri())
            .map_err(|e| anyhow::anyhow!("the identity provider's HTTP client: {e}"))?;
        let demo_idp = config.demo_idp_enabled().then(|| {
            DemoIdp::new(
                format!("{}/demo-idp", config.base()),
                crate::config::DEMO_CLIENT_ID.to_owned(),
                // Its own secret, never OIDC_CLIENT_SECRET; any other client id is refused.
                config.demo_client_secret.clone(),
                config.redirect_uri(),
                config.oidc.post_logout_redirect_uri.clone(),
            )
        });
        let redis_store = match &config.redis_url {
            Some(url) => Some(
                RedisSessionStore::new(url.clone())
                    .await
                    .context("cannot connect to Redis (REDIS_URL)")?,
            ),
            None => None,
        };
        // With Redis, every instance counts a client's requests together.
        let rate_limits = match (config.rate_limits, &config.redis_url) {
            (None, _) => None,
            (Some(limits), None) => Some(RateLimits::new(limits)),
            (Some(limits), Some(url)) => Some(
                RateLimits::shared(limits, url, config.base())
                    .await
                    .context("cannot connect to Redis for rate limits (REDIS_URL)")?,
            ),
        };
        let state = web::Data::new(AppState {
            config: config.clone(),
            pool,
            oidc,
            demo_idp,
            metrics: Arc::new(Metrics::default()),
            cursors: crate::listing::CursorCodec::new(&config.session_key),
            rate_limits: rate_limits.map(Arc::new),
        });
        let session_key = Key::derive_from(&config.session_key);
        if !config.expiry_sweep.is_zero() {
            spawn_expiry_sweep(state.clone(), config.expiry_sweep);
        }
        if config.redis_url.is_none() {
            spawn_session_purge(state.clone());
        }

        let checks_state = state.clone();
        let metrics_state = state.clone();
        let metrics_addr = config.metrics_addr;
        let provider_origin = state.oidc.foreign_origin(&config.base_url);
        let server = HttpServer::new(move || {
            let store = match &redis_store {
                Some(redis) => AnyStore::Redis(redis.clone()),
                None => AnyStore::Db(DbSessionStore::new(
                    state.pool.clone(),
                    state.config.session_idle,
                )),
            };
            let sessions = SessionMiddleware::builder(store, session_key.clone())
                .cookie_name(SESSION_COOKIE.to_owned())
                .cookie_http_only(true)
                .cookie_secure(state.config.secure_cookies())
                .cookie_same_site(SameSite::Lax)
                .cookie_content_security(actix_session::config::CookieContentSecurity::Private)
                .session_lifecycle(
                    // The idle timeout: each request pushes the expiry forward.
                    PersistentSession::default()
                        .session_ttl(CookieDuration::seconds(
                            state.config.session_idle.as_secs() as i64
                        ))
                        .session_ttl_extension_policy(TtlExtensionPolicy::OnEveryRequest),
                )
                .build();
            let demo = state.demo_idp.is_some();
            let bench = state.config.bench_routes;
            App::new()
                .app_data(state.clone())
                .app_data(web::FormConfig::default().limit(state.config.max_body_bytes))
                .app_data(web::PayloadConfig::default().limit(state.config.max_body_bytes))
                // A path id that is not a `RecordId` names nothing.
                .app_data(
                    web::PathConfig::default()
                        .error_handler(|_, _| crate::web::error::AppError::NotFound.into()),
                )
                // Innermost first: CSRF needs the session; error pages wrap everything that
                // can fail; the observer sees the final status. Error pages are rendered twice
                // over: inside the session layer, so their sign-out and language forms carry
                // the session's CSRF token (outside it the session has already been written
                // and reads as empty, and those forms answered "Your form has expired"); and
                // outside, for what the session layer refuses. What fails with an `Err` rather
                // than a response (the session store away, a panic) is answered by the last
                // resort with the same page and headers, inside the access log. Rate limits sit
                // on their routes (`web::routes`), inside all of this.
                .wrap(from_fn(csrf::csrf))
                .wrap(ErrorHandlers::new().default_handler(crate::web::error::render_error_page))
                .wrap(sessions)
                .wrap(ErrorHandlers::new().default_handler(crate::web::error::render_error_page))
                .wrap(headers::security_headers(provider_origin.as_deref()))
                .wrap(from_fn(crate::web::error::last_resort))
                .wrap(from_fn(observe::observe))
                .service(
                    web::scope("/static")
                        .wrap(
                            actix_web::middleware::DefaultHeaders::new()
                                .add(("Cache-Control", "public, max-age=86400")),
                        )
                        .service(actix_files::Files::new("", static_dir())),
                )
                .configure(|cfg| {
                    crate::web::routes::mount(
                        cfg,
                        crate::web::routes::Optional {
                            demo_idp: demo,
                            bench,
                        },
                    )
                })
                // An unknown route still knows who is signed in, for the page's header.
                .default_service(web::to(crate::web::error::unknown_route))
        })
        .listen(listener)?
        .shutdown_timeout(30)
        .run();
        let metrics = match metrics_addr {
            Some(addr) => Some(metrics_server(addr, metrics_state)?),
            None => None,
        };
        spawn_startup_checks(checks_state);
        Ok(Application {
            port,
            server,
            metrics,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the `METRICS_ADDR` listener, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(_, port)| *port)
    }

    /// Runs until stopped; SIGTERM/SIGINT stop accepting and let in-flight requests finish.
    /// The metrics listener stops with the portal.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let metrics = self.metrics.map(|(server, _)| {
            let handle = server.handle();
            tokio::spawn(server);
            handle
        });
        let result = self.server.await;
        if let Some(handle) = metrics {
            handle.stop(true).await;
        }
        result
    }

    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }
}

/// The `METRICS_ADDR` listener: `/metrics` and nothing else, one worker (a scraper asks every
/// few seconds), no sessions.
fn metrics_server(
    addr: std::net::SocketAddr,
    state: web::Data<AppState>,
) -> anyhow::Result<(Server, u16)> {
    let listener = TcpListener::bind(addr)
        .with_context(|| format!("cannot listen on {addr} (METRICS_ADDR)"))?;
    let port = listener.local_addr()?.port();
    let server = HttpServer::new(move || {
        App::new().app_data(state.clone()).route(
            "/metrics",
            web::get().to(crate::web::health::metrics_listener),
        )
    })
    .workers(1)
    .listen(listener)?
    .shutdown_timeout(5)
    .run();
    Ok((server, port))
}

/// Records expiry of invitations and admin access (and auto-extensions) in the audit trail.
/// Pages compute expiry from the dates themselves, so a late sweep only delays the record.
fn spawn_expiry_sweep(state: web::Data<AppState>, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        loop {
            interval.tick().await;
            let now = db::now();
            match state
                .db(move |conn| crate::flows::expiry::sweep(conn, now))
                .await
            {
                Ok(report) if report != Default::default() => {
                    tracing::info!(?report, "expiry sweep");
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "expiry sweep failed; will retry"),
            }
        }
    });
}

/// Deletes expired session rows now and then: one indexed `DELETE` per interval (a tenth of the
/// idle timeout, between 10 s and 5 minutes), whatever the traffic. Expired rows are never
/// honoured meanwhile (`SessionRow::find_live`); this only keeps the table small.
fn spawn_session_purge(state: web::Data<AppState>) {
    let every = (state.config.session_idle / 10).clamp(
        std::time::Duration::from_secs(10),
        std::time::Duration::from_secs(300),
    );
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let now = db::now();
            match state
                .db(move |conn| crate::db::models::session::SessionRow::purge_expired(conn, now))
                .await
            {
                Ok(0) => {}
                Ok(purged) => tracing::debug!(purged, "expired sessions purged"),
                Err(err) => tracing::warn!(error = %err, "session purge failed; will retry"),
            }
        }
    });
}

/// The `doctor` checks, logged once the server listens (the demo provider is this very server,
/// so nothing here may be awaited before it serves), then discovery retried until it succeeds:
/// until then `/readyz` answers 503 naming the identity provider.
fn spawn_startup_checks(state: web::Data<AppState>) {
    tokio::spawn(async move {
        let checks = crate::doctor::run(
            &state.config,
            Some(&state.pool),
            crate::doctor::Probes::Skip,
        )
        .await;
        crate::doctor::log(&checks);
        let mut wait = std::time::Duration::from_millis(250);
        loop {
            match state.oidc.discovered(true).await {
                Ok(_) => {
                    tracing::info!(
                        issuer = state.oidc.issuer(),
                        "identity provider discovered; ready"
                    );
                    break;
                }
                Err(err) => tracing::warn!(
                    reason = err.reason(),
                    cause = %err,
                    retry_in_s = wait.as_secs_f64(),
                    "identity provider discovery failed; not ready"
                ),
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(std::time::Duration::from_secs(30));
        }
    });
}

/// Static files ship beside the binary's crate; `STATIC_DIR` overrides for packaged installs.
fn static_dir() -> String {
    std::env::var("STATIC_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/static").to_owned())
}
