//! What the insights page and a worker's quality profile say, and the pure rules behind
//! them: a falling score window on window, the hourly wait for a worker, slow hours.

use std::collections::BTreeMap;

use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Tz;

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

/// Per worker: (number of scores, centi-average) in one window.
pub type Averages = BTreeMap<i64, (i64, i64)>;

/// Workers whose average fell by at least the threshold from the window `before` to the
/// window `now`, each with enough scores in both: (worker, before, now, count now).
pub fn falling(
    t: &InsightThresholds,
    before: &Averages,
    now: &Averages,
) -> Vec<(i64, i64, i64, i64)> {
    let mut out = Vec::new();
    for (&worker_id, &(count, now_centi)) in now {
        let Some(&(before_count, before_centi)) = before.get(&worker_id) else {
            continue;
        };
        if count >= MIN_SCORES
            && before_count >= MIN_SCORES
            && before_centi - now_centi >= t.score_drop_tenths * 10
        {
            out.push((worker_id, before_centi, now_centi, count));
        }
    }
    out
}

/// Per business-time hour an order was placed: (orders, average minutes to the first
/// assignment), from (placed, first assigned) pairs.
pub fn by_hour(
    tz: Tz,
    waits: impl IntoIterator<Item = (DateTime<Utc>, DateTime<Utc>)>,
) -> BTreeMap<u32, (i64, i64)> {
    let mut by_hour: BTreeMap<u32, (i64, i64)> = BTreeMap::new();
    for (placed, assigned) in waits {
        let slot = by_hour.entry(placed.with_timezone(&tz).hour()).or_default();
        slot.0 += 1;
        slot.1 += (assigned - placed).num_minutes().max(0);
    }
    by_hour
        .into_iter()
        .map(|(h, (n, total))| (h, (n, total / n)))
        .collect()
}

/// Hours with enough orders and a long average wait.
pub fn slow_hours(t: &InsightThresholds, hours: BTreeMap<u32, (i64, i64)>) -> Vec<Insight> {
    hours
        .into_iter()
        .filter(|(_, (n, avg))| *n >= t.min_orders && *avg >= t.match_minutes)
        .map(|(hour, (orders, avg_minutes))| Insight::SlowMatching {
            hour,
            orders,
            avg_minutes,
        })
        .collect()
}

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

/// A worker's quality profile: QC and client-rating averages overall and over the last two
/// windows.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub worker_id: i64,
    pub qc: Trend,
    pub rating: Trend,
}
