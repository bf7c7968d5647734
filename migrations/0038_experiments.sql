-- Experiments: arms of one decision (matching or screening) compared on the units assigned to
-- them. At most one experiment runs per decision (a partial unique index).
CREATE TABLE experiments (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    hypothesis           TEXT    NOT NULL DEFAULT '',
    decision             TEXT    NOT NULL CHECK (decision IN ('matching', 'screening')),
    status               TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'stopped')),
    primary_metric       TEXT    NOT NULL,
    -- Units per arm at which managers hear that the planned sample is reached.
    target_per_arm       INTEGER NOT NULL CHECK (target_per_arm BETWEEN 10 AND 1000000),
    created_by           INTEGER NOT NULL REFERENCES users (id),
    created_at           TEXT    NOT NULL,
    started_at           TEXT,
    stopped_at           TEXT,
    adopted_arm          INTEGER,
    results_at           TEXT,
    sample_noticed_at    TEXT,
    guardrail_noticed_at TEXT
);
CREATE UNIQUE INDEX experiments_one_running ON experiments (decision) WHERE status = 'running';

-- An arm: its share of the units and what it decides with (a strategy over a matching
-- settings version, or a screening policy version).
CREATE TABLE experiment_arms (
    experiment_id    INTEGER NOT NULL REFERENCES experiments (id),
    arm              INTEGER NOT NULL CHECK (arm BETWEEN 0 AND 3),
    label            TEXT    NOT NULL,
    share            INTEGER NOT NULL CHECK (share BETWEEN 1 AND 99),
    strategy         TEXT    CHECK (strategy IN ('random', 'score')),
    settings_version INTEGER,
    policy_version   INTEGER,
    PRIMARY KEY (experiment_id, arm),
    CHECK ((strategy IS NULL) = (settings_version IS NULL)),
    CHECK ((strategy IS NULL) <> (policy_version IS NULL))
) WITHOUT ROWID;

-- The outcome sums per arm, metric and day of the unit's first decision, as of `results_at`:
-- rebuilt by the results job so a page reads a few hundred rows, never the history.
CREATE TABLE experiment_results (
    experiment_id INTEGER NOT NULL REFERENCES experiments (id),
    metric        TEXT    NOT NULL,
    arm           INTEGER NOT NULL,
    day           TEXT    NOT NULL,
    n             INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    total_sq      INTEGER NOT NULL,
    PRIMARY KEY (experiment_id, metric, arm, day)
) WITHOUT ROWID;

-- Each arm's units and how work spread over the workers in it, as of `results_at`.
CREATE TABLE experiment_arm_totals (
    experiment_id  INTEGER NOT NULL REFERENCES experiments (id),
    arm            INTEGER NOT NULL,
    units          INTEGER NOT NULL,
    jobs           INTEGER NOT NULL,
    workers        INTEGER NOT NULL,
    top_fifth_jobs INTEGER NOT NULL,
    PRIMARY KEY (experiment_id, arm)
) WITHOUT ROWID;

-- experiments: the arms of the running experiments, for the deciding contexts to draw from.
CREATE VIEW running_experiment_arms AS
SELECT e.id AS experiment_id, e.decision, a.arm, a.share, a.strategy, a.settings_version,
       a.policy_version
FROM experiments e JOIN experiment_arms a ON a.experiment_id = e.id
WHERE e.status = 'running';

-- matching: every version of the settings, kept (the one row of `matching_settings` stays the
-- live version).
CREATE TABLE matching_settings_versions (
    version               INTEGER PRIMARY KEY,
    strategy              TEXT    NOT NULL CHECK (strategy IN ('random', 'score')),
    enabled               INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    max_attempts          INTEGER NOT NULL,
    daily_limit           INTEGER NOT NULL,
    travel_buffer_minutes INTEGER NOT NULL,
    weight_rating         INTEGER NOT NULL,
    weight_qc             INTEGER NOT NULL,
    weight_load           INTEGER NOT NULL,
    weight_favourite      INTEGER NOT NULL,
    created_at            TEXT    NOT NULL
);
INSERT INTO matching_settings_versions
SELECT version, strategy, enabled, max_attempts, daily_limit, travel_buffer_minutes,
       weight_rating, weight_qc, weight_load, weight_favourite, updated_at
FROM matching_settings;

-- matching: an order's arm in an experiment, drawn at its first decision and never changed.
CREATE TABLE matching_assignments (
    experiment_id INTEGER NOT NULL,
    order_id      INTEGER NOT NULL REFERENCES orders (id),
    arm           INTEGER NOT NULL,
    assigned_at   TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, order_id)
) WITHOUT ROWID;
CREATE INDEX matching_assignments_order ON matching_assignments (order_id);

-- hiring: an applicant's arm in a screening experiment, drawn at their first decision.
CREATE TABLE screening_assignments (
    experiment_id INTEGER NOT NULL,
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id),
    arm           INTEGER NOT NULL,
    assigned_at   TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, candidate_id)
) WITHOUT ROWID;
CREATE INDEX screening_assignments_candidate ON screening_assignments (candidate_id);

-- matching: the units of matching experiments, and each decision's offer (for offers per order).
CREATE VIEW matching_assignment_facts AS
SELECT experiment_id, order_id, arm, assigned_at FROM matching_assignments;
CREATE VIEW matching_decision_facts AS
SELECT id, order_id, at, strategy, chosen_worker_id FROM matching_decisions;

-- hiring: the units of screening experiments.
CREATE VIEW screening_assignment_facts AS
SELECT experiment_id, candidate_id, arm, assigned_at FROM screening_assignments;
