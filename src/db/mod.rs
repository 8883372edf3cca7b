//! Database access: one connection type over SQLite and PostgreSQL, an r2d2 pool, migrations
//! embedded per backend, and the write-transaction helper every write path goes through.

pub mod backup;
pub mod listings;
pub mod models;
pub mod schema;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// Either backend, chosen by the database URL at start. Models and queries are written once
/// against this type.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;
pub type PooledConn = PooledConnection<ConnectionManager<DbConnection>>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("no database connection available: {0}")]
    Unavailable(#[from] diesel::r2d2::PoolError),
    #[error("database migration failed: {0}")]
    Migration(String),
}

/// Which engine a URL names. `sqlite://path`, a bare file path or `:memory:` mean SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// The connection string diesel's SQLite driver expects (it takes a plain path).
fn connection_url(url: &str) -> String {
    match url.strip_prefix("sqlite://") {
        Some(path) => path.to_owned(),
        None => url.to_owned(),
    }
}

/// The SQLite file a URL names (`None` for in-memory databases).
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let path = connection_url(url);
    (path != ":memory:" && !path.starts_with("file:")).then(|| std::path::PathBuf::from(path))
}

/// A database or Redis URL as it may be printed or logged: without its password.
pub fn display_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Applies per-connection settings each time the pool opens a connection.
#[derive(Debug, Clone, Copy)]
struct ConnectionSettings {
    busy_timeout: Duration,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSettings {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        let sql = match conn {
            // WAL lets readers run beside the one writer; foreign keys are off by default in
            // SQLite; the busy timeout makes a second writer wait instead of failing at once.
            DbConnection::Sqlite(_) => format!(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                 PRAGMA busy_timeout = {};",
                self.busy_timeout.as_millis()
            ),
            DbConnection::Pg(_) => "SET TIME ZONE 'UTC'".to_owned(),
        };
        conn.batch_execute(&sql)
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

pub struct PoolOptions {
    pub max_size: u32,
    pub connection_timeout: Duration,
}

/// Builds the pool without connecting eagerly, so the portal starts (and answers 503) while the
/// database is away. Call [`migrate`] afterwards.
pub fn build_pool(url: &str, options: &PoolOptions) -> DbPool {
    if Backend::of_url(url) == Backend::Sqlite {
        ensure_sqlite_dir(url);
    }
    let manager = ConnectionManager::<DbConnection>::new(connection_url(url));
    Pool::builder()
        .max_size(options.max_size)
        .min_idle(Some(0))
        .connection_timeout(options.connection_timeout)
        // A connection the server dropped (an outage, a restart, `pg_terminate_backend`) must
        // not stay in the pool: plain reads outside a transaction, such as the session store's,
        // do not mark it broken, so without this check every later request was handed the same
        // dead connection and the portal stayed at 503 after the database came back
        // (`database_outage_gives_503_not_a_hang`). The cost is one `SELECT 1` per checkout.
        .test_on_check_out(true)
        .connection_customizer(Box::new(ConnectionSettings {
            busy_timeout: Duration::from_secs(5),
        }))
        .build_unchecked(manager)
}

fn ensure_sqlite_dir(url: &str) {
    let path = connection_url(url);
    if path == ":memory:" || path.starts_with("file:") {
        return;
    }
    if let Some(parent) = std::path::Path::new(&path).parent()
        && !parent.as_os_str().is_empty()
    {
        let _ = std::fs::create_dir_all(parent);
    }
}

/// Applies pending migrations of the connection's backend.
pub fn migrate(conn: &mut DbConnection) -> Result<usize, DbError> {
    let migrations = match conn {
        DbConnection::Sqlite(_) => SQLITE_MIGRATIONS,
        DbConnection::Pg(_) => POSTGRES_MIGRATIONS,
    };
    let applied = conn
        .run_pending_migrations(migrations)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(applied.len())
}

/// Where the database stands against this binary's migrations (for `multipartner doctor`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    pub applied: usize,
    pub pending: Vec<String>,
    /// Applied versions this binary does not know: a newer release migrated the database.
    pub unknown: Vec<String>,
}

pub fn migration_status(conn: &mut DbConnection) -> Result<MigrationStatus, DbError> {
    use diesel::migration::MigrationSource;
    let source = match conn {
        DbConnection::Sqlite(_) => SQLITE_MIGRATIONS,
        DbConnection::Pg(_) => POSTGRES_MIGRATIONS,
    };
    let failed = |e: Box<dyn std::error::Error + Send + Sync>| DbError::Migration(e.to_string());
    let known: Vec<String> =
        MigrationSource::<<DbConnection as Connection>::Backend>::migrations(&source)
            .map_err(failed)?
            .iter()
            .map(|m| m.name().version().to_string())
            .collect();
    let applied: Vec<String> = conn
        .applied_migrations()
        .map_err(failed)?
        .iter()
        .map(|v| v.to_string())
        .collect();
    Ok(MigrationStatus {
        applied: applied.len(),
        pending: known
            .iter()
            .filter(|v| !applied.contains(v))
            .cloned()
            .collect(),
        unknown: applied
            .iter()
            .filter(|v| !known.contains(v))
            .cloned()
            .collect(),
    })
}

static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `f` in a write transaction. On SQLite it starts with `BEGIN IMMEDIATE`, taking the write
/// lock up front: a deferred transaction that reads and then writes fails with "database is
/// locked" when another writer got there first, instead of waiting its turn.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    type Manager = <DbConnection as Connection>::TransactionManager;
    let nested = Manager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .map_err(E::from)?
        .is_some();
    // SQLite has one writer at a time. Queue this process's writers on a mutex so the next one
    // starts the moment the lock is free; left to SQLite's busy handler, waiters sleep with
    // back-off (up to 100 ms) while the lock sits idle. Other processes still meet
    // `busy_timeout`.
    let _writer = match conn {
        DbConnection::Sqlite(_) if !nested => {
            Some(SQLITE_WRITER.lock().unwrap_or_else(|p| p.into_inner()))
        }
        _ => None,
    };
    match conn {
        // Inside an outer transaction the write lock is already held: a savepoint suffices.
        DbConnection::Sqlite(inner) if !nested => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        _ => Manager::begin_transaction(conn)?,
    }
    match f(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(err) => {
            // The original error matters more than a failed rollback (the connection is then
            // marked broken and the pool discards it).
            let _ = <DbConnection as Connection>::TransactionManager::rollback_transaction(conn);
            Err(err)
        }
    }
}

/// A cheap round trip for readiness checks.
pub fn ping(conn: &mut DbConnection) -> Result<(), DbError> {
    diesel::sql_query("SELECT 1").execute(conn)?;
    Ok(())
}

/// Current UTC time truncated to microseconds, the precision both backends store, so values
/// read back compare equal to values written.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::microseconds(1)).unwrap_or(now)
}
