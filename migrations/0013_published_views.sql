-- Published views: the read-only shapes a context offers the others to JOIN against, so
-- queries that need a name or an order's facts beside their own rows stay one indexed query
-- without reaching into another context's tables. A simple view is flattened by SQLite's
-- planner, so joins through it use the owner's indexes. The owner keeps each view's columns
-- stable when its tables change; the architecture test allows these and no other tables
-- across contexts.

-- auth: who people are (no password hashes, no sessions).
CREATE VIEW people AS
SELECT id, email, name, role, language, active, created_at
FROM users;

-- catalogue: what each service is called and needs.
CREATE VIEW service_names AS
SELECT id, code, name_en, name_ru, skill, duration_minutes, base_price_minor, active
FROM services;

-- orders: an order's facts (not its notes, options or quote).
CREATE VIEW order_facts AS
SELECT id, client_id, worker_id, service_id, address_id, address_text, scheduled_at,
       duration_minutes, ends_at, status, currency, total_minor, commission_bp,
       kit_received_at, cancellation_fee_minor, cancel_reason, dispute_reason,
       created_at, updated_at
FROM orders;

-- orders: the order's history, one row per transition.
CREATE VIEW order_history AS
SELECT id, order_id, at, actor_id, actor_role, action, from_status, to_status, reason
FROM order_events;

-- orders: the client's rating and comment given when signing.
CREATE VIEW order_ratings AS
SELECT order_id, rating, comment, signed_at
FROM order_signatures;
