-- Hiring, first part: applications. A candidate is a user with the `candidate` role plus
-- what they told us; the skills they offer are services of the catalogue.

CREATE TABLE candidates (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL UNIQUE REFERENCES users (id),
    phone      TEXT    NOT NULL,
    about      TEXT    NOT NULL DEFAULT '',
    status     TEXT    NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'testing', 'hired', 'rejected')),
    applied_at TEXT    NOT NULL,
    decided_at TEXT
);
CREATE INDEX candidates_status ON candidates (status, applied_at);

CREATE TABLE candidate_skills (
    candidate_id INTEGER NOT NULL REFERENCES candidates (id),
    service_id   INTEGER NOT NULL REFERENCES services (id),
    PRIMARY KEY (candidate_id, service_id)
) WITHOUT ROWID;
