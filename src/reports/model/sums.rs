//! What the daily rollups hold and how the charts cut them: `Sums` (metric and key to value),
//! the minute buckets of the time histograms, and the bars of a chart series. Pure.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::reports::model::period::Period;

/// `(metric, key)` → value. Metrics: `orders` (key: status), `match_min` and `complete_min`
/// (key: minutes bucket, value: orders), `ledger` (key: `kind:side`, value: sum of
/// entries), `rating` and `qc` (keys `sum` and `count`).
pub type Sums = BTreeMap<(String, String), i64>;

/// What a period adds up to, and the daily series the charts draw.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PeriodSums {
    pub totals: Sums,
    pub daily: BTreeMap<NaiveDate, Sums>,
}

/// Metrics the charts need day by day; the rest are only ever summed over the period.
pub const DAILY_METRICS: [&str; 2] = ["orders", "ledger"];

/// The histogram bucket of a duration: exact below two hours, then to the quarter hour
/// below a day, the hour below a week, and the day beyond. Bounds the rows a day adds while
/// keeping the medians managers look at (minutes to hours) exact.
pub fn minutes_bucket(minutes: i64) -> i64 {
    let m = minutes.max(0);
    match m {
        0..120 => m,
        120..1440 => m - m % 15,
        1440..10080 => m - m % 60,
        _ => m - m % 1440,
    }
}

/// Adds `value` under `(metric, key)`; a zero adds no row.
pub fn add(sums: &mut Sums, metric: &str, key: impl Into<String>, value: i64) {
    if value != 0 {
        *sums.entry((metric.to_string(), key.into())).or_insert(0) += value;
    }
}

impl PeriodSums {
    /// Adds one day's sums to the totals, and its daily metrics to the series.
    pub fn merge_day(&mut self, day: NaiveDate, sums: &Sums) {
        for ((metric, key), value) in sums {
            *self
                .totals
                .entry((metric.clone(), key.clone()))
                .or_insert(0) += value;
            if DAILY_METRICS.contains(&metric.as_str()) {
                self.daily
                    .entry(day)
                    .or_default()
                    .insert((metric.clone(), key.clone()), *value);
            }
        }
    }
}

/// How many days one bar of a chart covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Day,
    Week,
    Month,
}

impl Step {
    /// Days for a month, weeks for up to a year, months beyond: at most ~60 bars.
    pub fn for_orders(period: &Period) -> Step {
        match period.days() {
            0..=62 => Step::Day,
            63..=366 => Step::Week,
            _ => Step::Month,
        }
    }

    /// Revenue goes by week (the billing cycle) unless that makes too many bars.
    pub fn for_revenue(period: &Period) -> Step {
        if period.days() <= 190 {
            Step::Week
        } else {
            Step::Month
        }
    }

    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Step::Day => day,
            Step::Week => day - Duration::days(day.weekday().num_days_from_monday() as i64),
            Step::Month => day.with_day(1).expect("day 1 exists"),
        }
    }
}

/// `value(day's sums)` added up per bar: (first day of the bar, total), in order, every bar of
/// the period present even when empty.
pub fn series(
    daily: &BTreeMap<NaiveDate, Sums>,
    period: &Period,
    step: Step,
    value: impl Fn(&Sums) -> i64,
) -> Vec<(NaiveDate, i64)> {
    let mut bars: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut day = period.from;
    while day <= period.to {
        bars.entry(step.start_of(day)).or_insert(0);
        day += Duration::days(1);
    }
    for (day, sums) in daily.range(period.from..=period.to) {
        *bars.entry(step.start_of(*day)).or_insert(0) += value(sums);
    }
    bars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::model::period::Preset;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn bars_cover_every_step_of_the_period() {
        let period = Period {
            preset: Preset::Custom,
            from: d("2026-11-01"),
            to: d("2026-11-18"),
        };
        let mut daily = BTreeMap::new();
        let one =
            |n: i64| -> Sums { [(("orders".to_string(), "completed".to_string()), n)].into() };
        daily.insert(d("2026-11-01"), one(2));
        daily.insert(d("2026-11-03"), one(3));
        daily.insert(d("2026-11-17"), one(1));
        let count = |s: &Sums| s.values().sum();
        let weeks = series(&daily, &period, Step::Week, count);
        // 1 Nov is a Sunday: its week starts on 26 Oct.
        assert_eq!(
            weeks,
            vec![
                (d("2026-10-26"), 2),
                (d("2026-11-02"), 3),
                (d("2026-11-09"), 0),
                (d("2026-11-16"), 1)
            ]
        );
        assert_eq!(series(&daily, &period, Step::Day, count).len(), 18);
        assert_eq!(Step::for_orders(&period), Step::Day);
        assert_eq!(Step::for_revenue(&period), Step::Week);
    }
}
