//! Running read queries on either driver.
//!
//! Queries are built once as [`Sql`] (text with `$n` placeholders and the values to bind) and their rows read by
//! position through [`Cells`], so the same code serves both paths:
//! - Writes, and reads made inside a transaction: sqlx's `Any` pool.
//! - The reads a web page makes many times a second, on an SQLite file: [`SqliteReads`], rusqlite connections
//!   opened read-only on blocking threads. sqlx's SQLite driver copies every value of every row and hands each row
//!   from its worker thread to the async task, which cost ~5 ms for a page of 100 mandates (profiled under wrk);
//!   rusqlite reads the values in place.
//! - The same reads on PostgreSQL: sqlx's own PostgreSQL pool. The `Any` driver converts every row, and the
//!   description of its columns again for each row, into its own types: for a list of 575 mandates that was
//!   most of the client's time (profiled with perf).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use sqlx::Row;
use sqlx::any::AnyRow;
use sqlx::postgres::PgRow;

use crate::{Result, Store, StoreError};

/// SQL text with numbered placeholders and the values to bind, built together so they cannot disagree.
#[derive(Debug, Default)]
pub(crate) struct Sql {
    text: String,
    args: Vec<Arg>,
}

#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql { text: text.to_owned(), args: Vec::new() }
    }

    pub fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    /// Append the next placeholder and its value.
    pub fn bind(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// A value for a placeholder already written in the text (`$1`, `$2` ... in order).
    pub fn arg(mut self, arg: Arg) -> Self {
        self.args.push(arg);
        self
    }

    /// The query for sqlx's driver `DB` (`Any`, or `Postgres` for the native read path), values bound.
    fn bound<'q, DB>(&'q self) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
    where
        DB: sqlx::Database,
        i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    {
        let mut q = sqlx::query(&self.text);
        for arg in &self.args {
            q = match arg {
                Arg::Int(i) => q.bind(*i),
                Arg::Text(s) => q.bind(s.as_str()),
            };
        }
        q
    }
}

impl rusqlite::ToSql for Arg {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Arg::Int(i) => i.to_sql(),
            Arg::Text(s) => s.to_sql(),
        }
    }
}

/// A result row of either driver, read by column position.
pub(crate) trait Cells {
    fn int(&self, i: usize) -> Result<i64>;
    fn opt_int(&self, i: usize) -> Result<Option<i64>>;
    fn real(&self, i: usize) -> Result<f64>;
    fn text(&self, i: usize) -> Result<String>;
    fn opt_text(&self, i: usize) -> Result<Option<String>>;
    /// Text read in place, not copied (a model's JSON, which can be a megabyte).
    fn text_ref(&self, i: usize) -> Result<&str>;

    /// A flag stored as an integer.
    fn flag(&self, i: usize) -> Result<bool> {
        Ok(self.int(i)? != 0)
    }
}

/// Cells of a row of sqlx, either driver: its own decoding serves as it is. (All the registry's columns that
/// reads return are `BIGINT`, `TEXT` or `DOUBLE PRECISION`: the native PostgreSQL driver, stricter than `Any`,
/// would refuse an `INTEGER` read as `i64` with a decoding error.)
macro_rules! sqlx_cells {
    ($row:ty) => {
        impl Cells for $row {
            fn int(&self, i: usize) -> Result<i64> {
                Ok(self.try_get(i)?)
            }
            fn opt_int(&self, i: usize) -> Result<Option<i64>> {
                Ok(self.try_get(i)?)
            }
            fn real(&self, i: usize) -> Result<f64> {
                Ok(self.try_get(i)?)
            }
            fn text(&self, i: usize) -> Result<String> {
                Ok(self.try_get(i)?)
            }
            fn opt_text(&self, i: usize) -> Result<Option<String>> {
                Ok(self.try_get(i)?)
            }
            fn text_ref(&self, i: usize) -> Result<&str> {
                Ok(self.try_get(i)?)
            }
        }
    };
}

sqlx_cells!(AnyRow);
sqlx_cells!(PgRow);

impl Cells for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<i64> {
        Ok(self.get(i)?)
    }
    fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        Ok(self.get(i)?)
    }
    fn real(&self, i: usize) -> Result<f64> {
        Ok(self.get(i)?)
    }
    fn text(&self, i: usize) -> Result<String> {
        Ok(self.get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.get(i)?)
    }
    fn text_ref(&self, i: usize) -> Result<&str> {
        let value = self.get_ref(i)?;
        value.as_str().map_err(|e| StoreError::Corrupt(format!("column {i} is not text: {e}")))
    }
}

/// What turns a row into a value.
pub(crate) type ReadRow<T> = fn(&dyn Cells) -> Result<T>;

impl Store {
    /// Every row of `sql`, read with `read`.
    pub(crate) async fn fetch_all<T: Send + 'static>(&self, sql: Sql, read: ReadRow<T>) -> Result<Vec<T>> {
        self.fetch(sql, read, usize::MAX).await
    }

    /// The first row of `sql`, if any, read with `read`.
    pub(crate) async fn fetch_optional<T: Send + 'static>(&self, sql: Sql, read: ReadRow<T>) -> Result<Option<T>> {
        Ok(self.fetch(sql, read, 1).await?.pop())
    }

    /// At most `limit` rows of `sql`, read with `read`: on the fast path where there is one, else through sqlx.
    async fn fetch<T: Send + 'static>(&self, sql: Sql, read: ReadRow<T>, limit: usize) -> Result<Vec<T>> {
        if let Some(reads) = &self.sqlite_reads {
            return reads
                .run(move |conn| {
                    let mut statement = conn.prepare_cached(&sql.text)?;
                    let mut rows = statement.query(rusqlite::params_from_iter(&sql.args))?;
                    let mut out = Vec::new();
                    while out.len() < limit
                        && let Some(row) = rows.next()?
                    {
                        out.push(read(row)?);
                    }
                    Ok(out)
                })
                .await;
        }
        if let Some(reads) = &self.postgres_reads {
            if limit == 1 {
                return sql.bound().fetch_optional(reads).await?.as_ref().map(|r| read(r)).into_iter().collect();
            }
            return sql.bound().fetch_all(reads).await?.iter().map(|r| read(r)).collect();
        }
        if limit == 1 {
            return sql.bound().fetch_optional(&self.pool).await?.as_ref().map(|r| read(r)).into_iter().collect();
        }
        sql.bound().fetch_all(&self.pool).await?.iter().map(|r| read(r)).collect()
    }
}

/// Read-only rusqlite connections to an SQLite file, used on tokio's blocking threads, at most `MAX` at once.
pub(crate) struct SqliteReads {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
    permits: tokio::sync::Semaphore,
    /// A connection that only asks whether the file changed (see [`SqliteReads::data_version`]).
    watch: Mutex<Option<rusqlite::Connection>>,
}

impl std::fmt::Debug for SqliteReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteReads").field("path", &self.path).finish_non_exhaustive()
    }
}

impl SqliteReads {
    /// As many readers as a small server has cores and a little more: reads of a page take well under a
    /// millisecond, so more would only queue on the CPU.
    const MAX: usize = 4;

    pub fn new(path: &Path) -> Arc<SqliteReads> {
        Arc::new(SqliteReads {
            path: path.to_owned(),
            idle: Mutex::new(Vec::new()),
            permits: tokio::sync::Semaphore::new(Self::MAX),
            watch: Mutex::new(None),
        })
    }

    /// SQLite's `data_version` of a connection that never writes: it changes whenever any other connection, of
    /// this process or another, commits to the file. It reads the WAL's shared index, without I/O, so it runs
    /// in place. None when it cannot tell (the file is busy being recovered, or cannot be opened).
    pub fn data_version(&self) -> Option<i64> {
        let mut watch = self.watch.lock().unwrap_or_else(|p| p.into_inner());
        if watch.is_none() {
            let conn = self.open().ok()?;
            // It runs on an async thread: never wait.
            conn.busy_timeout(std::time::Duration::ZERO).ok()?;
            *watch = Some(conn);
        }
        let conn = watch.as_ref()?;
        match conn.query_row("PRAGMA data_version", [], |r| r.get(0)) {
            Ok(version) => Some(version),
            Err(_) => {
                *watch = None;
                None
            }
        }
    }

    /// Run `f` on a connection, on a blocking thread.
    async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&rusqlite::Connection) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let _permit = self.permits.acquire().await.map_err(|_| StoreError::Invalid("the registry is closed".into()))?;
        let reads = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let conn = match reads.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
                Some(conn) => conn,
                None => reads.open()?,
            };
            let out = f(&conn);
            reads.idle.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
            out
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("a read of the registry failed: {e}")))?
    }

    fn open(&self) -> Result<rusqlite::Connection> {
        use rusqlite::OpenFlags;
        let conn = rusqlite::Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // A reader waits for a writer's checkpoint rather than failing; its page cache stays small (8 MiB) so
        // that a server's memory does not grow with the registry.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch("PRAGMA cache_size = -8192")?;
        conn.set_prepared_statement_cache_capacity(32);
        crate::rank::register(&conn)?;
        Ok(conn)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}
