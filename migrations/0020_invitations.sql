-- Admins invite people by email with a role. The invited account exists from the start,
-- inactive and without a usable password, so its mail has a recipient; accepting the link
-- sets the password and activates it. The link's token is stored only hashed.
CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    token_hash  TEXT    NOT NULL UNIQUE,
    invited_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    sent_count  INTEGER NOT NULL DEFAULT 1,
    accepted_at TEXT,
    revoked_at  TEXT
);
CREATE INDEX invitations_user ON invitations (user_id);
