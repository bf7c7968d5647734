//! SQL behind the insights and the workers' quality profiles: cancellations per service,
//! score averages, waits for a worker and disputes per client, over the published views;
//! short kits come from supply's own query.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::quality::model::ReviewStatus;
use crate::quality::model::insights::{Average, Averages, Insight, Score};

/// Services with at least `min_orders` orders since `from` of which at least `rate_percent`
/// % were cancelled, the worst rate first.
pub fn cancellations(
    conn: &Connection,
    from: DateTime<Utc>,
    min_orders: i64,
    rate_percent: i64,
) -> rusqlite::Result<Vec<Insight>> {
    // The window's orders by their time first (`+` keeps the grouping from walking every
    // order of each service instead), then the names of the few services.
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name_en, x.orders, x.cancelled
         FROM (SELECT service_id, COUNT(*) AS orders, SUM(status = 'cancelled') AS cancelled
               FROM order_facts WHERE created_at >= ?1 GROUP BY +service_id) x
         JOIN service_names s ON s.id = x.service_id
         WHERE x.orders >= ?2 AND x.cancelled * 100 >= ?3 * x.orders
         ORDER BY x.cancelled * 1.0 / x.orders DESC",
    )?;
    stmt.query_map(params![from, min_orders, rate_percent], |r| {
        Ok(Insight::Cancellations {
            service_id: r.get("id")?,
            service: r.get("name_en")?,
            orders: r.get("orders")?,
            cancelled: r.get("cancelled")?,
        })
    })?
    .collect()
}

/// Averages per worker in `[from, to)` as (count, centi-average).
pub fn averages(
    conn: &Connection,
    what: Score,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<Averages> {
    let sql = match what {
        Score::Rating => {
            "SELECT o.worker_id, COUNT(*) AS n, SUM(g.rating) * 100 / COUNT(*) AS centi
             FROM order_ratings g JOIN order_facts o ON o.id = g.order_id
             WHERE g.signed_at >= ?1 AND g.signed_at < ?2 AND o.worker_id IS NOT NULL
             GROUP BY o.worker_id"
        }
        Score::Qc => {
            "SELECT worker_id, COUNT(*) AS n, SUM(score) * 100 / COUNT(*) AS centi FROM qc_reviews
             WHERE status = ?3 AND reviewed_at >= ?1 AND reviewed_at < ?2 AND worker_id IS NOT NULL
             GROUP BY worker_id"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let row = |r: &rusqlite::Row| Ok((r.get("worker_id")?, (r.get("n")?, r.get("centi")?)));
    match what {
        Score::Rating => stmt.query_map(params![from, to], row)?.collect(),
        Score::Qc => stmt
            .query_map(params![from, to, ReviewStatus::Done], row)?
            .collect(),
    }
}

/// One worker's average in `[from, to)`.
pub fn average(
    conn: &Connection,
    worker_id: i64,
    what: Score,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<Average> {
    let row = |r: &rusqlite::Row| {
        Ok(Average {
            count: r.get("n")?,
            centi: r.get("centi")?,
        })
    };
    match what {
        Score::Rating => conn.query_row_cached(
            "SELECT COUNT(*) AS n, SUM(g.rating) * 100 / COUNT(*) AS centi
             FROM order_ratings g JOIN order_facts o ON o.id = g.order_id
             WHERE o.worker_id = ?1 AND g.signed_at >= ?2 AND g.signed_at < ?3",
            params![worker_id, from, to],
            row,
        ),
        Score::Qc => conn.query_row_cached(
            "SELECT COUNT(*) AS n, SUM(score) * 100 / COUNT(*) AS centi FROM qc_reviews
             WHERE worker_id = ?1 AND status = ?4 AND reviewed_at >= ?2 AND reviewed_at < ?3",
            params![worker_id, from, to, ReviewStatus::Done],
            row,
        ),
    }
}

/// A person's name.
pub fn name(conn: &Connection, id: i64) -> rusqlite::Result<String> {
    conn.query_row_cached("SELECT name FROM people WHERE id = ?1", [id], |r| {
        r.get("name")
    })
}

/// Orders placed since `from` with the time of their first assignment.
pub fn first_assignments(
    conn: &Connection,
    from: DateTime<Utc>,
) -> rusqlite::Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    // The window's orders by their time, each with its first assignment from the index of
    // assignments (a join grouped by order walked every order ever placed). Orders never
    // assigned are dropped here: a filter in SQL would look each one up twice.
    let mut stmt = conn.prepare_cached(
        "SELECT o.created_at,
                (SELECT MIN(e.at) FROM order_history e
                 WHERE e.order_id = o.id AND e.to_status = 'assigned') AS assigned_at
         FROM order_facts o WHERE o.created_at >= ?1",
    )?;
    let rows = stmt.query_map([from], |r| {
        let assigned: Option<DateTime<Utc>> = r.get("assigned_at")?;
        Ok(assigned.map(|at| (r.get("created_at"), at)))
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let Some((created, assigned)) = row? {
            out.push((created?, assigned));
        }
    }
    Ok(out)
}

/// Clients with at least `min` orders disputed since `from`, the most first.
pub fn disputes(
    conn: &Connection,
    from: DateTime<Utc>,
    min: i64,
) -> rusqlite::Result<Vec<Insight>> {
    // The window's disputes first (CROSS JOIN keeps that order), then their orders.
    let mut stmt = conn.prepare_cached(
        "SELECT o.client_id, u.name, COUNT(DISTINCT o.id) AS disputes
         FROM order_history e CROSS JOIN order_facts o ON o.id = e.order_id
         JOIN people u ON u.id = o.client_id
         WHERE e.to_status = 'disputed' AND e.at >= ?1 GROUP BY o.client_id
         HAVING COUNT(DISTINCT o.id) >= ?2 ORDER BY COUNT(DISTINCT o.id) DESC",
    )?;
    stmt.query_map(params![from, min], |r| {
        Ok(Insight::Disputes {
            client_id: r.get("client_id")?,
            client: r.get("name")?,
            disputes: r.get("disputes")?,
        })
    })?
    .collect()
}
