//! SQL of the calendar feeds: the orders a worker's or the managers' feed shows.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::{ORDER_SELECT, Order, order_from_row};
use crate::orders::model::feeds::Scope;

/// How far back a feed reaches: recent history, so a calendar keeps last week's jobs.
const WORKER_DAYS_BACK: i64 = 30;
const ALL_DAYS_BACK: i64 = 7;
/// A bound on a feed's size; at 10,000 orders a day the managers' feed would otherwise
/// carry months of events on every poll.
const MAX_EVENTS: i64 = 5_000;

/// The orders a feed shows, soonest first: a worker's taken jobs (not offers, not cancelled
/// ones) from a month back; for managers every order not cancelled from a week back.
pub fn feed_orders(
    conn: &Connection,
    scope: Scope,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Order>> {
    let (filter, since, worker) = match scope {
        Scope::Worker(id) => (
            "o.worker_id = ?2 AND o.status IN ('assigned', 'in_progress', 'reported', 'completed', 'disputed')",
            now - Duration::days(WORKER_DAYS_BACK),
            Some(id),
        ),
        Scope::All => (
            "(?2 IS NULL) AND o.status <> 'cancelled'",
            now - Duration::days(ALL_DAYS_BACK),
            None,
        ),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE o.scheduled_at >= ?1 AND {filter} ORDER BY o.scheduled_at LIMIT ?3"
    ))?;
    stmt.query_map(rusqlite::params![since, worker, MAX_EVENTS], order_from_row)?
        .collect()
}
