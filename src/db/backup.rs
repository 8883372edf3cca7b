//! `multipartner backup <file>`: a consistent copy of a live SQLite database through SQLite's
//! online backup API, a few pages at a time so the running portal keeps writing, checked with
//! `PRAGMA integrity_check` and renamed into place only when whole. PostgreSQL has `pg_dump`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, backup::Backup};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("DATABASE_URL names PostgreSQL: back it up with pg_dump (see docs/deploy.md)")]
    NotSqlite,
    #[error("{0} does not exist")]
    NoSource(PathBuf),
    #[error("{0} already exists; choose a new file name")]
    Exists(PathBuf),
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the copy failed its integrity check: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone)]
pub struct BackupReport {
    pub pages: i32,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Pages copied per step; between steps the source is unlocked for the portal's writers.
const PAGES_PER_STEP: i32 = 512;

pub fn backup_sqlite(database_url: &str, dest: &Path) -> Result<BackupReport, BackupError> {
    if crate::db::Backend::of_url(database_url) != crate::db::Backend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    let source = crate::db::sqlite_path(database_url).ok_or(BackupError::NotSqlite)?;
    if !source.exists() {
        return Err(BackupError::NoSource(source));
    }
    if dest.exists() {
        return Err(BackupError::Exists(dest.to_owned()));
    }
    let started = Instant::now();
    let partial = {
        let mut name = dest.as_os_str().to_owned();
        name.push(".partial");
        PathBuf::from(name)
    };
    let _ = std::fs::remove_file(&partial);
    let outcome = (|| {
        let from = Connection::open_with_flags(&source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        from.busy_timeout(Duration::from_secs(5))?;
        let mut to = Connection::open(&partial)?;
        let pages = {
            let backup = Backup::new(&from, &mut to)?;
            backup.run_to_completion(PAGES_PER_STEP, Duration::from_millis(2), None)?;
            backup.progress().pagecount
        };
        let check: String = to.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if check != "ok" {
            return Err(BackupError::Corrupt(check));
        }
        // One self-contained file: no -wal beside it.
        to.pragma_update(None, "journal_mode", "DELETE")?;
        drop(to);
        Ok(pages)
    })();
    let pages = match outcome {
        Ok(pages) => pages,
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            return Err(err);
        }
    };
    std::fs::rename(&partial, dest)?;
    Ok(BackupReport {
        pages,
        bytes: std::fs::metadata(dest)?.len(),
        elapsed: started.elapsed(),
    })
}
