-- Issue 19, orders: the open job board, the client's phone, and what comes back from a kit
-- when a started job is cancelled.

-- matching: orders a manager opened to volunteers (orders matching could not place are on
-- the board by their status alone). While an order is open here, matching makes no offers
-- of it: the first eligible volunteer takes it.
CREATE TABLE job_board (
    order_id  INTEGER PRIMARY KEY REFERENCES orders (id),
    opened_by INTEGER REFERENCES users (id),
    opened_at TEXT    NOT NULL
);

-- profile: the client's phone, in international form (+ and 8–15 digits), shown to the
-- assigned worker from assignment until the job is completed.
ALTER TABLE client_preferences ADD COLUMN phone TEXT NOT NULL DEFAULT '';

-- supply: when a started job is cancelled, what of each issued item came back (a `return`
-- movement) and what was used up on the job (no movement: it left the shelf when packed).
CREATE TABLE kit_returns (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL REFERENCES orders (id),
    consumable_id INTEGER NOT NULL REFERENCES consumables (id),
    issued        INTEGER NOT NULL CHECK (issued >= 0),
    returned      INTEGER NOT NULL CHECK (returned BETWEEN 0 AND issued),
    consumed      INTEGER NOT NULL CHECK (consumed = issued - returned),
    recorded_by   INTEGER REFERENCES users (id),
    recorded_at   TEXT    NOT NULL,
    UNIQUE (order_id, consumable_id)
);

-- orders: a worker's history finds the jobs they withdrew from without scanning every event.
CREATE INDEX order_events_withdrawals ON order_events (actor_id) WHERE action = 'withdraw';
