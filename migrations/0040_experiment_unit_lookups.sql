-- orders: whether one order was ever disputed, by its id. The experiments' results job asks
-- this of every unit; the only other index of disputes leads with the time, and with
-- statistics gathered while disputes were rare SQLite walked all of it once per unit (a
-- 90-day experiment on five years took minutes instead of a second).
CREATE INDEX order_events_order_disputed ON order_events (order_id, to_status)
WHERE to_status = 'disputed';
