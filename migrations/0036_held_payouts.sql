-- billing: a statement that cannot be paid now (the worker has no payout card, or the
-- gateway declined it) is `held`: the amount stays owed on its own row, the worker is told,
-- managers see it, and a new payout card (or a manager's retry) reopens it as the next try
-- under its own idempotency key (`payout-<worker>-<period>-<n>`). One row per worker and
-- month stays the rule; `failed` is no longer a resting state, so rows left failed by
-- earlier versions become held.
-- The table is rebuilt for the CHECK; payout_items point at payouts, so their foreign keys
-- are checked at commit, when the rebuilt table holds the same ids.
PRAGMA defer_foreign_keys = ON;
DROP VIEW payout_facts;
CREATE TABLE payouts_new (
    id               INTEGER PRIMARY KEY,
    worker_id        INTEGER NOT NULL REFERENCES users (id),
    period           TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'carried_forward', 'failed', 'held')),
    amount_minor     INTEGER NOT NULL,
    earnings_minor   INTEGER NOT NULL,
    fines_minor      INTEGER NOT NULL,
    bonuses_minor    INTEGER NOT NULL,
    other_minor      INTEGER NOT NULL,
    carried_in_minor INTEGER NOT NULL,
    currency         TEXT    NOT NULL,
    run_id           INTEGER REFERENCES billing_runs (id),
    attempt          INTEGER NOT NULL DEFAULT 1,
    idempotency_key  TEXT    UNIQUE,
    card_id          INTEGER REFERENCES payment_cards (id),
    gateway_id       TEXT,
    last_error       TEXT,
    tries            INTEGER NOT NULL DEFAULT 0,
    claimed_until    TEXT,
    created_at       TEXT    NOT NULL,
    paid_at          TEXT,
    UNIQUE (worker_id, period)
);
INSERT INTO payouts_new (id, worker_id, period, status, amount_minor, earnings_minor, fines_minor,
    bonuses_minor, other_minor, carried_in_minor, currency, run_id, attempt, idempotency_key,
    card_id, gateway_id, last_error, tries, claimed_until, created_at, paid_at)
SELECT id, worker_id, period, CASE status WHEN 'failed' THEN 'held' ELSE status END,
    amount_minor, earnings_minor, fines_minor, bonuses_minor, other_minor, carried_in_minor,
    currency, run_id, attempt, idempotency_key, card_id, gateway_id, last_error, tries,
    claimed_until, created_at, paid_at
FROM payouts;
DROP TABLE payouts;
ALTER TABLE payouts_new RENAME TO payouts;
CREATE INDEX payouts_status ON payouts (status);
CREATE INDEX payouts_created ON payouts (created_at);
CREATE INDEX payouts_worker_held ON payouts (worker_id) WHERE status = 'held';

-- billing: a payout's facts (not its gateway attempt, card or claim).
CREATE VIEW payout_facts AS
SELECT id, worker_id, period, status, amount_minor, earnings_minor, fines_minor,
       bonuses_minor, other_minor, carried_in_minor, currency, created_at, paid_at
FROM payouts;
