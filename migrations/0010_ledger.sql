-- The double-entry ledger: every movement of money is a transaction of two or more entries
-- summing to zero (checked by the one module that writes here, and by `check`). Entries are
-- signed: positive = debit (the client owes us, cash at the gateway), negative = credit (we
-- owe the worker, revenue earned). Never updated or deleted: corrections are reversals.

CREATE TABLE ledger_transactions (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('order_completed', 'cancellation_fee', 'fine', 'bonus',
                                                     'adjustment', 'payment', 'payout', 'refund', 'reversal')),
    -- The same business event always carries the same key, so a retry posts nothing new.
    idempotency_key TEXT    NOT NULL UNIQUE,
    reference       TEXT    NOT NULL,
    actor_id        INTEGER REFERENCES users (id),
    memo            TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL
);
CREATE INDEX ledger_transactions_reference ON ledger_transactions (reference);

CREATE TABLE ledger_entries (
    id             INTEGER PRIMARY KEY,
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),
    account        TEXT    NOT NULL,
    amount_minor   INTEGER NOT NULL CHECK (amount_minor <> 0)
);
CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account ON ledger_entries (account, transaction_id);

CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger_transactions is append-only'); END;
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger_transactions is append-only'); END;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;

-- The company's commission in basis points, frozen on the order when it is placed, so a
-- change of the rate applies to new orders only.
ALTER TABLE orders ADD COLUMN commission_bp INTEGER NOT NULL DEFAULT 2000
    CHECK (commission_bp BETWEEN 0 AND 10000);

-- Orders completed or charged a cancellation fee before the ledger existed are posted now,
-- with the same keys and split the application uses (commission rounded half up).
INSERT INTO ledger_transactions (kind, idempotency_key, reference, created_at)
SELECT 'order_completed', 'order-completed-' || id, 'order:' || id, updated_at
FROM orders WHERE status = 'completed' AND total_minor > 0 AND worker_id IS NOT NULL;

INSERT INTO ledger_entries (transaction_id, account, amount_minor)
SELECT t.id, e.account, e.amount FROM ledger_transactions t
JOIN (
    SELECT id, 'client:' || client_id AS account, total_minor AS amount FROM orders
    UNION ALL
    SELECT id, 'worker:' || worker_id, -(total_minor - (total_minor * commission_bp + 5000) / 10000) FROM orders
    UNION ALL
    SELECT id, 'revenue', -((total_minor * commission_bp + 5000) / 10000) FROM orders
) e ON t.reference = 'order:' || e.id
WHERE t.kind = 'order_completed' AND e.amount <> 0;

INSERT INTO ledger_transactions (kind, idempotency_key, reference, created_at)
SELECT 'cancellation_fee', 'order-cancellation-fee-' || id, 'order:' || id, updated_at
FROM orders WHERE status = 'cancelled' AND cancellation_fee_minor > 0;

INSERT INTO ledger_entries (transaction_id, account, amount_minor)
SELECT t.id, e.account, e.amount FROM ledger_transactions t
JOIN (
    SELECT id, 'client:' || client_id AS account, cancellation_fee_minor AS amount FROM orders
    UNION ALL
    SELECT id, 'revenue', -cancellation_fee_minor FROM orders
) e ON t.reference = 'order:' || e.id
WHERE t.kind = 'cancellation_fee';

CREATE INDEX ledger_transactions_created ON ledger_transactions (created_at);

-- Pricing settings managers change (audited); the newest row is in force and each order
-- freezes what it got (commission on the order, discounts in its quote).
CREATE TABLE billing_settings (
    id             INTEGER PRIMARY KEY,
    commission_bp  INTEGER NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
    -- JSON list of {min_completed, percent_bp}.
    loyalty_tiers  TEXT    NOT NULL,
    first_order_bp INTEGER NOT NULL CHECK (first_order_bp BETWEEN 0 AND 10000),
    changed_by     INTEGER REFERENCES users (id),
    created_at     TEXT    NOT NULL
);
INSERT INTO billing_settings (commission_bp, loyalty_tiers, first_order_bp, created_at)
VALUES (2000, '[{"min_completed":5,"percent_bp":500},{"min_completed":20,"percent_bp":1000}]', 0,
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

CREATE TABLE promo_codes (
    id              INTEGER PRIMARY KEY,
    code            TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('percent', 'fixed')),
    -- Basis points for percent codes, minor units for fixed ones.
    value           INTEGER NOT NULL CHECK (value > 0),
    valid_from      TEXT,
    valid_until     TEXT,
    max_uses        INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    once_per_client INTEGER NOT NULL DEFAULT 1,
    stacks          INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT    NOT NULL
);

-- A code used on an order. Checked and written in the order's own immediate transaction,
-- so two orders cannot both take the last use.
CREATE TABLE promo_redemptions (
    id           INTEGER PRIMARY KEY,
    promo_id     INTEGER NOT NULL REFERENCES promo_codes (id),
    client_id    INTEGER NOT NULL REFERENCES users (id),
    order_id     INTEGER NOT NULL UNIQUE REFERENCES orders (id),
    amount_minor INTEGER NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX promo_redemptions_promo ON promo_redemptions (promo_id, client_id);

-- Cards tokenized by Golden Hat: only token, brand and last four digits, never the number.
CREATE TABLE payment_cards (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    purpose    TEXT    NOT NULL CHECK (purpose IN ('charge', 'payout')),
    token      TEXT    NOT NULL,
    brand      TEXT    NOT NULL,
    last4      TEXT    NOT NULL CHECK (length(last4) = 4),
    exp_month  INTEGER NOT NULL,
    exp_year   INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    removed_at TEXT
);
CREATE UNIQUE INDEX payment_cards_current ON payment_cards (user_id, purpose) WHERE removed_at IS NULL;

-- One row per run of a period: the UNIQUE key is what makes a run happen once.
CREATE TABLE billing_runs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('weekly', 'monthly', 'daily')),
    period       TEXT    NOT NULL,
    cutoff_at    TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('running', 'done')),
    started_at   TEXT    NOT NULL,
    finished_at  TEXT,
    documents    INTEGER NOT NULL DEFAULT 0,
    amount_minor INTEGER NOT NULL DEFAULT 0,
    succeeded    INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, period)
);

CREATE TABLE invoices (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES users (id),
    period            TEXT    NOT NULL,
    number            TEXT    NOT NULL UNIQUE,
    -- due: being charged; paid; past_due: declined (dunning); nothing_due: credits only.
    status            TEXT    NOT NULL CHECK (status IN ('due', 'paid', 'past_due', 'nothing_due')),
    -- Lines plus carried_in_minor: a credit left over (negative total) on the client's
    -- previous invoice is carried into the next one, so no credit is lost.
    total_minor       INTEGER NOT NULL,
    carried_in_minor  INTEGER NOT NULL DEFAULT 0 CHECK (carried_in_minor <= 0),
    currency          TEXT    NOT NULL,
    run_id            INTEGER REFERENCES billing_runs (id),
    issued_at         TEXT    NOT NULL,
    paid_at           TEXT,
    first_declined_at TEXT,
    retries_done      INTEGER NOT NULL DEFAULT 0,
    next_retry_at     TEXT,
    UNIQUE (client_id, period)
);
CREATE INDEX invoices_status ON invoices (status, next_retry_at);

-- Each try to collect an invoice. The key is persisted before the gateway is called; an
-- unknown outcome stays `pending` and is resolved by asking the gateway for the key.
CREATE TABLE charges (
    id              INTEGER PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoices (id),
    attempt         INTEGER NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    card_id         INTEGER NOT NULL REFERENCES payment_cards (id),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined')),
    reason          TEXT    NOT NULL CHECK (reason IN ('weekly', 'dunning', 'client', 'manager')),
    actor_id        INTEGER REFERENCES users (id),
    gateway_id      TEXT,
    decline_code    TEXT,
    last_error      TEXT,
    tries           INTEGER NOT NULL DEFAULT 0,
    claimed_until   TEXT,
    created_at      TEXT    NOT NULL,
    settled_at      TEXT,
    UNIQUE (invoice_id, attempt)
);
CREATE UNIQUE INDEX charges_one_pending ON charges (invoice_id) WHERE status = 'pending';
CREATE UNIQUE INDEX charges_one_success ON charges (invoice_id) WHERE status = 'succeeded';

-- One statement per worker per month: earnings − fines + bonuses (+ adjustments) plus what
-- was carried in. Positive → paid out; zero or negative → carried forward.
CREATE TABLE payouts (
    id               INTEGER PRIMARY KEY,
    worker_id        INTEGER NOT NULL REFERENCES users (id),
    period           TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'carried_forward', 'failed')),
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
CREATE INDEX payouts_status ON payouts (status);

-- Every account's balance at the end of a business day (23:55), built from the previous
-- snapshot plus that day's entries.
CREATE TABLE balance_snapshots (
    day           TEXT    NOT NULL,
    account       TEXT    NOT NULL,
    balance_minor INTEGER NOT NULL,
    PRIMARY KEY (day, account)
) WITHOUT ROWID;

-- What each posting asks of a client, waiting for the weekly invoice (invoice_id NULL) or on
-- it. Written with the posting, so the weekly run reads only what is new, not the history.
CREATE TABLE invoice_items (
    transaction_id INTEGER PRIMARY KEY REFERENCES ledger_transactions (id),
    client_id      INTEGER NOT NULL REFERENCES users (id),
    amount_minor   INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    invoice_id     INTEGER REFERENCES invoices (id)
);
CREATE INDEX invoice_items_open ON invoice_items (created_at, client_id) WHERE invoice_id IS NULL;
-- One client's open items, summed and stamped when their invoice is issued.
CREATE INDEX invoice_items_open_client ON invoice_items (client_id, created_at) WHERE invoice_id IS NULL;
CREATE INDEX invoice_items_invoice ON invoice_items (invoice_id);

-- What each posting gives or takes from a worker, waiting for the monthly statement.
CREATE TABLE payout_items (
    transaction_id INTEGER PRIMARY KEY REFERENCES ledger_transactions (id),
    worker_id      INTEGER NOT NULL REFERENCES users (id),
    kind           TEXT    NOT NULL,
    -- Positive: the worker earns it (earnings, bonuses); negative: taken (fines).
    amount_minor   INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    payout_id      INTEGER REFERENCES payouts (id)
);
CREATE INDEX payout_items_open ON payout_items (created_at, worker_id) WHERE payout_id IS NULL;
CREATE INDEX payout_items_open_worker ON payout_items (worker_id, created_at) WHERE payout_id IS NULL;
CREATE INDEX payout_items_payout ON payout_items (payout_id);

INSERT INTO invoice_items (transaction_id, client_id, amount_minor, created_at)
SELECT t.id, CAST(substr(e.account, 8) AS INTEGER), e.amount_minor, t.created_at
FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
WHERE e.account LIKE 'client:%';

INSERT INTO payout_items (transaction_id, worker_id, kind, amount_minor, created_at)
SELECT t.id, CAST(substr(e.account, 8) AS INTEGER), t.kind, -e.amount_minor, t.created_at
FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
WHERE e.account LIKE 'worker:%';
