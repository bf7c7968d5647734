-- Orders: the service catalogue, client profiles, orders with their frozen quote, the event
-- history, offers, reports with files, and signed completions.

CREATE TABLE services (
    id               INTEGER PRIMARY KEY,
    code             TEXT    NOT NULL UNIQUE,
    name_en          TEXT    NOT NULL,
    name_ru          TEXT    NOT NULL,
    description_en   TEXT    NOT NULL DEFAULT '',
    description_ru   TEXT    NOT NULL DEFAULT '',
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 720),
    base_price_minor INTEGER NOT NULL CHECK (base_price_minor >= 0),
    -- The skill a worker needs for this service (hiring enrols workers with skills).
    skill            TEXT    NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);

-- Priced extras a client can add to a service.
CREATE TABLE service_options (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES services (id),
    name_en     TEXT    NOT NULL,
    name_ru     TEXT    NOT NULL,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX service_options_service ON service_options (service_id);

-- What the worker ticks off in the report.
CREATE TABLE service_checklist_items (
    id         INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    position   INTEGER NOT NULL,
    text_en    TEXT    NOT NULL,
    text_ru    TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX service_checklist_service ON service_checklist_items (service_id, position);

CREATE TABLE client_addresses (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES users (id),
    label      TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    access_notes TEXT  NOT NULL DEFAULT '',
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    -- Removed addresses stay for the orders that point at them.
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT    NOT NULL
);
CREATE INDEX client_addresses_client ON client_addresses (client_id, active);
CREATE UNIQUE INDEX client_addresses_one_default ON client_addresses (client_id) WHERE is_default = 1 AND active = 1;

CREATE TABLE client_preferences (
    client_id         INTEGER PRIMARY KEY REFERENCES users (id),
    notes_for_workers TEXT NOT NULL DEFAULT ''
);

-- Favourite and blocked workers per client (matching reads them).
CREATE TABLE client_worker_preferences (
    client_id INTEGER NOT NULL REFERENCES users (id),
    worker_id INTEGER NOT NULL REFERENCES users (id),
    kind      TEXT    NOT NULL CHECK (kind IN ('favourite', 'blocked')),
    PRIMARY KEY (client_id, worker_id)
) WITHOUT ROWID;

CREATE TABLE orders (
    id                     INTEGER PRIMARY KEY,
    client_id              INTEGER NOT NULL REFERENCES users (id),
    service_id             INTEGER NOT NULL REFERENCES services (id),
    worker_id              INTEGER REFERENCES users (id),
    address_id             INTEGER NOT NULL REFERENCES client_addresses (id),
    -- Frozen at creation: the address text, the duration and the quote.
    address_text           TEXT    NOT NULL,
    scheduled_at           TEXT    NOT NULL,
    duration_minutes       INTEGER NOT NULL,
    -- scheduled_at + duration, stored so overlap checks compare like with like.
    ends_at                TEXT    NOT NULL,
    status                 TEXT    NOT NULL CHECK (status IN ('new', 'offered', 'assigned', 'in_progress',
                               'reported', 'completed', 'unassigned', 'disputed', 'cancelled')),
    notes                  TEXT    NOT NULL DEFAULT '',
    currency               TEXT    NOT NULL,
    quote_json             TEXT    NOT NULL,
    total_minor            INTEGER NOT NULL CHECK (total_minor >= 0),
    kit_received_at        TEXT,
    cancellation_fee_minor INTEGER,
    cancel_reason          TEXT,
    dispute_reason         TEXT,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL
);
CREATE INDEX orders_client ON orders (client_id, scheduled_at);
CREATE INDEX orders_worker ON orders (worker_id, scheduled_at);
CREATE INDEX orders_status ON orders (status, scheduled_at);
CREATE INDEX orders_scheduled ON orders (scheduled_at);
CREATE INDEX orders_service ON orders (service_id, scheduled_at);

CREATE TABLE order_options (
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    option_id   INTEGER NOT NULL REFERENCES service_options (id),
    name_en     TEXT    NOT NULL,
    name_ru     TEXT    NOT NULL,
    price_minor INTEGER NOT NULL,
    PRIMARY KEY (order_id, option_id)
) WITHOUT ROWID;

-- The order's history: one row per transition, written in the transition's transaction.
-- `status` of an order always equals the `to_status` of its last event (`check` replays).
CREATE TABLE order_events (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    at          TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    actor_role  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    reason      TEXT,
    payload     TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX order_events_order ON order_events (order_id, id);
CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;
CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;

-- An offer of an order to one worker. At most one open offer per order.
CREATE TABLE order_offers (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    worker_id    INTEGER NOT NULL REFERENCES users (id),
    status       TEXT    NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
    source       TEXT    NOT NULL CHECK (source IN ('manager', 'matching')),
    offered_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    responded_at TEXT
);
CREATE UNIQUE INDEX order_offers_one_open ON order_offers (order_id) WHERE status = 'open';
CREATE INDEX order_offers_worker ON order_offers (worker_id, status);
CREATE INDEX order_offers_expiry ON order_offers (status, expires_at);

CREATE TABLE order_reports (
    order_id       INTEGER PRIMARY KEY REFERENCES orders (id),
    worker_id      INTEGER NOT NULL REFERENCES users (id),
    note           TEXT    NOT NULL,
    checklist_json TEXT    NOT NULL,
    submitted_at   TEXT    NOT NULL
);

-- Report attachments, stored under the data folder by content hash.
CREATE TABLE order_files (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    sha256       TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL,
    uploaded_by  INTEGER NOT NULL REFERENCES users (id),
    uploaded_at  TEXT    NOT NULL
);
CREATE INDEX order_files_order ON order_files (order_id);

-- The client's signed completion: what they saw (report hash), who, when, from where.
CREATE TABLE order_signatures (
    order_id         INTEGER PRIMARY KEY REFERENCES orders (id),
    signed_name      TEXT    NOT NULL,
    signature_sha256 TEXT    NOT NULL,
    report_sha256    TEXT    NOT NULL,
    rating           INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment          TEXT    NOT NULL DEFAULT '',
    signed_at        TEXT    NOT NULL,
    ip               TEXT    NOT NULL,
    user_agent       TEXT    NOT NULL
);
