//! `mandates-web`: the registry on the web.
//!
//! [`app`] builds the whole application as one axum [`Router`] over a [`Store`]: the JSON API under `/api`
//! (described by the OpenAPI document at `/api/openapi.json`), and server-rendered pages for people, which work
//! without JavaScript. Accounts have a [role](Role): viewers read, editors also update tracking and ingest,
//! admins also import. Sessions live in the registry's database, so several servers can share one PostgreSQL.
//!
//! ```
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! use tower::ServiceExt;
//! let dir = tempfile::tempdir().unwrap();
//! let store = mandates_store::Store::open(&dir.path().join("r.db").to_string_lossy()).await.unwrap();
//! let app = mandates_web::app(mandates_web::AppState::new(store, mandates_web::Config::default()));
//! let response = app
//!     .oneshot(axum::http::Request::get("/api/openapi.json").body(axum::body::Body::empty()).unwrap())
//!     .await
//!     .unwrap();
//! assert_eq!(response.status(), 200);
//! # });
//! ```

mod api;
mod auth;
mod cache;
mod charts;
mod error;
mod pages;
mod render;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use mandates_store::calendar::Meeting;
use mandates_store::{InstrumentText, Store};

pub use api::openapi_json;
pub use auth::hash_password;
pub use error::ApiError;
pub use mandates_store::Role;

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// Let people who are not signed in read (never write).
    pub anonymous_read: bool,
    /// Mark the session cookie `Secure` (send it over HTTPS only): on when a TLS proxy stands in front.
    pub secure_cookies: bool,
    /// The largest document accepted for ingest, and the largest registry accepted for import, in bytes.
    pub max_upload_bytes: usize,
    /// Council sessions and conferences, to date reporting duties (`data/meetings.csv` by default).
    pub meetings: Vec<Meeting>,
    /// How long a sign-in lasts, in seconds.
    pub session_seconds: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            anonymous_read: false,
            secure_cookies: false,
            max_upload_bytes: 32 << 20,
            meetings: mandates_store::calendar::read_meetings(mandates_store::calendar::DEFAULT_MEETINGS)
                .unwrap_or_default(),
            session_seconds: 12 * 3600,
        }
    }
}

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    config: Config,
    /// Recent failed sign-ins by account name, to slow down password guessing.
    failed_logins: Mutex<HashMap<String, Vec<Instant>>>,
    /// Stored texts, parsed. A text never changes once stored (a new version of a document makes new texts), so
    /// an entry is never stale; the map is emptied when full, to bound memory.
    texts: Mutex<HashMap<i64, Arc<InstrumentText>>>,
    /// The busiest pages, kept while the registry does not change.
    pages: cache::PageCache,
}

/// Parsed texts kept: a few hundred instruments at some tens of KB each (their pages are kept too).
const TEXTS_CACHED: usize = 256;

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        AppState(Arc::new(Inner {
            store,
            config,
            failed_logins: Mutex::new(HashMap::new()),
            texts: Mutex::new(HashMap::new()),
            pages: cache::PageCache::default(),
        }))
    }

    /// The page known by `key`: the one made earlier if the registry has not changed since, else made now by
    /// `make` (and kept, where the registry can tell when it changes).
    pub(crate) async fn kept_page<F, E>(&self, key: String, make: impl FnOnce() -> F) -> Result<Arc<cache::Page>, E>
    where
        F: Future<Output = Result<cache::Page, E>>,
    {
        // The mark is read before the registry is: a change made meanwhile leaves the page under the old mark.
        let mark = self.0.store.changes().await;
        if let Some(mark) = mark
            && let Some(page) = self.0.pages.get(&key, mark)
        {
            return Ok(page);
        }
        let Some(mark) = mark else { return Ok(Arc::new(make().await?)) };
        let _turn = self.0.pages.turn(&key).await;
        // Whoever went before may have made it.
        if let Some(page) = self.0.pages.get(&key, mark) {
            return Ok(page);
        }
        let mut page = make().await?;
        // Kept for long: no spare capacity.
        page.body.shrink_to_fit();
        let page = Arc::new(page);
        self.0.pages.put(key, mark, Arc::clone(&page));
        Ok(page)
    }

    /// An instrument with its texts; 404 when the registry has no such instrument.
    pub async fn instrument(&self, id: i64) -> Result<mandates_store::InstrumentDetail, ApiError> {
        self.0.store.instrument(id).await?.ok_or_else(|| ApiError::not_found(format!("there is no instrument {id}")))
    }

    /// A stored text of an instrument, parsed once and then kept.
    pub async fn text(&self, id: i64) -> Result<Arc<InstrumentText>, ApiError> {
        if let Some(text) = self.0.texts.lock().unwrap_or_else(|p| p.into_inner()).get(&id) {
            return Ok(Arc::clone(text));
        }
        let text = Arc::new(self.0.store.text(id).await?);
        let mut texts = self.0.texts.lock().unwrap_or_else(|p| p.into_inner());
        if texts.len() >= TEXTS_CACHED {
            texts.clear();
        }
        texts.insert(id, Arc::clone(&text));
        Ok(text)
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }
}

/// The whole application: API and pages.
pub fn app(state: AppState) -> Router {
    // Uploads and imports are checked against the configured size by their handlers (413); every other body is
    // small, and axum's default limit (2 MB) guards them.
    let upload_limit = state.config().max_upload_bytes + (64 << 10);
    Router::new()
        .merge(api::routes(upload_limit))
        .merge(pages::routes(upload_limit))
        .layer(DefaultBodyLimit::max(2 << 20))
        // One log line per request (method, address, status, time taken) at the INFO level.
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}
