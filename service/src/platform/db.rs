//! The database handle: one `AnyPool` for SQLite (default) or PostgreSQL, chosen by URL.
//! The few places where the two dialects differ ask `Db::dialect`.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use sqlx::any::{install_default_drivers, AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use crate::platform::dialect::Dialect;
use crate::platform::migrate;

#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub dialect: Dialect,
    /// How many times a connection went back to the pool: each use of a SQLite
    /// connection is a round trip to its thread, and a page view's count is what its
    /// cost grows with (the tests hold the contract home to its number).
    uses: Arc<AtomicU64>,
    /// Where every use case on this database reads the time (`crate::platform::clock`).
    clock: Arc<dyn crate::platform::clock::Clock>,
}

/// How long a query waits for a connection by default (`QY_BACKEND_TIMEOUT_SECS`).
pub const DEFAULT_ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The embedded default: a SQLite file under `./data`.
pub const DEFAULT_URL: &str = "sqlite://data/qianyue.db";

impl Db {
    /// The current time, UTC epoch milliseconds, from this handle's clock.
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The same database, its time read from `clock` (tests: a `ManualClock`).
    pub fn with_clock(mut self, clock: Arc<dyn crate::platform::clock::Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Connection uses so far (see the field).
    pub fn connection_uses(&self) -> u64 {
        self.uses.load(Ordering::Relaxed)
    }

    /// A transaction that will write. On SQLite it takes the write lock at BEGIN
    /// (`BEGIN IMMEDIATE`, waiting up to the busy timeout): a deferred transaction that
    /// reads first and writes later fails at once with "database is locked" when another
    /// connection committed in between, which the busy timeout cannot help.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.pool.begin().await,
        }
    }

    /// Connects (creating the SQLite file and its folder if needed) and applies the
    /// migrations, so a fresh database is ready to use. A connection is waited for at
    /// most [`DEFAULT_ACQUIRE_TIMEOUT`].
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        Self::connect_with(url, DEFAULT_ACQUIRE_TIMEOUT).await
    }

    /// [`Db::connect`], waiting at most `acquire_timeout` for a connection. Past it a
    /// query fails at once (`ServiceError::Unavailable`): with the database down, a page
    /// answers "briefly unavailable" in seconds rather than holding the request for
    /// sqlx's default 30 s, long after any load balancer has given up.
    pub async fn connect_with(
        url: &str,
        acquire_timeout: std::time::Duration,
    ) -> Result<Db, sqlx::Error> {
        install_default_drivers();
        let dialect = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else {
            return Err(sqlx::Error::Configuration(
                format!("unsupported DATABASE_URL scheme: {url}").into(),
            ));
        };
        let url = match dialect {
            Dialect::Sqlite => prepare_sqlite_url(url)?,
            Dialect::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let uses = Arc::new(AtomicU64::new(0));
        let pool = match dialect {
            Dialect::Sqlite => {
                counted(&uses)
                    .acquire_timeout(acquire_timeout)
                    .max_connections(8)
                    // A local file does not drop connections. Each SQLite connection
                    // runs on its own thread, and a ping before each use is one more
                    // round trip to it per query (perf on the contract home: queries and
                    // their thread hand-offs were over a third of a page view's CPU).
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // WAL lets readers run beside the one writer; the busy timeout
                            // makes concurrent writers queue instead of failing at once.
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA synchronous = NORMAL").await?;
                            conn.execute("PRAGMA busy_timeout = 10000").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Dialect::Postgres => {
                counted(&uses)
                    .acquire_timeout(acquire_timeout)
                    .max_connections(16)
                    .connect_with(options)
                    .await?
            }
        };
        let db = Db {
            pool,
            dialect,
            uses,
            clock: Arc::new(crate::platform::clock::SystemClock),
        };
        migrate::run(&db.pool, db.dialect).await?;
        Ok(db)
    }
}

/// Pool options that count each connection's return to the pool in `uses`.
fn counted(uses: &Arc<AtomicU64>) -> AnyPoolOptions {
    let uses = uses.clone();
    AnyPoolOptions::new().after_release(move |_conn, _meta| {
        uses.fetch_add(1, Ordering::Relaxed);
        Box::pin(async { Ok(true) })
    })
}

/// Creates the folder of a SQLite file and asks SQLite to create the file (`mode=rwc`).
fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    if let Some(path) = sqlite_file(url) {
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
            }
        }
    }
    let query = url.split_once('?').map_or("", |(_, query)| query);
    if query.contains("mode=") {
        Ok(url.to_string())
    } else if query.is_empty() {
        Ok(format!("{url}?mode=rwc"))
    } else {
        Ok(format!("{url}&mode=rwc"))
    }
}

/// The file of a `sqlite:` URL; `None` for PostgreSQL and in-memory databases.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    (path != ":memory:" && !path.is_empty()).then(|| PathBuf::from(path))
}

/// True when the error is a unique-constraint violation (R3/R7 guards), on either database.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite://data/qianyue.db?mode=rwc"),
            Some(PathBuf::from("data/qianyue.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/qy.db"),
            Some(PathBuf::from("/var/lib/qy.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
    }
}
