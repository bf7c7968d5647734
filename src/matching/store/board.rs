//! SQL of the open job board: the orders a manager opened to volunteers (`job_board`) and the
//! board's listing.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::db::QueryRowCached;

pub fn is_opened(conn: &Connection, order_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM job_board WHERE order_id = ?1)",
        [order_id],
        |r| r.get(0),
    )
}

pub fn close(conn: &Connection, order_id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM job_board WHERE order_id = ?1", [order_id])?;
    Ok(())
}

/// Orders on the board, soonest first: unassigned ones, and new or unassigned ones a manager
/// opened, whose slot has not begun.
pub fn listed(conn: &Connection, now: DateTime<Utc>, limit: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id FROM order_facts o
         WHERE o.scheduled_at > ?1
           AND (o.status = 'unassigned'
                OR (o.status = 'new' AND EXISTS (SELECT 1 FROM job_board b WHERE b.order_id = o.id)))
         ORDER BY o.scheduled_at, o.id LIMIT ?2",
    )?;
    stmt.query_map(params![now, limit], |r| r.get("id"))?
        .collect()
}

/// Opens the order to volunteers; false when it was open already.
pub fn open(
    tx: &Connection,
    order_id: i64,
    manager_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(tx.execute(
        "INSERT INTO job_board (order_id, opened_by, opened_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (order_id) DO NOTHING",
        params![order_id, manager_id, now],
    )? > 0)
}
