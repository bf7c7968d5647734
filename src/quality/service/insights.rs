//! The insights page's rules over the data: recommendations, each with its numbers and a
//! link to the rows behind it. Thresholds come from the settings.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::config::InsightThresholds;
use crate::quality::model::insights::{self as rules, Insight, Score};
use crate::quality::store::insights as store;

/// Every rule over the window ending `now`.
pub fn compute(
    conn: &Connection,
    t: &InsightThresholds,
    tz: Tz,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Insight>> {
    let from = now - Duration::days(t.window_days);
    let mut out = store::cancellations(conn, from, t.min_orders, t.cancel_rate_percent)?;
    out.extend(falling_scores(conn, t, from, now)?);
    out.extend(
        crate::supply::store::short_kits_by_service(conn, from, t.shortages)?
            .into_iter()
            .map(|(service_id, service, short_kits)| Insight::Shortages {
                service_id,
                service,
                short_kits,
            }),
    );
    out.extend(rules::slow_hours(t, matching_by_hour(conn, tz, from)?));
    out.extend(store::disputes(conn, from, t.disputes)?);
    Ok(out)
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
        let before = store::averages(conn, what, before_from, from)?;
        let recent = store::averages(conn, what, from, now)?;
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
