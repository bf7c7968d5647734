//! When an order's slot was set, and what became of the reminder of its present slot (read
//! through the schedule's published view).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::db::RowInstant;

/// When order `order_id`'s present slot was set: its latest `create` or `reschedule` event.
pub fn slot_set_at(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<DateTime<Utc>>> {
    conn.prepare_cached(
        "SELECT at FROM order_events
         WHERE order_id = ?1 AND action IN ('create', 'reschedule')
         ORDER BY id DESC LIMIT 1",
    )?
    .query_row([order_id], |r| r.instant(0))
    .optional()
}

/// The reminder of the order's present slot: `(outcome, decided_at)`, or `None` while it is
/// not decided. Compared as stored, so a slot matches its reminder whatever the text's form.
pub fn reminder_of_slot(
    conn: &Connection,
    order_id: i64,
) -> rusqlite::Result<Option<(String, DateTime<Utc>)>> {
    conn.prepare_cached(
        "SELECT r.outcome, r.decided_at FROM order_reminder_facts r
         JOIN orders o ON o.id = r.order_id AND o.scheduled_at = r.scheduled_at
         WHERE r.order_id = ?1",
    )?
    .query_row([order_id], |r| Ok((r.get(0)?, r.instant(1)?)))
    .optional()
}
