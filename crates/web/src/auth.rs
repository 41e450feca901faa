//! Accounts, sessions, roles and CSRF tokens.
//!
//! Signing in makes a session: a random token in an HttpOnly, SameSite=Lax cookie, stored in the database only
//! as its SHA-256. Each session has its own CSRF token, which every write must echo: pages put it in a hidden
//! form field, API clients send it in the `X-CSRF-Token` header (the sign-in answer gives it). Failed sign-ins
//! are counted per account name, and after five in fifteen minutes further tries are refused for a while.

use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use mandates_store::{Role, SessionUser};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::ApiError;

pub const SESSION_COOKIE: &str = "mandates_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Failed sign-ins allowed per account name within [`FAILURE_WINDOW`].
const MAX_FAILURES: usize = 5;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// An argon2id hash of `password` (a PHC string with a random salt), to store with an account.
pub fn hash_password(password: &str) -> Result<String, String> {
    if password.chars().count() < 8 {
        return Err("a password needs at least 8 characters".into());
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// `bytes` random bytes as lowercase hex.
fn random_hex(bytes: usize) -> Result<String, ApiError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| {
        tracing::error!(error = %e, "no randomness for a session token");
        ApiError::internal()
    })?;
    Ok(hex(&buf))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Who is asking: a signed-in account, or nobody.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    pub session: Option<SessionUser>,
    token_hash: Option<String>,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(token) = session_token(&parts.headers) else {
            return Ok(Visitor::default());
        };
        let hash = token_hash(token);
        let session = state.store().session(&hash).await?;
        Ok(Visitor { token_hash: session.as_ref().map(|_| hash), session })
    }
}

impl Visitor {
    pub fn name(&self) -> Option<&str> {
        self.session.as_ref().map(|s| s.user.name.as_str())
    }

    pub fn role(&self) -> Option<Role> {
        self.session.as_ref().map(|s| s.user.role)
    }

    pub fn csrf_token(&self) -> &str {
        self.session.as_ref().map_or("", |s| s.csrf_token.as_str())
    }

    /// Whether this visitor may read: signed in, or the server lets anyone read.
    pub fn may_read(&self, state: &AppState) -> bool {
        self.session.is_some() || state.config().anonymous_read
    }

    pub fn require_read(&self, state: &AppState) -> Result<(), ApiError> {
        if self.may_read(state) { Ok(()) } else { Err(ApiError::unauthorized()) }
    }

    /// The signed-in account if its role is at least `role`: 401 when nobody is signed in, 403 when the role is
    /// too low.
    pub fn require(&self, role: Role) -> Result<&SessionUser, ApiError> {
        let session = self.session.as_ref().ok_or_else(ApiError::unauthorized)?;
        if session.user.role < role {
            return Err(ApiError::forbidden(format!(
                "this needs the {role} role; your account {} is a {}",
                session.user.name, session.user.role
            )));
        }
        Ok(session)
    }

    /// A write: `role` at least, and the session's CSRF token echoed.
    pub fn require_write(&self, role: Role, csrf: Option<&str>) -> Result<&SessionUser, ApiError> {
        let session = self.require(role)?;
        match csrf {
            Some(given) if constant_time_eq(given.as_bytes(), session.csrf_token.as_bytes()) => Ok(session),
            Some(_) => {
                Err(ApiError::forbidden("the form's security token does not match: reload the page and try again"))
            }
            None => Err(ApiError::forbidden(format!(
                "a security token is missing: send the csrf_token of your sign-in in the {CSRF_HEADER} header"
            ))),
        }
    }
}

/// Compare secrets in a time that does not depend on where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The value of the session cookie, if the request carries one.
fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

/// A new session for a signed-in account: the cookie to set and the session.
pub struct SignedIn {
    pub cookie: HeaderValue,
    pub session: SessionUser,
}

/// Check a name and password and open a session; refuse after too many failures.
pub async fn sign_in(state: &AppState, name: &str, password: &str) -> Result<SignedIn, ApiError> {
    let key = name.trim().to_lowercase();
    if let Some(wait) = locked_out(state, &key) {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            format!("too many failed sign-ins for this account: try again in {} minutes", wait.as_secs().div_ceil(60)),
        );
        e.retry_after = Some(wait.as_secs().max(1));
        return Err(e);
    }
    let user = state.store().user(name).await?;
    // Hash even for an unknown name, so that the time taken does not tell which names exist.
    let hash = user.as_ref().map_or(DUMMY_HASH, |u| u.password_hash.as_str());
    let good = verify_password(password, hash) && user.is_some();
    let Some(user) = user.filter(|_| good) else {
        record_failure(state, key);
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "wrong account name or password"));
    };
    state.0.failed_logins.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
    let token = random_hex(32)?;
    let csrf_token = random_hex(32)?;
    let seconds = state.config().session_seconds;
    let expires = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(seconds))
        .map_err(|_| ApiError::internal())?
        .round(jiff::Unit::Second)
        .map_err(|_| ApiError::internal())?;
    state.store().create_session(&token_hash(&token), user.id, &csrf_token, &expires.to_string()).await?;
    let secure = if state.config().secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={seconds}{secure}");
    Ok(SignedIn {
        cookie: HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())?,
        session: SessionUser { user, csrf_token },
    })
}

/// Close the visitor's session; the cookie that clears it in the browser.
pub async fn sign_out(state: &AppState, visitor: &Visitor) -> Result<HeaderValue, ApiError> {
    if let Some(hash) = &visitor.token_hash {
        state.store().delete_session(hash).await?;
    }
    Ok(HeaderValue::from_static("mandates_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"))
}

/// How long to wait before the next try, when the account had too many recent failures.
fn locked_out(state: &AppState, key: &str) -> Option<Duration> {
    let mut failures = state.0.failed_logins.lock().unwrap_or_else(|p| p.into_inner());
    let recent = failures.get_mut(key)?;
    let now = Instant::now();
    recent.retain(|at| now.duration_since(*at) < FAILURE_WINDOW);
    if recent.len() < MAX_FAILURES {
        return None;
    }
    recent.first().map(|oldest| FAILURE_WINDOW.saturating_sub(now.duration_since(*oldest)))
}

fn record_failure(state: &AppState, key: String) {
    let mut failures = state.0.failed_logins.lock().unwrap_or_else(|p| p.into_inner());
    // Bound the memory an attacker trying many names can take.
    if failures.len() > 10_000 {
        failures.clear();
    }
    failures.entry(key).or_default().push(Instant::now());
}

/// A valid argon2id hash of no one's password, to spend the same time on unknown names.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4RSt1Ia/SaZ8IjJzdfXJ1/oRKpDmOWG6H+sFXyNOZpY";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct hors", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(hash_password("short").unwrap_err(), "a password needs at least 8 characters");
    }

    #[test]
    fn the_dummy_hash_parses_so_unknown_names_take_as_long() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!verify_password("x", DUMMY_HASH));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("theme=dark; mandates_session=abc123; other=1"));
        assert_eq!(session_token(&headers), Some("abc123"));
        headers.insert(COOKIE, HeaderValue::from_static("mandates_session="));
        assert_eq!(session_token(&headers), None);
    }
}
