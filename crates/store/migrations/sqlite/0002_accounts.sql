-- Accounts and sessions of the web application (`mandates serve`).

-- A local account. The password is kept only as an argon2 PHC string; the role is viewer, editor or admin.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A signed-in browser or API client. The cookie holds a random token; only its SHA-256 is stored, so a copy
-- of the database does not let anyone sign in. The CSRF token is echoed by every form and write request.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);
