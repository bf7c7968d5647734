-- A worker withdrawing from a job close to its slot opens a quality review: qc_reviews gains
-- the reason 'withdrawn'. SQLite cannot change a CHECK in place, so the table is rebuilt
-- (same columns, rows and ids); the view, indexes and trigger that name it are made again.
DROP VIEW qc_scores;
-- 0029 makes qc_order_states; databases made before migrations ran in file-name order ran
-- 0029 first, so the view is there to drop on those and missing on a fresh one.
DROP VIEW IF EXISTS qc_order_states;
DROP TRIGGER report_dirty_review;

CREATE TABLE qc_reviews_new (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL UNIQUE REFERENCES orders (id),
    reason       TEXT    NOT NULL CHECK (reason IN ('cancelled', 'disputed', 'sample', 'withdrawn')),
    status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    worker_id    INTEGER REFERENCES users (id),
    assignee_id  INTEGER REFERENCES users (id),
    due_at       TEXT    NOT NULL,
    score        INTEGER CHECK (score BETWEEN 1 AND 5),
    findings     TEXT    NOT NULL DEFAULT '',
    -- How a dispute was settled; NULL for other reviews.
    resolution   TEXT    CHECK (resolution IN ('complete', 'adjust', 'cancel')),
    fine_minor   INTEGER NOT NULL DEFAULT 0 CHECK (fine_minor >= 0),
    bonus_minor  INTEGER NOT NULL DEFAULT 0 CHECK (bonus_minor >= 0),
    reviewed_by  INTEGER REFERENCES users (id),
    reviewed_at  TEXT,
    created_at   TEXT    NOT NULL,
    CHECK ((status = 'done') = (score IS NOT NULL))
);
INSERT INTO qc_reviews_new (id, order_id, reason, status, worker_id, assignee_id, due_at, score,
                            findings, resolution, fine_minor, bonus_minor, reviewed_by,
                            reviewed_at, created_at)
SELECT id, order_id, reason, status, worker_id, assignee_id, due_at, score, findings,
       resolution, fine_minor, bonus_minor, reviewed_by, reviewed_at, created_at
FROM qc_reviews;
DROP TABLE qc_reviews;
ALTER TABLE qc_reviews_new RENAME TO qc_reviews;

CREATE INDEX qc_reviews_open ON qc_reviews (status, due_at);
CREATE INDEX qc_reviews_worker ON qc_reviews (worker_id, reviewed_at);
CREATE INDEX qc_reviews_reviewed ON qc_reviews (reviewed_at) WHERE status = 'done';

CREATE TRIGGER report_dirty_review AFTER UPDATE OF status ON qc_reviews
WHEN NEW.status = 'done' AND NEW.reviewed_at IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO report_dirty_days (utc_day) VALUES (substr(NEW.reviewed_at, 1, 10));
END;

CREATE VIEW qc_scores AS
SELECT order_id, worker_id, score, reviewed_at
FROM qc_reviews
WHERE status = 'done';

CREATE VIEW qc_order_states AS
SELECT o.order_id,
       (SELECT picked FROM qc_sample_draws d WHERE d.order_id = o.order_id) AS picked,
       r.status AS review_status,
       r.score
FROM (SELECT order_id FROM qc_sample_draws UNION SELECT order_id FROM qc_reviews) o
LEFT JOIN qc_reviews r ON r.order_id = o.order_id;
