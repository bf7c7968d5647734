-- auth: the one-time link that makes the first admin. One row at most: each start with no
-- admin replaces it (the old link stops working). The token is stored only hashed.
CREATE TABLE setup_links (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    token_hash TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    used_at    TEXT
);
