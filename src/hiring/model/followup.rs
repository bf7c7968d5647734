//! The follow-up of hires: how one person a policy version hired did later, whether they
//! were still working 30 and 90 days on, and the totals per version. Pure; the rows come
//! from `store::followup`.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

/// The days after hiring at which we ask whether a hire is still working.
pub const STAYED_DAYS: [i64; 2] = [30, 90];

/// One hire and how they did since: client ratings and QC scores as sums and counts (a mean
/// is the sum over the count), disputed jobs, jobs they withdrew from, re-certification
/// results, and whether they were still an active worker 30 and 90 days after hiring
/// (`None` while that day has not come).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HireOutcome {
    pub candidate_id: i64,
    pub worker_id: i64,
    pub name: String,
    pub policy_version: i64,
    pub hired_at: DateTime<Utc>,
    pub rating_sum: i64,
    pub rating_count: i64,
    pub qc_sum: i64,
    pub qc_count: i64,
    pub disputes: i64,
    pub withdrawals: i64,
    pub recert_passed: i64,
    pub recert_failed: i64,
    pub active_30: Option<bool>,
    pub active_90: Option<bool>,
}

/// A change to an account's standing, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountChange {
    Deactivated,
    Reactivated,
    /// Given this role.
    Role(String),
}

/// Whether the worker hired at `hired_at` was still an active worker at `hired_at + days`:
/// hired as an active worker, then every change up to that moment applied in order (`changes`
/// sorted by time). `None` while the moment is still ahead of `now`.
pub fn active_after(
    hired_at: DateTime<Utc>,
    days: i64,
    now: DateTime<Utc>,
    changes: &[(DateTime<Utc>, AccountChange)],
) -> Option<bool> {
    let mark = hired_at + Duration::days(days);
    if mark > now {
        return None;
    }
    let (mut active, mut worker) = (true, true);
    for (at, change) in changes.iter().filter(|(at, _)| *at <= mark) {
        match change {
            AccountChange::Deactivated => active = false,
            AccountChange::Reactivated => active = true,
            // Before hiring they were a candidate; enrolment made them a worker unaudited.
            AccountChange::Role(role) if *at >= hired_at => worker = role == "worker",
            AccountChange::Role(_) => {}
        }
    }
    Some(active && worker)
}

/// One version's hires taken together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionTotals {
    pub hired: i64,
    pub rating_sum: i64,
    pub rating_count: i64,
    pub qc_sum: i64,
    pub qc_count: i64,
    pub disputes: i64,
    pub withdrawals: i64,
    pub recert_passed: i64,
    pub recert_failed: i64,
    /// Of the hires whose 30th (90th) day has come: how many were still working, out of how
    /// many.
    pub stayed_30: (i64, i64),
    pub stayed_90: (i64, i64),
}

/// The totals per policy version of `outcomes`.
pub fn summarise(outcomes: &[HireOutcome]) -> BTreeMap<i64, VersionTotals> {
    let mut by_version: BTreeMap<i64, VersionTotals> = BTreeMap::new();
    for o in outcomes {
        let t = by_version.entry(o.policy_version).or_default();
        t.hired += 1;
        t.rating_sum += o.rating_sum;
        t.rating_count += o.rating_count;
        t.qc_sum += o.qc_sum;
        t.qc_count += o.qc_count;
        t.disputes += o.disputes;
        t.withdrawals += o.withdrawals;
        t.recert_passed += o.recert_passed;
        t.recert_failed += o.recert_failed;
        for (stayed, known) in [
            (&mut t.stayed_30, o.active_30),
            (&mut t.stayed_90, o.active_90),
        ] {
            if let Some(active) = known {
                stayed.0 += i64::from(active);
                stayed.1 += 1;
            }
        }
    }
    by_version
}

/// A mean in hundredths (4.50 stars is 450), rounded half up; `None` without data.
pub fn mean_centi(sum: i64, count: i64) -> Option<i64> {
    (count > 0).then(|| (sum * 200 + count) / (2 * count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Duration::days(d)
    }

    #[test]
    fn a_day_not_yet_come_is_unknown_and_leaving_counts_from_when_it_happened() {
        let left = [(day(40), AccountChange::Deactivated)];
        assert_eq!(active_after(day(0), 30, day(29), &left), None);
        assert_eq!(active_after(day(0), 30, day(30), &left), Some(true));
        assert_eq!(active_after(day(0), 90, day(100), &left), Some(false));
        assert_eq!(active_after(day(0), 90, day(89), &left), None);
        let back = [
            (day(10), AccountChange::Deactivated),
            (day(20), AccountChange::Reactivated),
        ];
        assert_eq!(active_after(day(0), 30, day(30), &back), Some(true));
        let demoted = [(day(5), AccountChange::Role("client".into()))];
        assert_eq!(active_after(day(0), 30, day(31), &demoted), Some(false));
        // The role they held as a candidate, changed before hiring, says nothing.
        let before = [(day(-5), AccountChange::Role("candidate".into()))];
        assert_eq!(active_after(day(0), 30, day(31), &before), Some(true));
    }

    #[test]
    fn totals_add_up_and_count_only_the_known_days() {
        let a = HireOutcome {
            policy_version: 1,
            rating_sum: 8,
            rating_count: 2,
            disputes: 1,
            active_30: Some(true),
            active_90: None,
            ..HireOutcome::default()
        };
        let b = HireOutcome {
            rating_sum: 3,
            rating_count: 1,
            withdrawals: 2,
            active_30: Some(false),
            active_90: Some(false),
            ..a.clone()
        };
        let t = &summarise(&[a, b])[&1];
        assert_eq!((t.hired, t.rating_sum, t.rating_count), (2, 11, 3));
        assert_eq!((t.disputes, t.withdrawals), (2, 2));
        assert_eq!((t.stayed_30, t.stayed_90), ((1, 2), (0, 1)));
        assert_eq!(mean_centi(11, 3), Some(367));
        assert_eq!(mean_centi(0, 0), None);
    }
}
