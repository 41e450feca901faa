//! One registry per test, on each backend.
//!
//! SQLite: a file in a temporary directory. PostgreSQL: a fresh database in the cluster named by
//! `MANDATES_TEST_POSTGRES` (a URL such as `postgres://postgres@127.0.0.1:55432/postgres`); without it the
//! PostgreSQL tests are skipped with a message, and fail when `CI=true`.

use std::path::{Path, PathBuf};

use mandates_store::Store;
use sqlx::Connection;

pub struct TestDb {
    pub store: Store,
    /// What `Store::open` was given.
    pub location: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("registry.db").to_string_lossy().into_owned();
    let store = Store::open(&location).await.unwrap();
    TestDb { store, location, _dir: Some(dir) }
}

pub async fn postgres(test: &str) -> Option<TestDb> {
    let Ok(admin_url) = std::env::var("MANDATES_TEST_POSTGRES") else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but MANDATES_TEST_POSTGRES is not set: the PostgreSQL tests cannot run");
        }
        eprintln!("skipped: set MANDATES_TEST_POSTGRES to run {test} on PostgreSQL");
        return None;
    };
    let name = format!("t_{}_{}", std::process::id(), test).chars().take(63).collect::<String>();
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("connecting to MANDATES_TEST_POSTGRES");
    sqlx::Executor::execute(&mut admin, format!("DROP DATABASE IF EXISTS {name}").as_str()).await.unwrap();
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
    let location = format!("{base}/{name}");
    let store = Store::open(&location).await.unwrap();
    Some(TestDb { store, location, _dir: None })
}

/// Run one SQL statement on the test database outside the store (to inject a fault).
pub async fn execute(db: &TestDb, sql: &str) {
    sqlx::Executor::execute(&mut connect(db).await, sql).await.unwrap();
}

/// Run one query that gives one number on the test database outside the store.
pub async fn scalar(db: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&mut connect(db).await).await.unwrap()
}

/// How many rows of the names' table carry a place in lists other than their mandate's (migrations SQLite
/// 0006, PostgreSQL 0009): none in a sound registry.
pub async fn names_out_of_place(db: &TestDb) -> i64 {
    scalar(
        db,
        "SELECT count(*) FROM mandate_addressees a JOIN mandates m ON m.id = a.mandate_id \
         JOIN instruments i ON i.id = m.instrument_id \
         WHERE a.instrument_id <> m.instrument_id OR a.ordinal <> m.ordinal OR a.sort_key <> i.sort_key",
    )
    .await
}

async fn connect(db: &TestDb) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    let url =
        if db.location.starts_with("postgres") { db.location.clone() } else { format!("sqlite://{}", db.location) };
    sqlx::AnyConnection::connect(&url).await.unwrap()
}

pub fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

pub fn parse(path: &str) -> mandates_core::Document {
    let file = repo_file(path);
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    mandates_core::parse(&name, &bytes, &Default::default()).unwrap()
}

/// Each test once per backend: `mod sqlite { fn t() }` and `mod postgres { fn t() }`.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($db:ident) $body:block)*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test]
                async fn $name() {
                    let $db = $crate::harness::sqlite().await;
                    $body
                }
            )*
        }
        mod postgres {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test]
                async fn $name() {
                    let Some($db) = $crate::harness::postgres(stringify!($name)).await else { return };
                    $body
                }
            )*
        }
    };
}

/// A second, empty registry on the same backend as `db`.
pub async fn another(db: &TestDb, test: &str) -> TestDb {
    if db.location.starts_with("postgres") {
        postgres(&format!("{test}_2")).await.expect("PostgreSQL is configured")
    } else {
        sqlite().await
    }
}
