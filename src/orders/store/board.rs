//! What the dispatch board reads of orders: the jobs held or offered by a page of workers in a
//! period, and the period's orders still without a worker. Both are bounded by the period
//! and read through the orders' worker and status indexes.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::orders::model::Status;
use crate::orders::store::{ORDER_SELECT, Order, order_from_row};

/// What narrows the board's orders beyond the period.
#[derive(Debug, Clone, Default)]
pub struct BoardFilter {
    pub status: Option<Status>,
    /// Orders whose service needs this skill.
    pub skill: Option<String>,
    /// Part of the order's address, matched case-insensitively.
    pub area: Option<String>,
}

/// An order on the board and the worker it is offered to while the offer is open.
#[derive(Debug, Clone)]
pub struct BoardOrder {
    pub order: Order,
    pub offered_to: Option<i64>,
}

const OFFERED_TO: &str = "(SELECT f.worker_id FROM order_offers f
                            WHERE f.order_id = o.id AND f.status = 'open') AS offered_to";

/// Each clause is true when its parameter is NULL, so one statement serves every filter.
const NARROWING: &str = "(?3 IS NULL OR o.status = ?3)
     AND (?4 IS NULL OR o.service_id IN (SELECT id FROM service_names WHERE skill = ?4))
     AND (?5 IS NULL OR o.address_text LIKE '%' || ?5 || '%' ESCAPE '\\')";

fn like_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn read(r: &rusqlite::Row) -> rusqlite::Result<BoardOrder> {
    Ok(BoardOrder {
        order: order_from_row(r)?,
        offered_to: r.get("offered_to")?,
    })
}

/// The orders `workers` hold, and those offered to them, overlapping `[from, to)`; cancelled
/// ones are left out unless asked for by status.
pub fn on_workers(
    conn: &Connection,
    workers: &[i64],
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    f: &BoardFilter,
) -> rusqlite::Result<Vec<BoardOrder>> {
    let ids = serde_json::to_string(workers).expect("ids serialize");
    let status = f.status.map(Status::as_str);
    let cancelled = if f.status == Some(Status::Cancelled) {
        ""
    } else {
        "AND o.status <> 'cancelled'"
    };
    // No job lasts a day, so a job overlapping the period starts at most a day before it:
    // the lower bound keeps the worker index's range to the period, not the whole history.
    let sql = format!(
        "{} WHERE o.id IN (
               SELECT id FROM orders
               WHERE worker_id IN (SELECT value FROM json_each(?6))
                 AND scheduled_at >= ?7 AND scheduled_at < ?2 AND ends_at > ?1
               UNION
               SELECT f.order_id FROM order_offers f JOIN orders x ON x.id = f.order_id
               WHERE f.status = 'open' AND f.worker_id IN (SELECT value FROM json_each(?6))
                 AND x.scheduled_at < ?2 AND x.ends_at > ?1)
             {cancelled} AND {NARROWING}
         ORDER BY o.scheduled_at, o.id",
        with_offer(),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map(
        params![
            from,
            to,
            status,
            f.skill,
            f.area.as_deref().map(like_text),
            ids,
            from - chrono::Duration::days(1)
        ],
        read,
    )?
    .collect()
}

fn with_offer() -> String {
    ORDER_SELECT.replacen(
        " FROM orders o",
        &format!(", {OFFERED_TO} FROM orders o"),
        1,
    )
}

/// The period's orders waiting for a worker (`new`, `offered`, `unassigned`), soonest first:
/// the first `limit` and how many there are.
pub fn open_between(
    conn: &Connection,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    f: &BoardFilter,
    limit: i64,
) -> rusqlite::Result<(Vec<BoardOrder>, i64)> {
    let waiting = "o.status IN ('new', 'offered', 'unassigned')
                   AND o.scheduled_at >= ?1 AND o.scheduled_at < ?2";
    let status = f.status.map(Status::as_str);
    let area = f.area.as_deref().map(like_text);
    let mut stmt = conn.prepare_cached(&format!(
        "{} WHERE {waiting} AND {NARROWING} ORDER BY o.scheduled_at, o.id LIMIT ?6",
        with_offer(),
    ))?;
    let rows = stmt
        .query_map(params![from, to, status, f.skill, area, limit], read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM orders o WHERE {waiting} AND {NARROWING}"
        ))?
        .query_row(params![from, to, status, f.skill, area], |r| r.get(0))?;
    Ok((rows, total))
}
