//! The insights page's rules over the data: recommendations, each with its numbers and a
//! link to the rows behind it. Thresholds come from the settings.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::config::InsightThresholds;
use crate::db::Pool;
use crate::error::AppError;
use crate::quality::model::insights::{self as rules, Insight, Score};
use crate::quality::store::insights as store;

/// Orders and average minutes to a first assignment, by the business-time hour of placing.
pub type Hours = BTreeMap<u32, (i64, i64)>;

/// Every rule over the window ending `now`.
pub fn compute(
    conn: &Connection,
    t: &InsightThresholds,
    tz: Tz,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let from = now - Duration::days(t.window_days);
    let mut out = store::cancellations(conn, from, t.min_orders, t.cancel_rate_percent)?;
    let ratings = falling_scores(conn, t, Score::Rating, from, now)?;
    let hours = matching_by_hour(conn, tz, from)?;
    out.extend(the_rest(conn, t, (from, now), ratings, &hours)?);
    Ok(out)
}

/// The insights page: every rule over the window ending `now`, and the waits for a worker
/// by hour they used. The two biggest reads (the ratings of two windows and the waits, tens
/// of milliseconds each on years of history) run side by side on connections of their own.
/// No thread holds a connection while it waits for another thread, so requests cannot
/// exhaust the pool waiting on each other.
pub fn page(
    pool: &Pool,
    t: &InsightThresholds,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(Vec<Insight>, Hours), AppError> {
    let from = now - Duration::days(t.window_days);
    let connection = || pool.get().map_err(anyhow::Error::from);
    let (ratings, hours) = std::thread::scope(|s| {
        let ratings = s.spawn(|| -> Result<_, AppError> {
            Ok(falling_scores(
                &*connection()?,
                t,
                Score::Rating,
                from,
                now,
            )?)
        });
        let hours = matching_by_hour(&*connection()?, tz, from)?;
        let joined = |e| AppError::Internal(anyhow::anyhow!("insights part panicked: {e:?}"));
        Ok::<_, AppError>((ratings.join().map_err(joined)??, hours))
    })?;
    let conn = connection()?;
    let mut out = store::cancellations(&conn, from, t.min_orders, t.cancel_rate_percent)?;
    out.extend(the_rest(&conn, t, (from, now), ratings, &hours)?);
    Ok((out, hours))
}

/// The rules after the cancellations, in the page's order, given the ratings' falls and the
/// hourly waits.
fn the_rest(
    conn: &Connection,
    t: &InsightThresholds,
    (from, now): (DateTime<Utc>, DateTime<Utc>),
    ratings: Vec<Insight>,
    hours: &BTreeMap<u32, (i64, i64)>,
) -> rusqlite::Result<Vec<Insight>> {
    let mut out = ratings;
    out.extend(falling_scores(conn, t, Score::Qc, from, now)?);
    out.extend(
        crate::supply::store::short_kits_by_service(conn, from, t.shortages)?
            .into_iter()
            .map(|(service_id, service, short_kits)| Insight::Shortages {
                service_id,
                service,
                short_kits,
            }),
    );
    out.extend(rules::slow_hours(t, hours.clone()));
    out.extend(store::disputes(conn, from, t.disputes)?);
    Ok(out)
}

fn falling_scores(
    conn: &Connection,
    t: &InsightThresholds,
    what: Score,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let before_from = from - Duration::days(t.window_days);
    let before = store::averages(conn, what, before_from, from)?;
    let recent = store::averages(conn, what, from, now)?;
    let mut out = Vec::new();
    for (worker_id, before_centi, now_centi, count) in rules::falling(t, &before, &recent) {
        out.push(Insight::FallingScore {
            worker_id,
            worker: store::name(conn, worker_id)?,
            what,
            before_centi,
            now_centi,
            count,
        });
    }
    Ok(out)
}

/// Minutes from placing an order to its first assignment, by the business-time hour it was
/// placed: (orders, average minutes).
pub fn matching_by_hour(
    conn: &Connection,
    tz: Tz,
    from: DateTime<Utc>,
) -> rusqlite::Result<BTreeMap<u32, (i64, i64)>> {
    Ok(rules::by_hour(tz, store::first_assignments(conn, from)?))
}

#[cfg(test)]
mod tests;
