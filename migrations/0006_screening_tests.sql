-- Hiring, second part: screening tests built by managers. A question's kind and answer key
-- live in `spec_json` (the `hiring::grading::Question` shape), so new kinds need no new
-- columns. Removed questions stay for the attempts that used them.

CREATE TABLE screening_tests (
    id                 INTEGER PRIMARY KEY,
    title              TEXT    NOT NULL,
    instructions       TEXT    NOT NULL DEFAULT '',
    time_limit_minutes INTEGER NOT NULL CHECK (time_limit_minutes BETWEEN 1 AND 240),
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);

CREATE TABLE screening_questions (
    id        INTEGER PRIMARY KEY,
    test_id   INTEGER NOT NULL REFERENCES screening_tests (id),
    position  INTEGER NOT NULL,
    prompt    TEXT    NOT NULL,
    points    INTEGER NOT NULL CHECK (points BETWEEN 1 AND 100),
    spec_json TEXT    NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX screening_questions_test ON screening_questions (test_id, active, position);
