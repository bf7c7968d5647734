-- Foundation: accounts, sessions, login throttling, audit log, notifications.
-- Timestamps are UTC text in one fixed format ('YYYY-MM-DD HH:MM:SS.fff+00:00', as written
-- by rusqlite's chrono support), so text order is time order and indexes on them work.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('client', 'worker', 'manager', 'admin', 'candidate')),
    language      TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT    NOT NULL
);
CREATE INDEX users_role ON users (role);

-- Named permissions on top of the role (today: 'bets').
CREATE TABLE user_permissions (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    permission TEXT    NOT NULL,
    PRIMARY KEY (user_id, permission)
) WITHOUT ROWID;

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256,
-- so a leaked database does not leak live sessions. Deleting the row ends the session.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    csrf_token   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL,
    ip           TEXT,
    user_agent   TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed and successful logins, for throttling per account and per IP.
CREATE TABLE login_attempts (
    id        INTEGER PRIMARY KEY,
    email     TEXT    NOT NULL COLLATE NOCASE,
    ip        TEXT    NOT NULL,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
    at        TEXT    NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Sensitive actions (role and permission changes, deactivation, settings). Append-only.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT    NOT NULL,
    actor_id INTEGER REFERENCES users (id),
    action   TEXT    NOT NULL,
    subject  TEXT    NOT NULL,
    details  TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Email outbox: written in the same transaction as the change that causes the mail;
-- the dispatcher moves rows forward. Texts are rendered at enqueue time in the
-- recipient's language, so a retry sends exactly what was decided then.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    kind            TEXT    NOT NULL,
    to_address      TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- In-app notifications (the bell with the unread badge).
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    link       TEXT,
    created_at TEXT    NOT NULL,
    read_at    TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);

-- Email opt-outs per kind; a missing row means "send by email" (the default).
CREATE TABLE notification_prefs (
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind    TEXT    NOT NULL,
    email   INTEGER NOT NULL CHECK (email IN (0, 1)),
    PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;
