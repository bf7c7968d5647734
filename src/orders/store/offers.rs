//! Offers of an order to workers (`order_offers`): recording and closing them as the order's
//! steps decide, and the reads matching makes of them to choose the next worker.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::orders::model::OfferStatus;

/// Records an offer: `open` until `expires_at`, or already `accepted` (direct assignment).
#[allow(clippy::too_many_arguments)]
pub fn insert_offer(
    conn: &Connection,
    order_id: i64,
    worker_id: i64,
    source: &str,
    status: OfferStatus,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let responded = (status != OfferStatus::Open).then_some(now);
    conn.execute(
        "INSERT INTO order_offers (order_id, worker_id, status, source, offered_at, expires_at, responded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![order_id, worker_id, status, source, now, expires_at, responded],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Moves the order's offers that are in any of the `from` statuses to `to` (accepted,
/// declined, expired, withdrawn).
pub fn close_offers(
    conn: &Connection,
    order_id: i64,
    from: &[OfferStatus],
    to: OfferStatus,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    let mut changed = 0;
    for status in from {
        changed += conn.execute(
            "UPDATE order_offers SET status = ?3, responded_at = ?4 WHERE order_id = ?1 AND status = ?2",
            params![order_id, status, to, now],
        )?;
    }
    Ok(changed)
}

pub fn open_offer_expiry(
    conn: &Connection,
    order_id: i64,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    conn.query_row_cached(
        "SELECT expires_at FROM order_offers WHERE order_id = ?1 AND status = ?2",
        params![order_id, OfferStatus::Open],
        |r| r.get("expires_at"),
    )
    .optional()
}

// Read by matching.

/// Workers holding an open offer on another order that starts in `[earliest, busy_end)` and
/// ends after `busy_start`: an open offer holds the worker's time as firmly as a job does.
pub fn workers_with_open_offers(
    conn: &Connection,
    except_order: i64,
    earliest: DateTime<Utc>,
    busy_end: DateTime<Utc>,
    busy_start: DateTime<Utc>,
) -> rusqlite::Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.worker_id FROM order_offers f JOIN orders o ON o.id = f.order_id
         WHERE f.status = 'open' AND f.order_id <> ?1
           AND o.scheduled_at >= ?2 AND o.scheduled_at < ?3 AND o.ends_at > ?4",
    )?;
    stmt.query_map(params![except_order, earliest, busy_end, busy_start], |r| {
        r.get("worker_id")
    })?
    .collect()
}

/// Workers who declined the order's offer, let it expire, or withdrew from the order after
/// accepting it: none of them is offered it again.
pub fn workers_tried(
    conn: &Connection,
    order_id: i64,
) -> rusqlite::Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id FROM order_offers WHERE order_id = ?1 AND status IN ('declined', 'expired')
         UNION SELECT actor_id FROM order_events
         WHERE order_id = ?1 AND action = 'withdraw' AND actor_id IS NOT NULL",
    )?;
    stmt.query_map([order_id], |r| r.get("worker_id"))?
        .collect()
}

/// Whether the worker withdrew from this order once (they are not given it again).
pub fn withdrew_from(conn: &Connection, order_id: i64, worker_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM order_events
                        WHERE order_id = ?1 AND action = 'withdraw' AND actor_id = ?2)",
        params![order_id, worker_id],
        |r| r.get(0),
    )
}

/// Orders waiting for matching: `new` with no open offer.
pub fn orders_to_match(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id FROM orders o WHERE o.status = 'new'
           AND NOT EXISTS (SELECT 1 FROM order_offers f WHERE f.order_id = o.id AND f.status = 'open')
         ORDER BY o.scheduled_at, o.id LIMIT ?1",
    )?;
    stmt.query_map([limit], |r| r.get("id"))?.collect()
}

/// Orders whose open offer has run out.
pub fn expired_offers(
    conn: &Connection,
    now: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT order_id FROM order_offers WHERE status = 'open' AND expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2",
    )?;
    stmt.query_map(params![now, limit], |r| r.get("order_id"))?
        .collect()
}
