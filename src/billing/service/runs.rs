//! The billing schedule: which weekly, monthly and daily runs are due (catching up periods
//! missed while the app was down, each exactly once), running them, and the follow-up work
//! every pass does (dunning retries, unfinished charges and payouts). A run is a row with a
//! UNIQUE (kind, period): starting one twice finds the same row; an unfinished one resumes.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{charging, daily, invoicing, payouts};
use crate::billing::periods::{Period, RunKind, due_periods};
use crate::billing::store::{self, runs as store_runs};
use crate::db::write_tx;
use crate::error::AppError;
use crate::state::AppState;

/// The most periods of one kind caught up in one pass (older gaps are left to the operator).
const MAX_CATCH_UP: usize = 60;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BillingReport {
    pub runs: usize,
    pub charges: charging::CollectReport,
    pub payouts: payouts::PayReport,
    pub retries_opened: usize,
}

fn parse_period(kind: RunKind, label: &str) -> Option<Period> {
    match kind {
        RunKind::Weekly => Period::parse_week(label),
        RunKind::Monthly => Period::parse_month(label),
        RunKind::Daily => Period::parse_day(label),
    }
}

/// Starts (or finds) the run of `period`; returns its id and whether it is already done.
fn start(
    conn: &mut Connection,
    period: &Period,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(i64, bool), AppError> {
    write_tx(conn, |tx| {
        Ok(store_runs::start(
            tx,
            period.kind(),
            &period.label(),
            cutoff,
            now,
        )?)
    })
}

/// Marks a run done with its numbers (inside the caller's transaction).
pub fn finish(
    conn: &Connection,
    run_id: i64,
    numbers: (i64, i64, i64, i64),
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    store_runs::finish(conn, run_id, numbers, now)
}

/// Runs one period to the end: issue, collect, record the numbers.
fn execute(
    state: &AppState,
    run_id: i64,
    period: &Period,
    report: &mut BillingReport,
) -> Result<(), AppError> {
    let cutoff = period.cutoff(state.settings.time_zone);
    let span =
        tracing::info_span!("billing_run", kind = period.kind().as_str(), period = %period.label());
    let _enter = span.enter();
    match period.kind() {
        RunKind::Daily => {
            daily::run_day(state, run_id, period, cutoff)?;
        }
        RunKind::Weekly => {
            invoicing::issue(state, run_id, period, cutoff)?;
            let collected = charging::collect(state, None)?;
            add_charges(&mut report.charges, collected);
            close(state, run_id, store::invoices::run_counts)?;
        }
        RunKind::Monthly => {
            payouts::state_period(state, run_id, period, cutoff)?;
            let paid = payouts::pay(state, None)?;
            add_payouts(&mut report.payouts, paid);
            close(state, run_id, store::payouts::run_counts)?;
        }
    }
    tracing::info!("billing run done");
    report.runs += 1;
    Ok(())
}

/// The run's numbers from `counts`, recorded as it finishes.
type Counts = fn(&Connection, i64) -> rusqlite::Result<(i64, i64, i64, i64)>;

fn close(state: &AppState, run_id: i64, counts: Counts) -> Result<(), AppError> {
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    let now = state.clock.now();
    write_tx(&mut conn, |tx| {
        let numbers = counts(tx, run_id)?;
        finish(tx, run_id, numbers, now)
    })?;
    Ok(())
}

fn add_charges(total: &mut charging::CollectReport, more: charging::CollectReport) {
    total.succeeded += more.succeeded;
    total.declined += more.declined;
    total.unknown += more.unknown;
    total.collected_minor += more.collected_minor;
}

fn add_payouts(total: &mut payouts::PayReport, more: payouts::PayReport) {
    total.paid += more.paid;
    total.failed += more.failed;
    total.unknown += more.unknown;
    total.paid_minor += more.paid_minor;
}

/// Every run that is due, oldest first (unfinished ones resume), then the retries and
/// unfinished collections. What the reconciler calls on each tick and at start-up.
pub fn run_due(state: &AppState) -> Result<BillingReport, AppError> {
    let tz = state.settings.time_zone;
    let mut report = BillingReport::default();
    for kind in [RunKind::Daily, RunKind::Weekly, RunKind::Monthly] {
        let todo = {
            let conn = state.pool.get().map_err(anyhow::Error::from)?;
            let unfinished = store_runs::unfinished(&conn, kind)?;
            let last = store_runs::last_period(&conn, kind)?;
            let last = last.and_then(|l| parse_period(kind, &l));
            let mut todo: Vec<Period> = unfinished
                .iter()
                .filter_map(|l| parse_period(kind, l))
                .collect();
            todo.extend(due_periods(kind, tz, last, state.clock.now(), MAX_CATCH_UP));
            todo
        };
        for period in todo {
            if state.jobs.stopping() {
                return Ok(report); // between runs: the next start resumes from the rows
            }
            let cutoff = period.cutoff(tz);
            // The connection goes back before the run, which asks the gateway.
            let (run_id, done) = {
                let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
                start(&mut conn, &period, cutoff, state.clock.now())?
            };
            if !done {
                execute(state, run_id, &period, &mut report)?;
            }
        }
    }
    report.retries_opened = charging::open_due_retries(state, state.clock.now())?;
    add_charges(&mut report.charges, charging::collect(state, None)?);
    add_payouts(&mut report.payouts, payouts::pay(state, None)?);
    Ok(report)
}

/// At process start: claims held by a process that is gone would otherwise wait out their
/// lease. Taking them over early is safe — the gateway dedupes by key and an outcome is
/// recorded only while the row is still pending.
pub fn release_claims(conn: &Connection) -> rusqlite::Result<()> {
    store::charges::release_claims(conn)?;
    store::payouts::release_claims(conn)
}
