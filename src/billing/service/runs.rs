//! The billing schedule: which weekly, monthly and daily runs are due (catching up periods
//! missed while the app was down, each exactly once), running them, and the follow-up work
//! every pass does (dunning retries, unfinished charges and payouts). A run is a row with a
//! UNIQUE (kind, period): starting one twice finds the same row; an unfinished one resumes.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::Deps;
use super::outbound::{self, Sent};
use super::{charging, daily, invoicing, payouts};
use crate::billing::model::periods::{Period, RunKind, due_periods};
use crate::billing::store::{self, runs as store_runs};
use crate::db::{Conn, write_tx};
use crate::error::AppError;

/// The most periods of one kind caught up in one pass (older gaps are left to the operator).
const MAX_CATCH_UP: usize = 60;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BillingReport {
    /// Another billing pass held the lock, so this one did nothing.
    pub skipped: bool,
    pub runs: usize,
    pub charges: Sent,
    pub payouts: Sent,
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
    conn: &mut Conn,
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
    deps: &Deps,
    run_id: i64,
    period: &Period,
    report: &mut BillingReport,
) -> Result<(), AppError> {
    let cutoff = period.cutoff(deps.settings().time_zone);
    let span =
        tracing::info_span!("billing_run", kind = period.kind().as_str(), period = %period.label());
    let _enter = span.enter();
    match period.kind() {
        RunKind::Daily => {
            daily::run_day(deps, run_id, period, cutoff)?;
        }
        RunKind::Weekly => {
            invoicing::issue(deps, run_id, period, cutoff)?;
            report.charges += charging::collect(deps, None)?;
            close(deps, run_id, store::invoices::run_counts)?;
        }
        RunKind::Monthly => {
            payouts::state_period(deps, run_id, period, cutoff)?;
            report.payouts += payouts::pay(deps, None)?;
            close(deps, run_id, store::payouts::run_counts)?;
        }
    }
    tracing::info!("billing run done");
    report.runs += 1;
    Ok(())
}

/// The run's numbers from `counts`, recorded as it finishes.
type Counts = fn(&Connection, i64) -> rusqlite::Result<(i64, i64, i64, i64)>;

fn close(deps: &Deps, run_id: i64, counts: Counts) -> Result<(), AppError> {
    let mut conn = deps.connection()?;
    let now = deps.now();
    write_tx(&mut conn, |tx| {
        let numbers = counts(tx, run_id)?;
        finish(tx, run_id, numbers, now)
    })?;
    Ok(())
}

/// How long the billing lock lasts without renewal (each period renews it): a holder that
/// died is taken over after this.
const LOCK_LEASE_MINUTES: i64 = 10;

/// What asking for a billing pass came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran {
    Done(BillingReport),
    /// Another pass holds the lock (its owner and when the lock lapses); nothing was done.
    Busy {
        owner: String,
        until: DateTime<Utc>,
    },
}

/// The lock while this pass holds it; given back when dropped (also on an error).
struct Held<'a> {
    deps: &'a Deps,
    owner: String,
}

impl Held<'_> {
    fn take(deps: &Deps) -> Result<Result<Held<'_>, Ran>, AppError> {
        let owner = format!(
            "pid {} ({})",
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        Ok(match lock(deps, &owner)? {
            None => Ok(Held { deps, owner }),
            Some((owner, until)) => Err(Ran::Busy { owner, until }),
        })
    }

    fn renew(&self) -> Result<(), AppError> {
        match lock(self.deps, &self.owner)? {
            None => Ok(()),
            // Only after this pass outlived its lease and another took over: stop here.
            Some((owner, _)) => Err(AppError::Internal(anyhow::anyhow!(
                "billing lock taken over by {owner}"
            ))),
        }
    }
}

/// Takes or renews the lock for `owner`; the holder when it is someone else's.
fn lock(deps: &Deps, owner: &str) -> Result<Option<(String, DateTime<Utc>)>, AppError> {
    let now = deps.now();
    let until = now + chrono::Duration::minutes(LOCK_LEASE_MINUTES);
    lock_on(&mut *deps.connection()?, owner, now, until)
}

fn lock_on(
    conn: &mut Conn,
    owner: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Option<(String, DateTime<Utc>)>, AppError> {
    Ok(write_tx(conn, |tx| -> rusqlite::Result<_> {
        let holder = store_runs::take_lock(tx, owner, now, until)?;
        match holder {
            Some((ref other, _)) if holder_is_gone(other) => {
                tracing::warn!(holder = %other, "billing lock held by a process that is gone; taking it over");
                let taken = store_runs::take_over_lock(tx, owner, other, until)?;
                Ok(if taken { None } else { holder })
            }
            holder => Ok(holder),
        }
    })?)
}

/// How long an operator's task may keep billing paused (a restore of a large file takes a
/// while); a task that dies lets go sooner, as its process is then gone.
const PAUSE_LEASE_MINUTES: i64 = 60;

/// Keeps billing passes from starting while an operator's task (`restore`) works on the
/// database: takes the billing lock for `task` (named after this process, so the lock
/// lapses if it dies), or returns the holder and expiry when a billing pass has it.
pub fn pause(
    conn: &mut Conn,
    task: &str,
    now: DateTime<Utc>,
) -> Result<Result<String, (String, DateTime<Utc>)>, AppError> {
    let owner = format!("pid {} ({task})", std::process::id());
    let until = now + chrono::Duration::minutes(PAUSE_LEASE_MINUTES);
    Ok(match lock_on(conn, &owner, now, until)? {
        None => Ok(owner),
        Some(holder) => Err(holder),
    })
}

/// Lets billing run again after `pause` (when the task gave up before changing anything).
pub fn resume(conn: &mut Conn, owner: &str) -> Result<(), AppError> {
    Ok(write_tx(conn, |tx| store_runs::release_lock(tx, owner))?)
}

/// Whether the lock's holder was a process on this machine that no longer runs (killed, or
/// crashed mid-run): its lock need not wait out the lease. Where processes cannot be looked
/// up (no `/proc`), every holder counts as alive.
fn holder_is_gone(owner: &str) -> bool {
    let Some(pid) = owner
        .strip_prefix("pid ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|pid| pid.parse::<u32>().ok())
    else {
        return false;
    };
    let proc = std::path::Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let released = self
            .deps
            .pool
            .get()
            .map_err(anyhow::Error::from)
            .and_then(|mut conn| {
                Ok(write_tx(&mut conn, |tx| {
                    store_runs::release_lock(tx, &self.owner)
                })?)
            });
        if let Err(error) = released {
            tracing::warn!(%error, "billing lock not released; it lapses by itself");
        }
    }
}

/// Every run that is due, unless another billing pass (here or in another process) is under
/// way, in which case this one skips (`skipped` in the report).
pub fn run_due(deps: &Deps) -> Result<BillingReport, AppError> {
    let ran = run_exclusive(deps, false);
    let outcome = match &ran {
        Ok(Ran::Done(_)) => "done",
        Ok(Ran::Busy { .. }) => "skipped",
        Err(_) => "error",
    };
    metrics::counter!("whiskerworks_billing_passes_total", "outcome" => outcome).increment(1);
    match ran? {
        Ran::Done(report) => Ok(report),
        Ran::Busy { owner, .. } => {
            tracing::debug!(%owner, "another billing pass is running; skipped");
            Ok(BillingReport {
                skipped: true,
                ..BillingReport::default()
            })
        }
    }
}

/// Takes the billing lock and runs every due run, or says who holds the lock. With
/// `take_over_claims` (a fresh `run-billing` process), charge and payout claims left by a
/// process that died are taken back first — only once the lock says no other pass is live.
pub fn run_exclusive(deps: &Deps, take_over_claims: bool) -> Result<Ran, AppError> {
    let held = match Held::take(deps)? {
        Ok(held) => held,
        Err(busy) => return Ok(busy),
    };
    if take_over_claims {
        outbound::release_claims(&mut *deps.connection()?)?;
    }
    let report = run_locked(deps, &held)?;
    drop(held);
    Ok(Ran::Done(report))
}

/// At server start: takes back claims left by a process that died, unless a live billing
/// pass (a `run-billing` next to the server) holds the lock — its claims are its own, and
/// they lapse by themselves if it dies.
pub fn release_stale_claims(deps: &Deps) -> Result<(), AppError> {
    if let Ok(held) = Held::take(deps)? {
        outbound::release_claims(&mut *deps.connection()?)?;
        drop(held);
    }
    Ok(())
}

/// Every run that is due, oldest first (unfinished ones resume), then the retries and
/// unfinished collections. What the reconciler calls on each tick and at start-up.
fn run_locked(deps: &Deps, held: &Held) -> Result<BillingReport, AppError> {
    let tz = deps.settings().time_zone;
    let mut report = BillingReport::default();
    for kind in [RunKind::Daily, RunKind::Weekly, RunKind::Monthly] {
        let todo = {
            let conn = deps.connection()?;
            let unfinished = store_runs::unfinished(&conn, kind)?;
            let last = store_runs::last_period(&conn, kind)?;
            let last = last.and_then(|l| parse_period(kind, &l));
            let mut todo: Vec<Period> = unfinished
                .iter()
                .filter_map(|l| parse_period(kind, l))
                .collect();
            todo.extend(due_periods(kind, tz, last, deps.now(), MAX_CATCH_UP));
            todo
        };
        for period in todo {
            if deps.stopping() {
                return Ok(report); // between runs: the next start resumes from the rows
            }
            held.renew()?;
            let cutoff = period.cutoff(tz);
            // The connection goes back before the run, which asks the gateway.
            let (run_id, done) = {
                let mut conn = deps.connection()?;
                start(&mut conn, &period, cutoff, deps.now())?
            };
            if !done {
                execute(deps, run_id, &period, &mut report)?;
            }
        }
    }
    report.retries_opened = charging::open_due_retries(deps, deps.now())?;
    report.charges += charging::collect(deps, None)?;
    report.payouts += payouts::pay(deps, None)?;
    Ok(report)
}
