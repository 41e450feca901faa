//! `mandates-store`: the mandate registry.
//!
//! Parsed documents are [ingested](Store::ingest) in one transaction each; every operative item becomes a
//! mandate ([`mandates_core::mandate`]); mandates are [tracked](Store::update) with an append-only history and
//! optimistic concurrency; [queries](Store::mandates) and [full-text search](Store::search) run inside the
//! database.
//!
//! One [`Store`] serves both backends through sqlx's `Any` driver: SQLite (embedded, the default: a file) and
//! PostgreSQL (`postgres://...`). The SQL is shared, with `$1` placeholders (SQLite accepts them), integers for
//! flags and RFC 3339 text for times, so that both backends store the same values; only full-text search and
//! locking differ. Each backend has its own migrations folder.
//!
//! ```
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let dir = std::env::temp_dir().join(format!("mandates-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let store = mandates_store::Store::open(&dir.join("registry.db").to_string_lossy()).await.unwrap();
//! let text = "RESOLUTION 130 (REV. BUCHAREST, 2022)\n\
//!     Strengthening the role of ITU in building confidence and security in the use of ICTs\n\
//!     The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\
//!     instructs the Director of the Telecommunication Standardization Bureau\n\
//!     1\tto report annually to the Council on the implementation of this resolution.\n";
//! let doc = mandates_core::parse("res130.txt", text.as_bytes(), &Default::default()).unwrap();
//! let outcome = store.ingest(&doc, "doc-test").await.unwrap();
//! assert_eq!(outcome.mandates_added, 1);
//! let found = store.mandates(&Default::default()).await.unwrap();
//! assert_eq!(found[0].addressees, ["Director TSB"]);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # });
//! ```

mod accounts;
mod batch;
pub mod calendar;
mod export;
mod ingest;
mod overview;
mod query;
mod rank;
mod records;
mod report;
mod snippet;
mod sql;
mod tracking;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};

pub use accounts::{Role, SessionUser, User};
pub use ingest::{IngestOutcome, IngestState, Prepared};
pub use overview::{Group, Overview};
pub use query::{InstrumentText, MandateFilter, SEARCH_WINDOW, SearchHit, parse_conference, parse_sector};
pub use records::{
    Comment, Evidence, HistoryEntry, InstrumentDetail, InstrumentRecord, MandateDetail, MandateRecord, TextRecord,
    Totals,
};
pub use tracking::{Change, Status};

/// Which database a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    // `cause`, not `source`: the message already says it, and a chain printer would say it twice.
    #[error("cannot open the database {location}: {cause}")]
    Open { location: String, cause: sqlx::Error },
    #[error("cannot bring the database {location} up to date: {cause}")]
    Migrate { location: String, cause: sqlx::migrate::MigrateError },
    #[error(
        "the registry {location} was last changed by a newer version of mandates, which added to its tables: \
         open it with that version or a later one"
    )]
    Newer { location: String },
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("the stored data is damaged: {0}")]
    Corrupt(String),
    #[error("there is no mandate {0}")]
    NoSuchMandate(i64),
    #[error(
        "mandate {id} was changed by {by} at {at} (it is now at version {current}); your change was made against \
         version {expected} and was not applied: look at the mandate again and redo your change"
    )]
    Stale { id: i64, expected: i64, current: i64, by: String, at: String },
    #[error("{0}")]
    Invalid(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The registry, on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The fast read path of an SQLite file (see [`sql`]); none on PostgreSQL.
    sqlite_reads: Option<Arc<sql::SqliteReads>>,
    /// The fast read path on PostgreSQL (see [`sql`]): the native driver's pool, which connects when first used.
    postgres_reads: Option<sqlx::PgPool>,
}

/// Plan each PostgreSQL query for its values: a generic plan for "addressee = $1" guesses the name is rare and
/// sorts every match (p50 48 -> 29 ms on a 1k registry).
const CUSTOM_PLANS: &str = "SET plan_cache_mode = force_custom_plan";

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Open (and create or upgrade) the registry at `location`: a `postgres://` or `postgresql://` URL, a
    /// `sqlite:` URL, or the path of an SQLite file, created if missing.
    pub async fn open(location: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = connection_url(location);
        let shown = redact(location);
        let open_error = |cause| StoreError::Open { location: shown.clone(), cause };
        let options = AnyConnectOptions::from_str(&url).map_err(open_error)?;
        if let Some(path) = sqlite_file(location).filter(|p| !p.exists()) {
            // If this fails, sqlx's own attempt below says why, with the location.
            let _ = create_sqlite_file(&path);
        }
        let pool = match backend {
            Backend::Sqlite => {
                // WAL lets readers go on while one writer writes; NORMAL keeps every committed transaction
                // through a crash of the process (kill -9), and only risks the last ones on a power cut.
                AnyPoolOptions::new()
                    .max_connections(4)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA synchronous = NORMAL").await?;
                            // A 64 MiB page cache (the default is 2 MiB) keeps the indexes that every ingest
                            // writes to in memory.
                            conn.execute("PRAGMA cache_size = -65536").await?;
                            // Checkpoint the WAL every 10,000 pages (160 MB of 16 KiB pages, see
                            // `create_sqlite_file`) rather than 1,000: a page written several times by one ingest
                            // is copied into the database once.
                            conn.execute("PRAGMA wal_autocheckpoint = 10000").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(10))
                    .after_connect(|conn, _| Box::pin(async move { conn.execute(CUSTOM_PLANS).await.map(drop) }))
                    .connect_with(options)
                    .await
            }
        }
        .map_err(open_error)?;
        if backend == Backend::Sqlite {
            pool.execute("PRAGMA journal_mode = WAL").await.map_err(open_error)?;
        }
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await.map_err(|cause| match cause {
            sqlx::migrate::MigrateError::VersionMissing(_) => StoreError::Newer { location: shown.clone() },
            cause => StoreError::Migrate { location: shown.clone(), cause },
        })?;
        let sqlite_reads = sqlite_file(location).map(|path| sql::SqliteReads::new(&path));
        let postgres_reads = match backend {
            Backend::Postgres => Some(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(10))
                    .after_connect(|conn, _| Box::pin(async move { conn.execute(CUSTOM_PLANS).await.map(drop) }))
                    .connect_lazy_with(sqlx::postgres::PgConnectOptions::from_str(&url).map_err(open_error)?),
            ),
            Backend::Sqlite => None,
        };
        Ok(Store { pool, backend, sqlite_reads, postgres_reads })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A number that changes whenever anything is committed to the registry, by this process or another: what
    /// was read from the registry under one value may be reused while it stays the same. On an SQLite file,
    /// SQLite's `data_version` (no I/O); on PostgreSQL, a row that triggers move in every writing transaction
    /// (migration 0003; one small query). None when it cannot tell (an in-memory database, a failed query):
    /// then nothing may be reused.
    pub async fn changes(&self) -> Option<i64> {
        if let Some(reads) = &self.sqlite_reads {
            return reads.data_version();
        }
        match self.backend {
            Backend::Postgres => sqlx::query_scalar::<_, i64>("SELECT mark FROM change_mark WHERE id = 1")
                .fetch_one(&self.pool)
                .await
                .ok(),
            Backend::Sqlite => None,
        }
    }

    /// Close the pools, waiting for connections to finish (SQLite then checkpoints its WAL).
    pub async fn close(self) {
        if let Some(reads) = &self.postgres_reads {
            reads.close().await;
        }
        self.pool.close().await;
    }

    /// A transaction that will write: on SQLite it takes the write lock at once, so that a read made inside it
    /// cannot be overtaken by another writer (which would fail the transaction later with "database is locked").
    async fn begin_write(&self) -> Result<Transaction<'static, Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }
}

/// The backend and connection URL for what the user gave as `--db`.
fn connection_url(location: &str) -> (Backend, String) {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        return (Backend::Postgres, location.to_owned());
    }
    if location.starts_with("sqlite:") {
        return (Backend::Sqlite, location.to_owned());
    }
    // A path: percent-encode what a URL would read otherwise ('?', '#', '%', spaces).
    let mut url = String::from("sqlite://");
    for c in Path::new(location).to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => url.push_str(&format!("%{:02X}", c as u32)),
            c => url.push(c),
        }
    }
    url.push_str("?mode=rwc");
    (Backend::Sqlite, url)
}

/// Create an empty SQLite registry in WAL mode with 16 KiB pages (SQLite's default is 4 KiB). A document's
/// text and models are large values: on bigger pages they take fewer overflow pages and fewer writes. Ingest of
/// 40,000 resolutions: ~87 s with 4 KiB pages, ~79 s with 16 KiB (docs/PERFORMANCE.md). The page size of a
/// database is fixed when it is created.
fn create_sqlite_file(path: &Path) -> rusqlite::Result<()> {
    let conn = rusqlite::Connection::open(path)?;
    conn.execute_batch("PRAGMA page_size = 16384; VACUUM;")?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    Ok(())
}

/// The file of an SQLite location: a path, or the path of a `sqlite:` URL; none for an in-memory database (which
/// another connection could not see) or PostgreSQL.
fn sqlite_file(location: &str) -> Option<PathBuf> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        return None;
    }
    let Some(url) = location.strip_prefix("sqlite:") else { return Some(PathBuf::from(location)) };
    let (path, options) = url.split_once('?').unwrap_or((url, ""));
    let path = path.strip_prefix("//").unwrap_or(path);
    if path.is_empty() || path == ":memory:" || options.split('&').any(|o| o == "mode=memory") {
        return None;
    }
    // Undo the percent-encoding of `connection_url` (and of URLs people write).
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                decoded.push(b);
                i += 3;
            }
            (b, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    Some(PathBuf::from(String::from_utf8_lossy(&decoded).into_owned()))
}

/// A location fit for messages: the password of a URL is hidden.
fn redact(location: &str) -> String {
    if let Some((scheme, rest)) = location.split_once("://")
        && let Some((credentials, host)) = rest.split_once('@')
        && let Some((user, _password)) = credentials.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    location.to_owned()
}

/// The current time as RFC 3339 UTC with seconds ("2026-11-28T06:30:00Z").
fn now() -> String {
    jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_registry_file_has_large_pages_and_an_existing_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let page_size = |path: &Path| -> i64 {
            let conn = rusqlite::Connection::open(path).unwrap();
            conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap()
        };
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let fresh = dir.path().join("fresh.db");
        runtime.block_on(async { Store::open(&fresh.to_string_lossy()).await.unwrap().close().await });
        assert_eq!(page_size(&fresh), 16384);
        let old = dir.path().join("old.db");
        rusqlite::Connection::open(&old).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        runtime.block_on(async { Store::open(&old.to_string_lossy()).await.unwrap().close().await });
        assert_eq!(page_size(&old), 4096);
    }

    #[test]
    fn a_registry_from_a_newer_version_is_refused_with_a_message_that_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.db");
        let location = path.to_string_lossy().into_owned();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async { Store::open(&location).await.unwrap().close().await });
        // What a later version's migration leaves behind.
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                 VALUES (9999, 'later', 1, x'00', 0)",
            )
            .unwrap();
        let Err(err) = runtime.block_on(Store::open(&location)) else { panic!("a newer registry was opened") };
        assert!(err.to_string().contains("newer version of mandates"), "{err}");
        assert!(err.to_string().contains("newer.db"), "{err}");
    }

    #[test]
    fn paths_become_sqlite_urls_and_passwords_are_hidden() {
        assert_eq!(connection_url("reg.db"), (Backend::Sqlite, "sqlite://reg.db?mode=rwc".into()));
        assert_eq!(connection_url("/tmp/a b?.db"), (Backend::Sqlite, "sqlite:///tmp/a%20b%3F.db?mode=rwc".into()));
        assert_eq!(connection_url("postgres://u@h/db").0, Backend::Postgres);
        assert_eq!(redact("postgres://tsb:secret@db.itu.int/reg"), "postgres://tsb:***@db.itu.int/reg");
        assert_eq!(redact("reg.db"), "reg.db");
    }

    #[test]
    fn the_fast_reads_open_the_file_a_location_names() {
        assert_eq!(sqlite_file("reg.db"), Some(PathBuf::from("reg.db")));
        assert_eq!(sqlite_file("sqlite:///tmp/a%20b%3F.db?mode=rwc"), Some(PathBuf::from("/tmp/a b?.db")));
        assert_eq!(sqlite_file("sqlite://reg.db"), Some(PathBuf::from("reg.db")));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("sqlite://shared?mode=memory&cache=shared"), None);
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
        // What `connection_url` makes of a path, read back.
        let (_, url) = connection_url("/tmp/x %y#.db");
        assert_eq!(sqlite_file(&url), Some(PathBuf::from("/tmp/x %y#.db")));
    }
}
