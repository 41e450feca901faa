//! The web application, driven through its router (`app().oneshot(...)`): every endpoint, the refusals, and the
//! pages. Each test has its own SQLite registry holding the two samples and three accounts.

mod api;
mod browser;
mod pages;

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use mandates_store::{Role, Store};
use mandates_web::{AppState, Config};
use tower::ServiceExt;

pub const SEED: &str = "samples/tsag-td-pp22-highlights.txt";
pub const WTSA_RES1: &str = "samples/wtsa-res-001-rev-hammamet-2016.docx";

/// Accounts of every test registry: name, password, role.
pub const VIEWER: (&str, &str) = ("vera", "viewer-password");
pub const EDITOR: (&str, &str) = ("ed", "editor-password");
pub const ADMIN: (&str, &str) = ("ada", "admin-password");

pub fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

pub struct TestApp {
    pub router: Router,
    pub store: Store,
    _dir: tempfile::TempDir,
}

/// A registry with the samples, a viewer, an editor and an admin, served with `config`.
pub async fn app_with(config: Config) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("registry.db").to_string_lossy()).await.unwrap();
    for path in [SEED, WTSA_RES1] {
        let file = repo_file(path);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let doc = mandates_core::parse(&name, &std::fs::read(&file).unwrap(), &Default::default()).unwrap();
        store.ingest(&doc, "loader").await.unwrap();
    }
    for ((name, password), role) in [(VIEWER, Role::Viewer), (EDITOR, Role::Editor), (ADMIN, Role::Admin)] {
        store.put_user(name, &mandates_web::hash_password(password).unwrap(), role).await.unwrap();
    }
    TestApp { router: mandates_web::app(AppState::new(store.clone(), config)), store, _dir: dir }
}

pub async fn app() -> TestApp {
    app_with(Config::default()).await
}

/// An answer, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    /// The `code` of an API error, after checking the error's shape.
    pub fn error_code(&self) -> String {
        let json = self.json();
        assert_eq!(json["error"]["status"], self.status.as_u16(), "{json}");
        assert!(json["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{json}");
        json["error"]["code"].as_str().unwrap().to_owned()
    }
}

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer { status, headers, body }
    }

    pub async fn get(&self, uri: &str, session: Option<&Session>) -> Answer {
        let mut request = Request::get(uri);
        if let Some(s) = session {
            request = request.header("cookie", &s.cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// A JSON request with the session's cookie, and its CSRF token unless `csrf` says otherwise.
    pub async fn json(&self, method: &str, uri: &str, session: Option<&Session>, csrf: Csrf, body: &str) -> Answer {
        let mut request = Request::builder().method(method).uri(uri).header("content-type", "application/json");
        if let Some(s) = session {
            request = request.header("cookie", &s.cookie);
            match csrf {
                Csrf::Right => request = request.header("x-csrf-token", &s.csrf),
                Csrf::Wrong => request = request.header("x-csrf-token", "0".repeat(64)),
                Csrf::Missing => {}
            }
        }
        self.send(request.body(Body::from(body.to_owned())).unwrap()).await
    }

    /// Sign in through the API.
    pub async fn sign_in(&self, (name, password): (&str, &str)) -> Session {
        let body = serde_json::json!({ "name": name, "password": password }).to_string();
        let answer = self.json("POST", "/api/session", None, Csrf::Missing, &body).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
        let cookie = answer.header("set-cookie").split(';').next().unwrap().to_owned();
        Session { cookie, csrf: answer.json()["csrf_token"].as_str().unwrap().to_owned() }
    }

    /// The id of the current mandate of `instrument` with `label` in the block whose heading starts with `heading`.
    pub async fn mandate_id(&self, instrument: &str, heading: &str, label: &str) -> i64 {
        let filter = mandates_store::MandateFilter { instrument: Some(instrument.into()), ..Default::default() };
        self.store
            .mandates(&filter)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.heading.as_deref().is_some_and(|h| h.starts_with(heading)) && m.label.as_deref() == Some(label))
            .unwrap_or_else(|| panic!("{instrument} {heading} {label}"))
            .id
    }
}

pub struct Session {
    /// "mandates_session=...".
    pub cookie: String,
    pub csrf: String,
}

#[derive(Clone, Copy)]
pub enum Csrf {
    Right,
    Wrong,
    Missing,
}
