-- Hiring, fourth part: versioned screening policies and the decisions made under them.
-- Exactly one policy is active (a partial unique index); drafts can be simulated first.

CREATE TABLE screening_policies (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL UNIQUE,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
    rule         TEXT    NOT NULL CHECK (rule IN ('top_percent', 'min_score')),
    percent      INTEGER NOT NULL DEFAULT 3,
    threshold_bp INTEGER NOT NULL DEFAULT 5000,
    floor_bp     INTEGER NOT NULL DEFAULT 5000,
    window_days  INTEGER NOT NULL DEFAULT 90,
    created_at   TEXT    NOT NULL,
    activated_at TEXT
);
CREATE UNIQUE INDEX screening_policies_one_active ON screening_policies (status) WHERE status = 'active';

CREATE TABLE screening_policy_tests (
    policy_id INTEGER NOT NULL REFERENCES screening_policies (id),
    test_id   INTEGER NOT NULL REFERENCES screening_tests (id),
    weight    INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    PRIMARY KEY (policy_id, test_id)
) WITHOUT ROWID;

CREATE TABLE hiring_decisions (
    id           INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES candidates (id),
    policy_id    INTEGER NOT NULL REFERENCES screening_policies (id),
    score_bp     INTEGER NOT NULL,
    rank         INTEGER NOT NULL,
    cohort_size  INTEGER NOT NULL,
    hired        INTEGER NOT NULL CHECK (hired IN (0, 1)),
    decided_at   TEXT    NOT NULL
);
CREATE INDEX hiring_decisions_candidate ON hiring_decisions (candidate_id, id);
