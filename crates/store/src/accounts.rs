//! Accounts and sessions of the web application. The store keeps what it is given: password hashes are made and
//! checked by the web layer, session tokens are hashed before they get here.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::sql::{Arg, Cells, Sql};
use crate::{Result, Store, StoreError, now};

/// What an account may do. Ordered: each role may do what the ones before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything.
    Viewer,
    /// Also updates tracking and ingests documents.
    Editor,
    /// Also imports whole registries.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Role> {
        let key = s.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == key)
            .ok_or_else(|| StoreError::Invalid(format!("unknown role {s:?}: use viewer, editor or admin")))
    }
}

/// An account, with the hash its password is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
}

/// The account behind a session, and the token its forms must echo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub user: User,
    pub csrf_token: String,
}

impl Store {
    /// Create the account `name`, or replace its password and role when it exists (so that a lost password can
    /// be reset with the same command).
    pub async fn put_user(&self, name: &str, password_hash: &str, role: Role) -> Result<User> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(StoreError::Invalid("an account name must be a visible name, e.g. \"j.smith\"".into()));
        }
        let mut tx = self.begin_write().await?;
        let existing = sqlx::query("SELECT id FROM users WHERE name = $1").bind(name).fetch_optional(&mut *tx).await?;
        match existing {
            Some(row) => {
                let id: i64 = row.try_get(0)?;
                sqlx::query("UPDATE users SET password_hash = $1, role = $2 WHERE id = $3")
                    .bind(password_hash)
                    .bind(role.as_str())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                // A new password signs out everywhere.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
            }
            None => {
                sqlx::query("INSERT INTO users (name, password_hash, role, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(name)
                    .bind(password_hash)
                    .bind(role.as_str())
                    .bind(now())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        self.user(name).await?.ok_or_else(|| StoreError::Corrupt(format!("the account {name} was not saved")))
    }

    /// The account called `name`, if any.
    pub async fn user(&self, name: &str) -> Result<Option<User>> {
        let row = sqlx::query("SELECT id, name, role, password_hash FROM users WHERE name = $1")
            .bind(name.trim())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|r| user_from_row(r)).transpose()
    }

    /// Every account, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows =
            sqlx::query("SELECT id, name, role, password_hash FROM users ORDER BY name").fetch_all(&self.pool).await?;
        rows.iter().map(|r| user_from_row(r)).collect()
    }

    /// Record a new session for `user_id` until `expires_at` (RFC 3339, UTC).
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf_token: &str,
        expires_at: &str,
    ) -> Result<()> {
        // Sessions of the past go when new ones come, so the table does not grow without bound.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now()).execute(&self.pool).await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(now())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The account signed in with the session whose token hashes to `token_hash`, unless it expired.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionUser>> {
        let sql = Sql::new(
            "SELECT u.id, u.name, u.role, u.password_hash, s.csrf_token FROM sessions s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
        );
        self.fetch_optional(sql.arg(Arg::Text(token_hash.to_owned())).arg(Arg::Text(now())), |r| {
            Ok(SessionUser { user: user_from_row(r)?, csrf_token: r.text(4)? })
        })
        .await
    }

    /// Sign out: forget the session.
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }
}

fn user_from_row(r: &dyn Cells) -> Result<User> {
    let role = r.text(2)?;
    Ok(User {
        id: r.int(0)?,
        name: r.text(1)?,
        role: role.parse().map_err(|_| StoreError::Corrupt(format!("an account has the unknown role {role:?}")))?,
        password_hash: r.text(3)?,
    })
}
