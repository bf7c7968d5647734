-- Dashboard and reports: daily rollups of the raw rows, so a dashboard over years reads a
-- few thousand rows instead of millions, and the indexes the live parts and exports need.

-- One row per business day (in the time zone named in report_meta), metric and key: orders
-- by status, histograms of minutes to match and to complete, ledger sums by kind and side,
-- rating and QC sums and counts. Written only by reports::rollup.
CREATE TABLE report_days (
    day    TEXT    NOT NULL,
    metric TEXT    NOT NULL,
    key    TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (day, metric, key)
) WITHOUT ROWID;

-- UTC dates whose raw rows changed since they were rolled up. The triggers below fill it in
-- the same transaction as the change, so no change can be missed; the rollup job empties it.
CREATE TABLE report_dirty_days (
    utc_day TEXT PRIMARY KEY
) WITHOUT ROWID;

-- The business time zone the rollups were computed in; a change of zone rebuilds them.
CREATE TABLE report_meta (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    time_zone TEXT    NOT NULL
);

CREATE TRIGGER report_dirty_order_placed AFTER INSERT ON orders
BEGIN
    INSERT OR IGNORE INTO report_dirty_days (utc_day) VALUES (substr(NEW.created_at, 1, 10));
END;

CREATE TRIGGER report_dirty_order_status AFTER UPDATE OF status ON orders
WHEN OLD.status IS NOT NEW.status
BEGIN
    INSERT OR IGNORE INTO report_dirty_days (utc_day) VALUES (substr(NEW.created_at, 1, 10));
END;

CREATE TRIGGER report_dirty_ledger AFTER INSERT ON ledger_transactions
BEGIN
    INSERT OR IGNORE INTO report_dirty_days (utc_day) VALUES (substr(NEW.created_at, 1, 10));
END;

CREATE TRIGGER report_dirty_signature AFTER INSERT ON order_signatures
BEGIN
    INSERT OR IGNORE INTO report_dirty_days (utc_day) VALUES (substr(NEW.signed_at, 1, 10));
END;

CREATE TRIGGER report_dirty_review AFTER UPDATE OF status ON qc_reviews
WHEN NEW.status = 'done' AND NEW.reviewed_at IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO report_dirty_days (utc_day) VALUES (substr(NEW.reviewed_at, 1, 10));
END;

-- Everything already in the database gets rolled up by the first job run.
INSERT OR IGNORE INTO report_dirty_days (utc_day)
    SELECT substr(created_at, 1, 10) FROM orders
    UNION SELECT substr(created_at, 1, 10) FROM ledger_transactions
    UNION SELECT substr(signed_at, 1, 10) FROM order_signatures
    UNION SELECT substr(reviewed_at, 1, 10) FROM qc_reviews WHERE reviewed_at IS NOT NULL;

-- A day's orders, signatures and reviews, and the exports' periods.
CREATE INDEX orders_created ON orders (created_at);
CREATE INDEX order_signatures_signed ON order_signatures (signed_at);
CREATE INDEX qc_reviews_reviewed ON qc_reviews (reviewed_at) WHERE status = 'done';
CREATE INDEX invoices_issued ON invoices (issued_at);
CREATE INDEX invoices_unpaid ON invoices (status) WHERE status IN ('due', 'past_due');
CREATE INDEX payouts_created ON payouts (created_at);
CREATE INDEX candidates_applied ON candidates (applied_at);
