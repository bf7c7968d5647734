//! Orders that are visits of a series: the mark on the order, and what the schedule and
//! matching read of a series' visits.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::db::QueryRowCached;
use crate::orders::model::Status;

/// Marks an order as the visit of `series_id` on its rule date `on`.
pub fn mark(
    conn: &Connection,
    order_id: i64,
    series_id: i64,
    on: NaiveDate,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET series_id = ?2, series_on = ?3 WHERE id = ?1",
        params![order_id, series_id, on.to_string()],
    )?;
    Ok(())
}

/// One placed visit of a series.
#[derive(Debug, Clone)]
pub struct SeriesOrder {
    pub order_id: i64,
    pub on: NaiveDate,
    pub scheduled_at: DateTime<Utc>,
    pub status: Status,
    pub worker_id: Option<i64>,
}

/// Every order of a series, by rule date.
pub fn visits(conn: &Connection, series_id: i64) -> rusqlite::Result<Vec<SeriesOrder>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, series_on, scheduled_at, status, worker_id FROM orders
         WHERE series_id = ?1 ORDER BY series_on",
    )?;
    let rows = stmt.query_map([series_id], |r| {
        let on: String = r.get("series_on")?;
        Ok(SeriesOrder {
            order_id: r.get("id")?,
            on: on.parse().unwrap_or_default(),
            scheduled_at: r.get("scheduled_at")?,
            status: r.get("status")?,
            worker_id: r.get("worker_id")?,
        })
    })?;
    rows.collect()
}

/// Whether the visit of `series_id` on `on` already has its order.
pub fn placed(conn: &Connection, series_id: i64, on: NaiveDate) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE series_id = ?1 AND series_on = ?2)",
        params![series_id, on.to_string()],
        |r| r.get(0),
    )
}

/// The series an order is a visit of.
pub fn series_of(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT series_id FROM orders WHERE id = ?1",
        [order_id],
        |r| r.get(0),
    )
    .optional()
    .map(Option::flatten)
}

/// The worker the client knows from a series: who did its most recent completed visit before
/// this order, or failing that who holds its most recent assigned one. `None` for an order
/// outside a series.
pub fn last_worker(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT o.worker_id FROM orders o JOIN orders this ON this.id = ?1
         WHERE o.series_id = this.series_id AND o.id <> this.id AND o.worker_id IS NOT NULL
           AND o.status IN ('completed', 'assigned', 'in_progress', 'reported')
           AND o.scheduled_at < this.scheduled_at
         ORDER BY o.status = 'completed' DESC, o.scheduled_at DESC LIMIT 1",
        [order_id],
        |r| r.get(0),
    )
    .optional()
}
