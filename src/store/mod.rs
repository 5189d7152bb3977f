//! Storage: one SQLite file (WAL) holding sources and their fetch state,
//! articles with their compressed HTML, runs and errors.
//!
//! [`Store`] is the only code that writes SQL for the crawl; stages hand it
//! typed records. Every write is a transaction (articles in batches, each
//! article in its own savepoint), so a killed process loses at most the batch
//! it was committing, whose links stay in the frontier to be fetched again.

mod crawl;
mod schema;
mod tags;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context;
use rusqlite::Connection;

pub use crawl::{ArticleRecord, NewRun, RunCounts, SourceState, StoredArticle};
pub use tags::TagRecord;

/// A handle to the database, cheap to clone; statements are serialized through one connection.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> anyhow::Result<Store> {
        let conn = Connection::open(path)
            .with_context(|| format!("opening database {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .with_context(|| format!("enabling WAL on {}", path.display()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn: Arc::new(Mutex::new(conn)),
            path: path.to_owned(),
        };
        store
            .migrate()
            .with_context(|| format!("migrating database {}", path.display()))?;
        Ok(store)
    }

    /// An in-memory database, for tests.
    pub fn open_in_memory() -> anyhow::Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn: Arc::new(Mutex::new(conn)),
            path: PathBuf::from(":memory:"),
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for read-only queries by output stages.
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn migrate(&mut self) -> anyhow::Result<()> {
        let mut conn = self.conn();
        let version: usize =
            conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
        if version > schema::MIGRATIONS.len() {
            anyhow::bail!(
                "database schema version {version} is newer than this beatwatch knows ({}); upgrade beatwatch",
                schema::MIGRATIONS.len()
            );
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)
                .with_context(|| format!("migration {}", i + 1))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> anyhow::Result<usize> {
        Ok(self
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize)
    }
}

/// An exclusive lock on a database, held for the life of a `crawl` or `watch`.
/// It lives in a separate `<db>.lock` file so readers (export, digest) are never blocked.
pub struct DbLock {
    _file: File,
}

/// Returned when another process holds the lock.
#[derive(Debug, thiserror::Error)]
#[error("another beatwatch process is writing to {0} (lock file {0}.lock is held)")]
pub struct Locked(pub String);

impl DbLock {
    pub fn acquire(db: &Path) -> anyhow::Result<DbLock> {
        let lock_path = PathBuf::from(format!("{}.lock", db.display()));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("opening lock file {}", lock_path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(DbLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Locked(db.display().to_string()).into()),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("locking {}", lock_path.display()))
            }
        }
    }
}

/// Current time as stored: RFC 3339 in UTC with seconds, e.g. `2025-06-01T10:00:00Z`.
pub fn now_str() -> String {
    fmt_time(chrono::Utc::now())
}

pub fn fmt_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
