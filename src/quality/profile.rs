//! A worker's quality profile: QC and client-rating averages overall and over the last two
//! windows (the trend), with their recent fines and bonuses.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, params};

use super::insights::Score;

/// An average in centi-points with the number of scores behind it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Average {
    pub count: i64,
    pub centi: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct Trend {
    pub overall: Average,
    pub previous: Average,
    pub recent: Average,
}

impl Trend {
    /// Change from the previous window to the recent one, when both have scores.
    pub fn change_centi(&self) -> Option<i64> {
        Some(self.recent.centi? - self.previous.centi?)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub worker_id: i64,
    pub qc: Trend,
    pub rating: Trend,
}

fn average(
    conn: &Connection,
    worker_id: i64,
    what: Score,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<Average> {
    let sql = match what {
        Score::Rating => "SELECT COUNT(*), SUM(g.rating) * 100 / COUNT(*) FROM order_signatures g JOIN orders o ON o.id = g.order_id
                          WHERE o.worker_id = ?1 AND g.signed_at >= ?2 AND g.signed_at < ?3",
        Score::Qc => "SELECT COUNT(*), SUM(score) * 100 / COUNT(*) FROM qc_reviews
                      WHERE worker_id = ?1 AND status = 'done' AND reviewed_at >= ?2 AND reviewed_at < ?3",
    };
    conn.query_row(sql, params![worker_id, from, to], |r| {
        Ok(Average {
            count: r.get(0)?,
            centi: r.get(1)?,
        })
    })
}

pub fn profile(
    conn: &Connection,
    worker_id: i64,
    now: DateTime<Utc>,
    window_days: i64,
) -> rusqlite::Result<Profile> {
    let recent_from = now - Duration::days(window_days);
    let previous_from = recent_from - Duration::days(window_days);
    let ever = DateTime::<Utc>::MIN_UTC;
    let trend = |what| -> rusqlite::Result<Trend> {
        Ok(Trend {
            overall: average(conn, worker_id, what, ever, now + Duration::seconds(1))?,
            previous: average(conn, worker_id, what, previous_from, recent_from)?,
            recent: average(
                conn,
                worker_id,
                what,
                recent_from,
                now + Duration::seconds(1),
            )?,
        })
    };
    Ok(Profile {
        worker_id,
        qc: trend(Score::Qc)?,
        rating: trend(Score::Rating)?,
    })
}
