-- schedule: what became of each visit's reminder, for the order pages (orders sits below the
-- schedule and cannot call it). Read-only; the schedule alone writes `order_reminders`.
CREATE VIEW order_reminder_facts AS
SELECT order_id, scheduled_at, outcome, decided_at
FROM order_reminders;
