-- Matching: workers' availability and skills, the strategy's settings (admin-only, versioned)
-- and every decision with the candidates it considered.

CREATE TABLE worker_profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    on_duty INTEGER NOT NULL DEFAULT 0 CHECK (on_duty IN (0, 1))
);

CREATE TABLE worker_skills (
    user_id INTEGER NOT NULL REFERENCES users (id),
    skill   TEXT    NOT NULL,
    PRIMARY KEY (user_id, skill)
) WITHOUT ROWID;
CREATE INDEX worker_skills_skill ON worker_skills (skill, user_id);

-- Weekly working hours in the business time zone; a weekday without a row is a day off.
-- weekday: 1 = Monday … 7 = Sunday; times are minutes after midnight.
CREATE TABLE worker_hours (
    user_id      INTEGER NOT NULL REFERENCES users (id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    PRIMARY KEY (user_id, weekday),
    CHECK (start_minute < end_minute)
) WITHOUT ROWID;

CREATE TABLE worker_days_off (
    user_id INTEGER NOT NULL REFERENCES users (id),
    day     TEXT    NOT NULL,
    PRIMARY KEY (user_id, day)
) WITHOUT ROWID;

-- The one row of matching settings. Each change bumps `version` (audited); decisions record it.
CREATE TABLE matching_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    version              INTEGER NOT NULL,
    strategy             TEXT    NOT NULL CHECK (strategy IN ('random', 'score')),
    enabled              INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    max_attempts         INTEGER NOT NULL CHECK (max_attempts BETWEEN 1 AND 50),
    daily_limit          INTEGER NOT NULL CHECK (daily_limit BETWEEN 1 AND 24),
    travel_buffer_minutes INTEGER NOT NULL CHECK (travel_buffer_minutes BETWEEN 0 AND 240),
    weight_rating        INTEGER NOT NULL,
    weight_qc            INTEGER NOT NULL,
    weight_load          INTEGER NOT NULL,
    weight_favourite     INTEGER NOT NULL,
    updated_at           TEXT    NOT NULL
);
INSERT INTO matching_settings VALUES (1, 1, 'random', 1, 5, 4, 30, 10, 10, 5, 20, '2026-01-01 00:00:00+00:00');

-- One row per matching decision. `round` restarts the attempt count when a manager re-runs
-- matching on an unassigned order.
CREATE TABLE matching_decisions (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES orders (id),
    round            INTEGER NOT NULL,
    attempt          INTEGER NOT NULL,
    at               TEXT    NOT NULL,
    strategy         TEXT    NOT NULL,
    strategy_version TEXT    NOT NULL,
    seed             INTEGER NOT NULL,
    candidates_json  TEXT    NOT NULL,
    chosen_worker_id INTEGER REFERENCES users (id)
);
CREATE INDEX matching_decisions_order ON matching_decisions (order_id, id);
CREATE INDEX matching_decisions_at ON matching_decisions (at);

-- Running totals of client ratings per worker, updated when a client signs, so matching
-- reads a worker's average in O(1) instead of scanning years of orders.
CREATE TABLE worker_ratings (
    worker_id    INTEGER PRIMARY KEY REFERENCES users (id),
    rating_sum   INTEGER NOT NULL,
    rating_count INTEGER NOT NULL
);

-- Matching asks, per order, which workers already declined or let an offer expire.
CREATE INDEX order_offers_order ON order_offers (order_id, status);
