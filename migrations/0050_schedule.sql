-- The schedule: recurring bookings (series), reminders before a visit.

-- schedule: a client's booking that repeats. Each visit becomes an ordinary order
-- `series_days_ahead` days before its date; the series keeps only what a new order needs
-- (service, options, address, notes) and the rule of its dates. Dates and the time of day
-- are the business's local ones, so a visit keeps its hour across daylight-saving changes.
CREATE TABLE order_series (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES users (id),
    service_id    INTEGER NOT NULL REFERENCES services (id),
    address_id    INTEGER NOT NULL,
    -- JSON array of the chosen option ids, in the order chosen.
    option_ids    TEXT    NOT NULL DEFAULT '[]',
    notes         TEXT    NOT NULL DEFAULT '',
    every         TEXT    NOT NULL CHECK (every IN ('weekly', 'biweekly', 'monthly')),
    -- The first visit's local date (YYYY-MM-DD): a monthly series repeats its day of month
    -- (the month's last day when the month is shorter).
    first_on      TEXT    NOT NULL,
    -- The local time of day (HH:MM) of every visit not moved on its own.
    local_time    TEXT    NOT NULL,
    -- Exactly one end: a last date, or a number of visits (skipped ones count).
    until_on      TEXT,
    visits        INTEGER CHECK (visits IS NULL OR visits >= 1),
    created_at    TEXT    NOT NULL,
    -- Set when the client or a manager ends the series: no visit after it is created.
    ended_at      TEXT,
    ended_by      INTEGER REFERENCES users (id),
    CHECK ((until_on IS NULL) <> (visits IS NULL))
);
CREATE INDEX order_series_client ON order_series (client_id);
CREATE INDEX order_series_running ON order_series (id) WHERE ended_at IS NULL;

-- schedule: one visit of a series changed before its order exists: skipped
-- (`moved_to` NULL) or moved to another local date and time (`moved_to`, YYYY-MM-DDTHH:MM).
-- A visit whose order exists is changed through the order (cancel, reschedule) instead.
CREATE TABLE order_series_changes (
    series_id  INTEGER NOT NULL REFERENCES order_series (id),
    -- The visit's date under the series' rule.
    on_date    TEXT    NOT NULL,
    moved_to   TEXT,
    changed_by INTEGER REFERENCES users (id),
    changed_at TEXT    NOT NULL,
    PRIMARY KEY (series_id, on_date)
);

-- orders: the series a visit belongs to and its date under the series' rule. One order per
-- series and date, so a retried creation pass cannot place a visit twice.
ALTER TABLE orders ADD COLUMN series_id INTEGER REFERENCES order_series (id);
ALTER TABLE orders ADD COLUMN series_on TEXT;
CREATE UNIQUE INDEX orders_series_visit ON orders (series_id, series_on)
    WHERE series_id IS NOT NULL;

-- schedule: the reminder of one order at one slot. Written when it is due: `sent_at` when it
-- went out, or `skipped` when the slot was set inside the reminder window (placed or moved
-- too late to remind). A moved order has a new slot and so a new row; the key makes a
-- retried pass send each reminder once.
CREATE TABLE order_reminders (
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    scheduled_at TEXT    NOT NULL,
    outcome      TEXT    NOT NULL CHECK (outcome IN ('sent', 'skipped')),
    decided_at   TEXT    NOT NULL,
    PRIMARY KEY (order_id, scheduled_at)
);

