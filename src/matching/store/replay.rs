//! SQL for replay: the decisions of a window, and each worker's client ratings and QC scores
//! up to a moment (read through the published `order_ratings`, `order_facts` and `qc_scores`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::{DECISION_SELECT, DecisionRecord, decision_from_row};
use crate::matching::model::replay::{Tally, WorkerRecord};

/// The decisions taken in `[from, to)`, oldest first.
pub fn decisions_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<Vec<DecisionRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{DECISION_SELECT} WHERE d.at >= ?1 AND d.at < ?2 ORDER BY d.at, d.id"
    ))?;
    stmt.query_map(params![from, to], decision_from_row)?
        .collect()
}

fn tally(r: &rusqlite::Row) -> rusqlite::Result<(i64, Tally)> {
    Ok((
        r.get("worker_id")?,
        Tally {
            n: r.get("n")?,
            sum: r.get("total")?,
            sum_sq: r.get("squares")?,
        },
    ))
}

/// Every worker's ratings and QC scores given before `until`.
pub fn worker_records(
    conn: &Connection,
    until: DateTime<Utc>,
) -> rusqlite::Result<HashMap<i64, WorkerRecord>> {
    let mut records: HashMap<i64, WorkerRecord> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT f.worker_id, COUNT(*) AS n, CAST(SUM(r.rating) AS REAL) AS total,
                CAST(SUM(r.rating * r.rating) AS REAL) AS squares
         FROM order_ratings r JOIN order_facts f ON f.id = r.order_id
         WHERE f.worker_id IS NOT NULL AND r.signed_at < ?1 GROUP BY f.worker_id",
    )?;
    for row in stmt.query_map([until], tally)? {
        let (worker, t) = row?;
        records.entry(worker).or_default().rating = t;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id, COUNT(*) AS n, CAST(SUM(score) AS REAL) AS total,
                CAST(SUM(score * score) AS REAL) AS squares
         FROM qc_scores WHERE worker_id IS NOT NULL AND reviewed_at < ?1 GROUP BY worker_id",
    )?;
    for row in stmt.query_map([until], tally)? {
        let (worker, t) = row?;
        records.entry(worker).or_default().qc = t;
    }
    Ok(records)
}

/// Workers' names by id, for the report.
pub fn worker_names(conn: &Connection) -> rusqlite::Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM people WHERE role = 'worker'")?;
    stmt.query_map([], |r| Ok((r.get("id")?, r.get("name")?)))?
        .collect()
}
