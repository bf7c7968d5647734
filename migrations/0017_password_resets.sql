-- Password recovery: single-use links, their tokens stored only hashed, an hour each. A
-- request for an email that matches nobody is kept too (user_id NULL, never mailed), so the
-- per-address limit counts it and the answer is the same either way.
CREATE TABLE password_resets (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id),
    email      TEXT    NOT NULL COLLATE NOCASE,
    ip         TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    used_at    TEXT
) WITHOUT ROWID;
CREATE INDEX password_resets_email ON password_resets (email, created_at);
CREATE INDEX password_resets_ip ON password_resets (ip, created_at);
