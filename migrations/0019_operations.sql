-- Operations: one billing pass at a time.

-- Held while a billing pass runs (`run-billing`, or the server's reconciler). Two passes at
-- once never harmed data (runs, charges and payouts are keyed), but each printed counts of
-- the same work and doubled the gateway traffic. The owner names the process; a holder
-- that died leaves a row whose expiry lets the next pass take over.
CREATE TABLE billing_lock (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    owner      TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
