-- Security hardening: device cookies that exempt a browser from the per-account lockout,
-- per-IP throttling of sign-ups, and when a session last proved its password.

-- Browsers that once logged in to an account (OWASP "device cookies"). Only the cookie's
-- hash is kept; a failed login from a trusted device counts against that device alone.
CREATE TABLE trusted_devices (
    token_hash   TEXT    NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    created_at   TEXT    NOT NULL,
    last_used_at TEXT    NOT NULL,
    PRIMARY KEY (token_hash, user_id)
) WITHOUT ROWID;

-- The device a login attempt came from, when that device was trusted for the account.
ALTER TABLE login_attempts ADD COLUMN device_hash TEXT;
CREATE INDEX login_attempts_device ON login_attempts (device_hash, at) WHERE device_hash IS NOT NULL;

-- Registrations and applications per address, for the per-IP limit.
CREATE TABLE signup_attempts (
    id INTEGER PRIMARY KEY,
    ip TEXT    NOT NULL,
    at TEXT    NOT NULL
);
CREATE INDEX signup_attempts_ip ON signup_attempts (ip, at);

-- When the session's owner last typed the password (login or a re-check before a sensitive
-- admin action); NULL means at the session's creation.
ALTER TABLE sessions ADD COLUMN authenticated_at TEXT;

-- The file janitor asks whether anything refers to a stored file's hash.
CREATE INDEX order_files_sha256 ON order_files (sha256);
CREATE INDEX order_signatures_signature ON order_signatures (signature_sha256);
