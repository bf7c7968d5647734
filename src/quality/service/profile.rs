//! A worker's quality profile: QC and client-rating averages overall and over the last two
//! windows (the trend).

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use crate::quality::model::insights::{Profile, Score, Trend};
use crate::quality::store::insights::average;

pub fn profile(
    conn: &Connection,
    worker_id: i64,
    now: DateTime<Utc>,
    window_days: i64,
) -> rusqlite::Result<Profile> {
    let recent_from = now - Duration::days(window_days);
    let previous_from = recent_from - Duration::days(window_days);
    let ever = DateTime::<Utc>::MIN_UTC;
    let end = now + Duration::seconds(1);
    let trend = |what| -> rusqlite::Result<Trend> {
        Ok(Trend {
            overall: average(conn, worker_id, what, ever, end)?,
            previous: average(conn, worker_id, what, previous_from, recent_from)?,
            recent: average(conn, worker_id, what, recent_from, end)?,
        })
    };
    Ok(Profile {
        worker_id,
        qc: trend(Score::Qc)?,
        rating: trend(Score::Rating)?,
    })
}
