-- Re-certification of hired workers. A screening test can now be assigned to a worker as well
-- as to a candidate: `test_assignments` gains `worker_id` and `service_id` (the service the
-- attempt re-certifies), and exactly one of `candidate_id` and `worker_id` is set. SQLite
-- cannot relax a NOT NULL in place, so the table is rebuilt; the answers are kept aside while
-- their parent is replaced, and the view reading it is dropped and recreated unchanged.
DROP VIEW candidate_facts;

CREATE TABLE test_assignments_v2 (
    id              INTEGER PRIMARY KEY,
    candidate_id    INTEGER REFERENCES candidates (id),
    worker_id       INTEGER REFERENCES users (id),
    service_id      INTEGER REFERENCES services (id),
    test_id         INTEGER NOT NULL REFERENCES screening_tests (id),
    question_ids    TEXT    NOT NULL,
    pass_mark_bp    INTEGER CHECK (pass_mark_bp BETWEEN 0 AND 10000),
    status          TEXT    NOT NULL CHECK (status IN ('invited', 'started', 'submitted', 'graded', 'expired')),
    invited_at      TEXT    NOT NULL,
    started_at      TEXT,
    deadline_at     TEXT,
    submitted_at    TEXT,
    score_bp        INTEGER,
    CHECK ((candidate_id IS NULL) <> (worker_id IS NULL)),
    CHECK (worker_id IS NULL OR service_id IS NOT NULL)
);
INSERT INTO test_assignments_v2 (id, candidate_id, test_id, question_ids, pass_mark_bp, status,
                                 invited_at, started_at, deadline_at, submitted_at, score_bp)
SELECT id, candidate_id, test_id, question_ids, pass_mark_bp, status,
       invited_at, started_at, deadline_at, submitted_at, score_bp
FROM test_assignments;
CREATE TEMP TABLE test_answers_kept AS SELECT * FROM test_answers;
DELETE FROM test_answers;
DROP TABLE test_assignments;
ALTER TABLE test_assignments_v2 RENAME TO test_assignments;
INSERT INTO test_answers (assignment_id, question_id, answer_json, points)
SELECT assignment_id, question_id, answer_json, points FROM temp.test_answers_kept;
DROP TABLE temp.test_answers_kept;
CREATE INDEX test_assignments_candidate ON test_assignments (candidate_id);
CREATE INDEX test_assignments_worker ON test_assignments (worker_id, service_id);
CREATE INDEX test_assignments_status ON test_assignments (status, deadline_at);

CREATE VIEW candidate_facts AS
SELECT c.id, c.user_id, c.status, c.applied_at, c.decided_at,
       EXISTS (SELECT 1 FROM test_assignments a WHERE a.candidate_id = c.id
               AND a.status IN ('submitted', 'graded')) AS handed_in_test
FROM candidates c;

-- Where each worker stands per service. `valid_until` is when the next re-certification is
-- due; `testing` has an open re-certification attempt (`assignment_id`); `failed` and
-- `overdue` keep the worker off matching for the service until a pass, unless a manager
-- overrides with a reason (the override ends with the next decision).
CREATE TABLE worker_certifications (
    worker_id       INTEGER NOT NULL REFERENCES users (id),
    service_id      INTEGER NOT NULL REFERENCES services (id),
    status          TEXT    NOT NULL CHECK (status IN ('certified', 'testing', 'failed', 'overdue')),
    valid_until     TEXT    NOT NULL,
    assignment_id   INTEGER REFERENCES test_assignments (id),
    score_bp        INTEGER,
    tested_at       TEXT,
    reminded_at     TEXT,
    override_reason TEXT,
    override_by     INTEGER REFERENCES users (id),
    override_at     TEXT,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (worker_id, service_id),
    CHECK (status <> 'testing' OR assignment_id IS NOT NULL),
    CHECK ((override_reason IS NULL) = (override_by IS NULL))
) WITHOUT ROWID;
CREATE INDEX worker_certifications_due ON worker_certifications (valid_until);

-- hiring: per worker and service, whether re-certification keeps them off matching as of
-- `valid_until` (matching compares it with its own clock) and their latest score.
CREATE VIEW worker_certification_facts AS
SELECT worker_id, service_id, status, valid_until, score_bp,
       override_reason IS NOT NULL AS overridden
FROM worker_certifications;
