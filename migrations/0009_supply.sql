-- Supply: consumables and their append-only movement history, bills of materials, kit packs
-- with their fortune cookie, handover records and workers' requests for extra consumables.

CREATE TABLE consumables (
    id            INTEGER PRIMARY KEY,
    sku           TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    unit          TEXT    NOT NULL,
    -- Maintained only by the trigger below from stock_movements, so it always equals their
    -- sum; the CHECK makes a movement that would take stock below zero fail as a whole.
    on_hand       INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reorder_level INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
    -- Set when managers were told stock fell to the reorder level; cleared when it rises
    -- above, so they hear once per crossing.
    low_notified  INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL
);

-- Every change of stock. `quantity` is signed: receipts and returns add, packs and extras
-- take. Never updated or deleted: corrections are new adjustment rows with a reason.
CREATE TABLE stock_movements (
    id            INTEGER PRIMARY KEY,
    consumable_id INTEGER NOT NULL REFERENCES consumables (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('receipt', 'pack', 'adjustment', 'return', 'extra')),
    quantity      INTEGER NOT NULL CHECK (quantity <> 0),
    reason        TEXT    NOT NULL DEFAULT '',
    order_id      INTEGER REFERENCES orders (id),
    actor_id      INTEGER REFERENCES users (id),
    created_at    TEXT    NOT NULL
);
CREATE INDEX stock_movements_consumable ON stock_movements (consumable_id, id);
CREATE INDEX stock_movements_order ON stock_movements (order_id) WHERE order_id IS NOT NULL;

CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
BEGIN
    UPDATE consumables SET on_hand = on_hand + NEW.quantity WHERE id = NEW.consumable_id;
END;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;

-- Bill of materials: what one order of a service takes from stock.
CREATE TABLE service_materials (
    service_id    INTEGER NOT NULL REFERENCES services (id),
    consumable_id INTEGER NOT NULL REFERENCES consumables (id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (service_id, consumable_id)
);

-- One kit per order. pending → (reserve) reserved | short → (cookie) packed → issued;
-- any of them → cancelled. The cookie call is retried with the backoff kept here.
CREATE TABLE packs (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL UNIQUE REFERENCES orders (id),
    worker_id        INTEGER REFERENCES users (id),
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'short', 'reserved', 'packed', 'issued', 'cancelled')),
    items_json       TEXT    NOT NULL DEFAULT '[]',
    cookie_id        TEXT,
    cookie_text      TEXT,
    fallback_cookie  INTEGER NOT NULL DEFAULT 0,
    bakery_attempts  INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    last_error       TEXT,
    short_notified   INTEGER NOT NULL DEFAULT 0,
    reserved_at      TEXT,
    packed_at        TEXT,
    packed_by        TEXT,
    issued_at        TEXT,
    issued_by        INTEGER REFERENCES users (id),
    created_at       TEXT    NOT NULL
);
CREATE INDEX packs_due ON packs (status, next_attempt_at)
    WHERE status IN ('pending', 'short', 'reserved');

-- Who received what, when, from whom: one row per item handed over (the cookie included).
CREATE TABLE kit_handovers (
    id          INTEGER PRIMARY KEY,
    pack_id     INTEGER NOT NULL REFERENCES packs (id),
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    worker_id   INTEGER NOT NULL REFERENCES users (id),
    item        TEXT    NOT NULL,
    quantity    INTEGER NOT NULL,
    issued_by   INTEGER REFERENCES users (id),
    issued_role TEXT    NOT NULL,
    issued_at   TEXT    NOT NULL
);
CREATE INDEX kit_handovers_order ON kit_handovers (order_id);
CREATE TRIGGER kit_handovers_no_update BEFORE UPDATE ON kit_handovers
BEGIN SELECT RAISE(ABORT, 'kit_handovers is append-only'); END;
CREATE TRIGGER kit_handovers_no_delete BEFORE DELETE ON kit_handovers
BEGIN SELECT RAISE(ABORT, 'kit_handovers is append-only'); END;

-- A worker's request for more of a consumable on a job; a manager approves (stock moves
-- as an `extra` movement) or refuses with a reason.
CREATE TABLE extra_requests (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL REFERENCES orders (id),
    worker_id     INTEGER NOT NULL REFERENCES users (id),
    consumable_id INTEGER NOT NULL REFERENCES consumables (id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    note          TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
    decided_by    INTEGER REFERENCES users (id),
    decided_at    TEXT,
    refuse_reason TEXT,
    created_at    TEXT    NOT NULL
);
CREATE INDEX extra_requests_status ON extra_requests (status, id);
CREATE INDEX extra_requests_order ON extra_requests (order_id);

-- Orders already assigned when supply arrived get their kit packed like new ones.
INSERT INTO packs (order_id, worker_id, status, created_at)
SELECT id, worker_id, 'pending', created_at FROM orders WHERE status = 'assigned';
