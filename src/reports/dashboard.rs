//! The manager dashboard (`/manage`): gathers a period's KPIs, the previous period's for
//! comparison, the daily series for the charts, the current snapshot and the hiring funnel.

use std::collections::BTreeMap;

use actix_web::web;
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use maud::Markup;
use rusqlite::Connection;

use super::kpis::Kpis;
use super::period::{Period, PeriodError, PeriodQuery, business_day};
use super::rollup::{self, Sums};
use super::snapshot::{self, FunnelRow, Snapshot};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ctx::Ctx;

pub struct Dashboard {
    pub period: Period,
    pub previous: Period,
    pub kpis: Kpis,
    pub before: Kpis,
    pub daily: BTreeMap<NaiveDate, Sums>,
    pub snapshot: Snapshot,
    pub funnel: Vec<FunnelRow>,
}

/// Everything the dashboard shows for `period`. Read-only.
pub fn build(conn: &Connection, tz: Tz, period: Period) -> rusqlite::Result<Dashboard> {
    let previous = period.previous();
    let now = rollup::read(conn, tz, &period)?;
    let before = rollup::read(conn, tz, &previous)?;
    let (start, end) = period.bounds(tz);
    Ok(Dashboard {
        period,
        previous,
        kpis: Kpis::from_sums(&now.totals),
        before: Kpis::from_sums(&before.totals),
        daily: now.daily,
        snapshot: snapshot::snapshot(conn)?,
        funnel: snapshot::hiring_funnel(conn, start, end)?,
    })
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

pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<PeriodQuery>,
) -> Result<Markup, AppError> {
    let tz = state.settings.time_zone;
    let today = business_day(tz, state.clock.now());
    let (period, error): (Period, Option<PeriodError>) = match Period::from_query(&q, today) {
        Ok(p) => (p, None),
        Err(e) => (Period::preset(super::period::Preset::Month, today), Some(e)),
    };
    let dashboard = db::run(&state.pool, move |conn| Ok(build(conn, tz, period)?)).await?;
    Ok(super::dashboard_view::page(
        &ctx,
        &dashboard,
        error,
        &state.settings.currency,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::period::Preset;

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
