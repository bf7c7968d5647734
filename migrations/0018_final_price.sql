-- The price an order is settled at when quality control lowers it after a dispute; the
-- frozen quote and total_minor keep what was ordered.
ALTER TABLE orders ADD COLUMN final_total_minor INTEGER CHECK (final_total_minor >= 0);

-- orders publishes the final price with the rest of an order's facts.
DROP VIEW order_facts;
CREATE VIEW order_facts AS
SELECT id, client_id, worker_id, service_id, address_id, address_text, scheduled_at,
       duration_minutes, ends_at, status, currency, total_minor, commission_bp,
       kit_received_at, cancellation_fee_minor, cancel_reason, dispute_reason,
       created_at, updated_at, final_total_minor
FROM orders;
