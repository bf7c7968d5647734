//! What an experiment's page shows, built from its results snapshot: per metric each arm's
//! estimate, each arm's difference from the first arm (the control) with its always-valid
//! interval and verdict, and the difference as it stood after every day (the chart).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::experiments::model::stats::{self, Interval, Sums, Verdict};
use crate::experiments::model::{Better, Metric};
use crate::experiments::store::{ArmTotals, Experiment, ResultRow};

#[derive(Debug, Clone)]
pub struct ArmFigure {
    pub arm: i64,
    pub sums: Sums,
    pub interval: Option<Interval>,
}

/// One treatment arm against the control.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub arm: i64,
    pub difference: Option<Interval>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone)]
pub struct MetricReport {
    pub metric: Metric,
    pub arms: Vec<ArmFigure>,
    pub comparisons: Vec<Comparison>,
    /// Day by day: the cumulative difference of each treatment arm (in `comparisons` order).
    pub series: Vec<(NaiveDate, Vec<Option<Interval>>)>,
}

impl MetricReport {
    /// A guardrail metric on which some arm does worse than the control.
    pub fn tripped(&self) -> bool {
        self.metric.guardrail() && self.comparisons.iter().any(|c| c.verdict == Verdict::Worse)
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub metrics: Vec<MetricReport>,
    pub totals: Vec<ArmTotals>,
}

impl Report {
    pub fn primary<'a>(&'a self, e: &Experiment) -> Option<&'a MetricReport> {
        self.metrics.iter().find(|m| m.metric == e.primary_metric)
    }

    /// Every arm has reached the planned units.
    pub fn sample_reached(&self, e: &Experiment) -> bool {
        !e.arms.is_empty()
            && e.arms.iter().all(|a| {
                self.totals
                    .iter()
                    .any(|t| t.arm == a.arm && t.units >= e.target_per_arm)
            })
    }

    pub fn tripped(&self) -> Vec<Metric> {
        self.metrics
            .iter()
            .filter(|m| m.tripped())
            .map(|m| m.metric)
            .collect()
    }
}

/// An arm's interval cut to the values a unit can take.
fn within(metric: Metric, interval: Option<Interval>) -> Option<Interval> {
    let (low, high) = metric.bounds();
    interval.map(|i| Interval {
        low: i.low.max(low),
        high: i.high.min(high),
        ..i
    })
}

fn judge(metric: Metric, diff: Option<Interval>) -> Verdict {
    // "Neither" metrics report which way they moved as if higher were better; the page words it.
    stats::verdict(diff, metric.better() != Better::Lower)
}

pub fn build(e: &Experiment, rows: &[ResultRow], totals: Vec<ArmTotals>) -> Report {
    let arms: Vec<i64> = e.arms.iter().map(|a| a.arm).collect();
    let control = arms.first().copied().unwrap_or(0);
    let treatments: Vec<i64> = arms.iter().copied().skip(1).collect();
    let metrics = Metric::of(e.decision)
        .map(|metric| {
            // Per day, per arm: that day's sums.
            let mut days: BTreeMap<NaiveDate, BTreeMap<i64, Sums>> = BTreeMap::new();
            for r in rows.iter().filter(|r| r.metric == metric) {
                let s = days.entry(r.day).or_default().entry(r.arm).or_default();
                s.merge(&Sums {
                    n: r.n,
                    sum: r.total,
                    sum_sq: r.total_sq,
                });
            }
            let mut running: BTreeMap<i64, Sums> =
                arms.iter().map(|a| (*a, Sums::default())).collect();
            let mut series = Vec::new();
            for (day, by_arm) in &days {
                for (arm, s) in by_arm {
                    running.entry(*arm).or_default().merge(s);
                }
                let diffs = treatments
                    .iter()
                    .map(|t| stats::difference(&running[t], &running[&control]))
                    .collect();
                series.push((*day, diffs));
            }
            let comparisons = treatments
                .iter()
                .map(|t| {
                    let difference = stats::difference(&running[t], &running[&control]);
                    Comparison {
                        arm: *t,
                        difference,
                        verdict: judge(metric, difference),
                    }
                })
                .collect();
            MetricReport {
                metric,
                arms: arms
                    .iter()
                    .map(|a| ArmFigure {
                        arm: *a,
                        sums: running[a],
                        interval: within(metric, stats::arm_interval(&running[a])),
                    })
                    .collect(),
                comparisons,
                series,
            }
        })
        .collect();
    Report { metrics, totals }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::experiments::model::{ArmSpec, DecisionKind, ExperimentStatus};
    use crate::experiments::store::Arm;

    fn experiment() -> Experiment {
        let arm = |arm, strategy: &str| Arm {
            arm,
            spec: ArmSpec {
                label: strategy.into(),
                share: 50,
                strategy: Some(strategy.into()),
                settings_version: Some(1),
                policy_version: None,
            },
        };
        Experiment {
            id: 1,
            name: "Score against random".into(),
            hypothesis: String::new(),
            decision: DecisionKind::Matching,
            status: ExperimentStatus::Running,
            primary_metric: Metric::ClientRating,
            target_per_arm: 100,
            created_at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
            started_at: None,
            stopped_at: None,
            adopted_arm: None,
            results_at: None,
            sample_noticed: false,
            guardrail_noticed: false,
            arms: vec![arm(0, "random"), arm(1, "score")],
        }
    }

    /// `n` shares on one day, `yes` of them 1.
    fn share(metric: Metric, arm: i64, day: u32, n: i64, yes: i64) -> ResultRow {
        ResultRow {
            metric,
            arm,
            day: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            n,
            total: yes,
            total_sq: yes,
        }
    }

    #[test]
    fn an_arm_cancelled_far_more_often_trips_the_guardrail_and_the_sample_counts_units() {
        let e = experiment();
        let rows = vec![
            share(Metric::Cancelled, 0, 1, 200, 4),
            share(Metric::Cancelled, 1, 1, 200, 60),
            share(Metric::Cancelled, 0, 2, 200, 6),
            share(Metric::Cancelled, 1, 2, 200, 58),
        ];
        let totals = |units| {
            vec![
                ArmTotals {
                    arm: 0,
                    units,
                    jobs: 0,
                    workers: 0,
                    top_fifth_jobs: 0,
                },
                ArmTotals {
                    arm: 1,
                    units: 400,
                    jobs: 0,
                    workers: 0,
                    top_fifth_jobs: 0,
                },
            ]
        };
        let r = build(&e, &rows, totals(400));
        assert_eq!(r.tripped(), vec![Metric::Cancelled]);
        let cancelled = r
            .metrics
            .iter()
            .find(|m| m.metric == Metric::Cancelled)
            .unwrap();
        assert_eq!(cancelled.comparisons[0].verdict, Verdict::Worse);
        assert_eq!(cancelled.series.len(), 2, "one point a day");
        assert!(r.sample_reached(&e));
        assert!(!build(&e, &rows, totals(99)).sample_reached(&e));
    }

    #[test]
    fn a_metric_below_the_minimum_has_no_verdict() {
        let e = experiment();
        let rows = vec![
            share(Metric::Disputed, 0, 1, 10, 0),
            share(Metric::Disputed, 1, 1, 10, 9),
        ];
        let r = build(&e, &rows, Vec::new());
        let disputed = r
            .metrics
            .iter()
            .find(|m| m.metric == Metric::Disputed)
            .unwrap();
        assert_eq!(disputed.comparisons[0].verdict, Verdict::NotEnoughData);
        assert!(r.tripped().is_empty());
    }
}
