-- Quality control: the review queue (every cancelled and disputed order, a random sample of
-- completed ones), the reviewers' findings, and the draw that picked each sampled order.

CREATE TABLE qc_reviews (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL UNIQUE REFERENCES orders (id),
    reason       TEXT    NOT NULL CHECK (reason IN ('cancelled', 'disputed', 'sample')),
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
CREATE INDEX qc_reviews_open ON qc_reviews (status, due_at);
CREATE INDEX qc_reviews_worker ON qc_reviews (worker_id, reviewed_at);

-- The sample draw of every completed order: value in [0, 10000) from the seed and the order
-- id, picked when below the rate then in force. Recomputable, so auditable.
CREATE TABLE qc_sample_draws (
    order_id   INTEGER PRIMARY KEY REFERENCES orders (id),
    seed       INTEGER NOT NULL,
    draw       INTEGER NOT NULL CHECK (draw BETWEEN 0 AND 9999),
    rate_bp    INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    picked     INTEGER NOT NULL CHECK (picked IN (0, 1)),
    drawn_at   TEXT    NOT NULL
);

-- Running QC score totals per worker, read by the score matcher like worker_ratings.
CREATE TABLE worker_qc (
    worker_id   INTEGER PRIMARY KEY REFERENCES users (id),
    score_sum   INTEGER NOT NULL,
    score_count INTEGER NOT NULL
);

-- Orders cancelled or disputed before quality control existed join the queue, overdue.
INSERT INTO qc_reviews (order_id, reason, worker_id, due_at, created_at)
SELECT o.id,
       CASE WHEN o.status = 'cancelled' AND NOT EXISTS (SELECT 1 FROM order_events e
                 WHERE e.order_id = o.id AND e.to_status = 'disputed') THEN 'cancelled' ELSE 'disputed' END,
       o.worker_id, o.updated_at, o.updated_at
FROM orders o
WHERE o.status IN ('cancelled', 'disputed')
   OR EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'disputed');
