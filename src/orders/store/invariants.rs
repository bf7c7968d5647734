//! What `check` verifies about orders: each status is the replay of its events, the event
//! chain never skips, no worker holds overlapping jobs, and every assigned order has exactly
//! one accepted offer, its worker's; the counts kept per status equal the rows.

use rusqlite::Connection;

pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.status, (SELECT to_status FROM order_events e WHERE e.order_id = o.id ORDER BY e.id DESC LIMIT 1)
         FROM orders o
         WHERE o.status IS NOT (SELECT to_status FROM order_events e WHERE e.order_id = o.id ORDER BY e.id DESC LIMIT 1)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, status, replayed) = row?;
        found.push(format!(
            "orders: order {id} is `{status}` but its events end at `{}`",
            replayed.as_deref().unwrap_or("nothing")
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT order_id, id, from_status, prev_to FROM (
             SELECT order_id, id, from_status, LAG(to_status) OVER (PARTITION BY order_id ORDER BY id) AS prev_to
             FROM order_events)
         WHERE from_status IS NOT prev_to",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (order, event) = row?;
        found.push(format!("order_events: event {event} of order {order} does not start where the previous one ended"));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT a.worker_id, a.id, b.id FROM orders a JOIN orders b
           ON a.worker_id = b.worker_id AND a.id < b.id AND a.scheduled_at < b.ends_at AND b.scheduled_at < a.ends_at
         WHERE a.status IN ('assigned', 'in_progress', 'reported') AND b.status IN ('assigned', 'in_progress', 'reported')",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (worker, a, b) = row?;
        found.push(format!(
            "orders: worker {worker} holds overlapping orders {a} and {b}"
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, (SELECT COUNT(*) FROM order_offers f WHERE f.order_id = o.id AND f.status = 'accepted' AND f.worker_id = o.worker_id),
                (SELECT COUNT(*) FROM order_offers f WHERE f.order_id = o.id AND f.status = 'accepted')
         FROM orders o WHERE o.status IN ('assigned', 'in_progress', 'reported')",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (order, for_worker, all) = row?;
        if (for_worker, all) != (1, 1) {
            found.push(format!("order_offers: assigned order {order} has {all} accepted offers ({for_worker} for its worker), not exactly one"));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT s.status, s.orders, COUNT(o.id) AS counted
         FROM (SELECT status FROM order_status_counts UNION SELECT status FROM orders) k
         LEFT JOIN order_status_counts s ON s.status = k.status
         LEFT JOIN orders o ON o.status = k.status
         GROUP BY k.status HAVING COALESCE(s.orders, 0) <> COUNT(o.id)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (status, kept, counted) = row?;
        found.push(format!(
            "orders: the count kept for `{}` says {} but {counted} orders are in it",
            status.unwrap_or_default(),
            kept.unwrap_or(0)
        ));
    }
    Ok(found)
}

/// No worker who withdrew from an order is offered or given it again: every offer to them
/// made at or after the withdrawal, other than the one the withdrawal closed, is named.
pub fn withdrawals(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT f.order_id, f.worker_id FROM order_events e
         JOIN order_offers f ON f.order_id = e.order_id AND f.worker_id = e.actor_id
         WHERE e.action = 'withdraw' AND f.offered_at >= e.at
           AND NOT (f.status = 'withdrawn' AND f.responded_at = e.at)
         ORDER BY f.order_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    rows.map(|row| {
        row.map(|(order, worker)| {
            format!("orders: worker {worker} withdrew from order {order} and was offered it again")
        })
    })
    .collect()
}
