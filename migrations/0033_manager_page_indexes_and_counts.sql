-- Indexes behind the managers' pages on years of history (found with EXPLAIN QUERY PLAN on
-- five years at 1,000 orders a day).

-- The orders table sorted by total: without it every page sorted all the orders.
CREATE INDEX orders_total ON orders (total_minor);

-- Insights' cancellations per service over the window: the window's orders are read from
-- the index alone, never from the (wide) rows. `id` right after the time keeps this index in
-- the (created_at, id) order the orders export pages by, should the planner pick it there.
CREATE INDEX orders_created_service ON orders (created_at, id, service_id, status);
-- It serves everything the plain index on the time served (same leading column, same order);
-- with both, SQLite picked the narrower one and read the rows.
DROP INDEX orders_created;

-- Insights' waits for a worker: an order's first assignment, from the index alone. The
-- partial indexes carry `to_status` too: without it SQLite reads each row to check the
-- condition the index already guarantees.
CREATE INDEX order_events_assigned ON order_events (order_id, at, to_status)
WHERE to_status = 'assigned';

-- Insights' disputes in the window.
CREATE INDEX order_events_disputed ON order_events (at, order_id, to_status)
WHERE to_status = 'disputed';

-- Insights' rating averages over a window, without reading the signature rows.
CREATE INDEX order_signatures_signed_rating ON order_signatures (signed_at, order_id, rating);
DROP INDEX order_signatures_signed;

-- Insights' short kits over the window: the few packs that ran short, by time (the join
-- from the services walked every order of each service).
CREATE INDEX packs_short ON packs (created_at) WHERE short_notified = 1;

-- The QC queue's order (open reviews first, then by due date) for every status at once,
-- so a page of it reads only its rows.
CREATE INDEX qc_reviews_queue ON qc_reviews ((status = 'done'), due_at);

-- How many orders are in each status, kept by triggers in the same transaction as the
-- change: the orders table's count for no filter or a status alone (a million completed
-- orders took a hundred milliseconds to count on every page). `check` compares it with a
-- count of the rows.
CREATE TABLE order_status_counts (
    status TEXT    PRIMARY KEY,
    orders INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO order_status_counts (status, orders) SELECT status, COUNT(*) FROM orders GROUP BY status;

CREATE TRIGGER order_status_counts_insert AFTER INSERT ON orders
BEGIN
    INSERT INTO order_status_counts (status, orders) VALUES (NEW.status, 1)
    ON CONFLICT (status) DO UPDATE SET orders = orders + 1;
END;

CREATE TRIGGER order_status_counts_update AFTER UPDATE OF status ON orders
WHEN OLD.status IS NOT NEW.status
BEGIN
    UPDATE order_status_counts SET orders = orders - 1 WHERE status = OLD.status;
    INSERT INTO order_status_counts (status, orders) VALUES (NEW.status, 1)
    ON CONFLICT (status) DO UPDATE SET orders = orders + 1;
END;

CREATE TRIGGER order_status_counts_delete AFTER DELETE ON orders
BEGIN
    UPDATE order_status_counts SET orders = orders - 1 WHERE status = OLD.status;
END;
