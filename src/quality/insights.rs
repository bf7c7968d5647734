//! The insights page's rules: recommendations computed from the data, each with its numbers
//! and a link to the rows behind it. Thresholds come from the settings.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, params};

use crate::config::InsightThresholds;

/// Fewer ratings or QC scores than this in a window say nothing about a trend.
pub const MIN_SCORES: i64 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Insight {
    /// A service whose orders are often cancelled.
    Cancellations {
        service_id: i64,
        service: String,
        orders: i64,
        cancelled: i64,
    },
    /// A worker's average client rating or QC score fell (centi-points, window on window).
    FallingScore {
        worker_id: i64,
        worker: String,
        what: Score,
        before_centi: i64,
        now_centi: i64,
        count: i64,
    },
    /// Kits for a service that could not be packed for lack of stock.
    Shortages {
        service_id: i64,
        service: String,
        short_kits: i64,
    },
    /// Orders placed at this hour (business time) wait long for a worker.
    SlowMatching {
        hour: u32,
        orders: i64,
        avg_minutes: i64,
    },
    /// A client who disputes often.
    Disputes {
        client_id: i64,
        client: String,
        disputes: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Score {
    Rating,
    Qc,
}

/// Every rule over the window ending `now`.
pub fn compute(
    conn: &Connection,
    t: &InsightThresholds,
    tz: Tz,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let from = now - Duration::days(t.window_days);
    let mut out = cancellations(conn, t, from)?;
    out.extend(falling_scores(conn, t, from, now)?);
    out.extend(shortages(conn, t, from)?);
    out.extend(slow_matching(conn, t, tz, from)?);
    out.extend(disputes(conn, t, from)?);
    Ok(out)
}

fn cancellations(
    conn: &Connection,
    t: &InsightThresholds,
    from: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.name_en, COUNT(*), SUM(o.status = 'cancelled') FROM orders o
         JOIN services s ON s.id = o.service_id WHERE o.created_at >= ?1
         GROUP BY s.id HAVING COUNT(*) >= ?2 AND SUM(o.status = 'cancelled') * 100 >= ?3 * COUNT(*)
         ORDER BY SUM(o.status = 'cancelled') * 1.0 / COUNT(*) DESC",
    )?;
    stmt.query_map(params![from, t.min_orders, t.cancel_rate_percent], |r| {
        Ok(Insight::Cancellations {
            service_id: r.get(0)?,
            service: r.get(1)?,
            orders: r.get(2)?,
            cancelled: r.get(3)?,
        })
    })?
    .collect()
}

/// Averages per worker in `[from, to)` as (count, centi-average).
fn averages(
    conn: &Connection,
    what: Score,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<BTreeMap<i64, (i64, i64)>> {
    let sql = match what {
        Score::Rating => "SELECT o.worker_id, COUNT(*), SUM(g.rating) * 100 / COUNT(*) FROM order_signatures g
                          JOIN orders o ON o.id = g.order_id
                          WHERE g.signed_at >= ?1 AND g.signed_at < ?2 AND o.worker_id IS NOT NULL GROUP BY o.worker_id",
        Score::Qc => "SELECT worker_id, COUNT(*), SUM(score) * 100 / COUNT(*) FROM qc_reviews
                      WHERE status = 'done' AND reviewed_at >= ?1 AND reviewed_at < ?2 AND worker_id IS NOT NULL GROUP BY worker_id",
    };
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map(params![from, to], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
    })?
    .collect()
}

fn falling_scores(
    conn: &Connection,
    t: &InsightThresholds,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let before_from = from - Duration::days(t.window_days);
    let mut out = Vec::new();
    for what in [Score::Rating, Score::Qc] {
        let before = averages(conn, what, before_from, from)?;
        for (worker_id, (count, now_centi)) in averages(conn, what, from, now)? {
            let Some(&(before_count, before_centi)) = before.get(&worker_id) else {
                continue;
            };
            if count >= MIN_SCORES
                && before_count >= MIN_SCORES
                && before_centi - now_centi >= t.score_drop_tenths * 10
            {
                let worker =
                    conn.query_row("SELECT name FROM users WHERE id = ?1", [worker_id], |r| {
                        r.get(0)
                    })?;
                out.push(Insight::FallingScore {
                    worker_id,
                    worker,
                    what,
                    before_centi,
                    now_centi,
                    count,
                });
            }
        }
    }
    Ok(out)
}

fn shortages(
    conn: &Connection,
    t: &InsightThresholds,
    from: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.name_en, COUNT(*) FROM packs p JOIN orders o ON o.id = p.order_id
         JOIN services s ON s.id = o.service_id
         WHERE p.short_notified = 1 AND p.created_at >= ?1 GROUP BY s.id HAVING COUNT(*) >= ?2 ORDER BY COUNT(*) DESC",
    )?;
    stmt.query_map(params![from, t.shortages], |r| {
        Ok(Insight::Shortages {
            service_id: r.get(0)?,
            service: r.get(1)?,
            short_kits: r.get(2)?,
        })
    })?
    .collect()
}

/// Minutes from placing an order to its first assignment, by the business-time hour it was
/// placed; hours with enough orders and a long average wait are reported.
pub fn matching_by_hour(
    conn: &Connection,
    tz: Tz,
    from: DateTime<Utc>,
) -> rusqlite::Result<BTreeMap<u32, (i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT o.created_at, MIN(e.at) FROM orders o JOIN order_events e ON e.order_id = o.id AND e.to_status = 'assigned'
         WHERE o.created_at >= ?1 GROUP BY o.id",
    )?;
    let mut by_hour: BTreeMap<u32, (i64, i64)> = BTreeMap::new();
    for row in stmt.query_map([from], |r| {
        Ok((r.get::<_, DateTime<Utc>>(0)?, r.get::<_, DateTime<Utc>>(1)?))
    })? {
        let (placed, assigned) = row?;
        let slot = by_hour.entry(placed.with_timezone(&tz).hour()).or_default();
        slot.0 += 1;
        slot.1 += (assigned - placed).num_minutes().max(0);
    }
    Ok(by_hour
        .into_iter()
        .map(|(h, (n, total))| (h, (n, total / n)))
        .collect())
}

fn slow_matching(
    conn: &Connection,
    t: &InsightThresholds,
    tz: Tz,
    from: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    Ok(matching_by_hour(conn, tz, from)?
        .into_iter()
        .filter(|(_, (n, avg))| *n >= t.min_orders && *avg >= t.match_minutes)
        .map(|(hour, (orders, avg_minutes))| Insight::SlowMatching {
            hour,
            orders,
            avg_minutes,
        })
        .collect())
}

fn disputes(
    conn: &Connection,
    t: &InsightThresholds,
    from: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let mut stmt = conn.prepare(
        "SELECT o.client_id, u.name, COUNT(DISTINCT o.id) FROM order_events e JOIN orders o ON o.id = e.order_id
         JOIN users u ON u.id = o.client_id
         WHERE e.to_status = 'disputed' AND e.at >= ?1 GROUP BY o.client_id HAVING COUNT(DISTINCT o.id) >= ?2
         ORDER BY COUNT(DISTINCT o.id) DESC",
    )?;
    stmt.query_map(params![from, t.disputes], |r| {
        Ok(Insight::Disputes {
            client_id: r.get(0)?,
            client: r.get(1)?,
            disputes: r.get(2)?,
        })
    })?
    .collect()
}

#[cfg(test)]
mod tests;
