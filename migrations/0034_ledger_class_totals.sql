-- billing: what all client accounts together and all worker accounts together hold, for the
-- billing overview's receivables and what is owed to workers. Summing the ledger for them
-- read every posting ever made (over a second at five years of history); the ledger is
-- append-only (0010 refuses UPDATE and DELETE), so a running total kept by a trigger in the
-- posting's own transaction is always equal to that sum, and `check` verifies it.
CREATE TABLE ledger_class_totals (
    class         TEXT    PRIMARY KEY CHECK (class IN ('client', 'worker')),
    balance_minor INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO ledger_class_totals (class, balance_minor)
SELECT 'client', COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account LIKE 'client:%'
UNION ALL
SELECT 'worker', COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account LIKE 'worker:%';

-- LIKE, as the sums it replaces used; the class is the account's prefix, in lower case.
CREATE TRIGGER ledger_class_totals_posting AFTER INSERT ON ledger_entries
WHEN NEW.account LIKE 'client:%' OR NEW.account LIKE 'worker:%'
BEGIN
    UPDATE ledger_class_totals SET balance_minor = balance_minor + NEW.amount_minor
    WHERE class = lower(substr(NEW.account, 1, 6));
END;
