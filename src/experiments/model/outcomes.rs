//! A unit's outcome as metric values: an order's (matching) or an applicant's (screening),
//! each metric counted only once the unit's outcome for it is known, and the spread of work
//! over workers.

use chrono::{DateTime, Duration, Utc};

use super::Metric;

/// A job started this late after its slot still counts as on time.
pub const ON_TIME_GRACE_MINUTES: i64 = 15;

/// What the published views tell about one order of a matching experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFacts {
    pub created_at: DateTime<Utc>,
    pub scheduled_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: String,
    /// When a worker first took the order, if ever.
    pub assigned_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub offers: i64,
    pub rating: Option<i64>,
    pub qc: Option<i64>,
    pub disputed: bool,
}

const CLOSED: [&str; 3] = ["completed", "cancelled", "disputed"];
const DONE: [&str; 3] = ["reported", "completed", "disputed"];

pub fn matching_values(f: &OrderFacts, now: DateTime<Utc>) -> Vec<(Metric, i64)> {
    let mut values = Vec::new();
    let placed = f.assigned_at.is_some();
    let cancelled = f.status == "cancelled";
    // Placement is settled once a worker took it, the order closed, or its slot began.
    let placement_known = placed || CLOSED.contains(&f.status.as_str()) || f.scheduled_at <= now;
    if let Some(at) = f.assigned_at {
        values.push((
            Metric::MinutesToAssign,
            (at - f.created_at).num_minutes().max(0),
        ));
    }
    if placement_known {
        // A client who cancelled before anyone took the order did not wait for matching to fail.
        if placed || !cancelled {
            values.push((Metric::NeverPlaced, i64::from(!placed)));
        }
        values.push((Metric::OffersPerOrder, f.offers));
        if f.offers > 0 {
            values.push((
                Metric::FirstOfferAccepted,
                i64::from(placed && f.offers == 1),
            ));
        }
    }
    if placed && (CLOSED.contains(&f.status.as_str()) || f.ends_at <= now) {
        let done = DONE.contains(&f.status.as_str());
        let prompt = f
            .started_at
            .is_some_and(|s| s <= f.scheduled_at + Duration::minutes(ON_TIME_GRACE_MINUTES));
        values.push((Metric::CompletedOnTime, i64::from(done && prompt)));
    }
    if CLOSED.contains(&f.status.as_str()) || f.scheduled_at <= now {
        values.push((Metric::Cancelled, i64::from(cancelled)));
    }
    if let Some(r) = f.rating {
        values.push((Metric::ClientRating, r));
    }
    if let Some(q) = f.qc {
        values.push((Metric::QcScore, q));
    }
    if DONE.contains(&f.status.as_str()) {
        values.push((Metric::Disputed, i64::from(f.disputed)));
    }
    values
}

/// How one hire did since hiring: hiring's follow-up of every policy version.
pub use crate::hiring::model::followup::HireOutcome as HireFacts;

/// An applicant's values: whether they were hired and, for a hire, how they did.
pub fn screening_values(hired: bool, hire: Option<&HireFacts>) -> Vec<(Metric, i64)> {
    let mut values = vec![(Metric::HireRate, i64::from(hired))];
    let Some(h) = hire.filter(|_| hired) else {
        return values;
    };
    if h.rating_count > 0 {
        values.push((Metric::HireRating, h.rating_sum * 100 / h.rating_count));
    }
    if h.qc_count > 0 {
        values.push((Metric::HireQc, h.qc_sum * 100 / h.qc_count));
    }
    values.push((Metric::HireDisputes, h.disputes));
    values.push((Metric::HireWithdrawals, h.withdrawals));
    if h.recert_passed + h.recert_failed > 0 {
        values.push((Metric::RecertPassed, i64::from(h.recert_failed == 0)));
    }
    if let Some(a) = h.active_30 {
        values.push((Metric::Active30, i64::from(a)));
    }
    if let Some(a) = h.active_90 {
        values.push((Metric::Active90, i64::from(a)));
    }
    values
}

/// Jobs taken by the busiest fifth of the workers who took any (at least one worker).
pub fn top_fifth_jobs(jobs_per_worker: &[i64]) -> i64 {
    let mut jobs = jobs_per_worker.to_vec();
    jobs.sort_unstable_by(|a, b| b.cmp(a));
    let top = jobs.len().div_ceil(5);
    jobs.iter().take(top).sum()
}
