-- Hiring, third part: tests assigned to candidates and their answers. The questions an
-- assignment uses (a random subset, possibly shuffled) are fixed when it is created.

CREATE TABLE test_assignments (
    id              INTEGER PRIMARY KEY,
    candidate_id    INTEGER NOT NULL REFERENCES candidates (id),
    test_id         INTEGER NOT NULL REFERENCES screening_tests (id),
    question_ids    TEXT    NOT NULL,
    pass_mark_bp    INTEGER CHECK (pass_mark_bp BETWEEN 0 AND 10000),
    status          TEXT    NOT NULL CHECK (status IN ('invited', 'started', 'submitted', 'graded', 'expired')),
    invited_at      TEXT    NOT NULL,
    started_at      TEXT,
    deadline_at     TEXT,
    submitted_at    TEXT,
    score_bp        INTEGER
);
CREATE INDEX test_assignments_candidate ON test_assignments (candidate_id);
CREATE INDEX test_assignments_status ON test_assignments (status, deadline_at);

CREATE TABLE test_answers (
    assignment_id INTEGER NOT NULL REFERENCES test_assignments (id),
    question_id   INTEGER NOT NULL REFERENCES screening_questions (id),
    answer_json   TEXT    NOT NULL,
    points        INTEGER,
    PRIMARY KEY (assignment_id, question_id)
) WITHOUT ROWID;
