//! Background work on apalis: a SQLite-backed queue in the same database file for work pushed
//! after a commit (latency), and a cron reconciler that re-runs whatever the domain state says
//! is due (durability: missed pushes, restarts, missed ticks). Each job is thin and
//! idempotent; the truth lives in the domain tables.

pub mod backups;
mod runtime;

pub use crate::work::{CatchUp, Job, JobsHandle, JobsStatus, PassGuard};
pub use runtime::start;

use crate::db::QueryRowCached;
use crate::notify::dispatcher::{DispatchReport, dispatch_due};
use crate::state::AppState;

/// What one pass over all due work did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DrainReport {
    pub matching: crate::matching::service::MatchingReport,
    pub packing: crate::supply::packing::PackingReport,
    pub billing: crate::billing::runs::BillingReport,
    pub mail: DispatchReport,
    pub expired_sessions: usize,
    pub backup: backups::Scheduled,
}

/// Runs every reconciler once, synchronously: what the cron tick does, and what tests and
/// `simulate` call to drain the work the clock has made due. Blocking. Once shutdown has
/// begun it stops after the step under way (each step leaves its state consistent), and the
/// next start picks up the rest.
pub fn drain(state: &AppState) -> anyhow::Result<DrainReport> {
    let mut report = DrainReport::default();
    let stop = || state.jobs.stopping();
    // Matching first: its offers and notices are mail the dispatcher then sends.
    report.matching = run_matching(state)?;
    // Packing next: new assignments get their kits, and the kit-ready notices go out below.
    report.packing = run_packing(state)?;
    if stop() {
        return Ok(report);
    }
    // Billing runs that are due (and catch-up), dunning retries, unfinished charges/payouts.
    report.billing =
        crate::billing::runs::run_due(state).map_err(|e| anyhow::anyhow!("billing: {e:?}"))?;
    report.mail = run_dispatch(state)?;
    if stop() {
        return Ok(report);
    }
    // Books settle once their order's outcome is known (the bets module's own pass).
    crate::bets::service::settle_due(&mut *state.pool.get()?, state.clock.now())
        .map_err(|e| anyhow::anyhow!("bets: {e:?}"))?;
    crate::hiring::attempts::close_overdue(
        &mut *state.pool.get()?,
        &state.settings,
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("attempts: {e:?}"))?;
    // Hiring's own pass: re-certifications falling due, and the daily screening decisions.
    crate::hiring::recert::run_due(state).map_err(|e| anyhow::anyhow!("hiring: {e:?}"))?;
    if stop() {
        return Ok(report);
    }
    // Last: the rollups then include everything the passes above changed.
    crate::reports::rollup::refresh(&mut *state.pool.get()?, state.settings.time_zone)?;
    forget_finished_jobs(state)?;
    if stop() {
        return Ok(report);
    }
    report.backup = backups::run_due(state)?;
    report.expired_sessions =
        crate::auth::service::housekeeping(&*state.pool.get()?, state.clock.now())?;
    crate::orders::janitor::sweep_if_due(state)?;
    state.jobs.reconciled(state.clock.now());
    Ok(report)
}

/// Finished queue entries are only nudges (the domain tables hold the truth): keep a week of
/// them for the admins' eyes and drop the rest, so the queue table does not grow for years.
fn forget_finished_jobs(state: &AppState) -> anyhow::Result<()> {
    let conn = state.pool.get()?;
    let has_queue: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'Jobs')",
        [],
        |r| r.get(0),
    )?;
    if has_queue {
        // apalis stamps its rows with the wall clock, so this one compares against it too.
        let week_ago = (chrono::Utc::now() - chrono::Duration::days(7)).timestamp();
        conn.execute(
            "DELETE FROM Jobs WHERE status = 'Done' AND done_at < ?1",
            [week_ago],
        )?;
    }
    Ok(())
}

fn run_matching(state: &AppState) -> anyhow::Result<crate::matching::service::MatchingReport> {
    let mut conn = state.pool.get()?;
    crate::matching::service::reconcile(
        &mut conn,
        &state.settings,
        &crate::wiring::order_hooks(),
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("matching: {e:?}"))
}

fn run_packing(state: &AppState) -> anyhow::Result<crate::supply::packing::PackingReport> {
    let outside = crate::supply::packing::Outside {
        bakery: state.bakery.as_ref(),
        limit: &state.outside,
        stop: &|| state.jobs.stopping(),
    };
    crate::supply::packing::run_due(&state.pool, &state.settings, &outside, state.clock.now())
        .map_err(|e| anyhow::anyhow!("packing: {e:?}"))
}

fn run_dispatch(state: &AppState) -> anyhow::Result<DispatchReport> {
    // Reset links asked for since the last pass become mails first (see `auth::recovery`).
    crate::auth::recovery::mail_owed(&mut *state.pool.get()?, &state.settings, state.clock.now())
        .map_err(|e| anyhow::anyhow!("reset mails: {e:?}"))?;
    dispatch_due(
        &state.pool,
        state.mailer.as_ref(),
        &state.outside,
        &state.settings,
        state.clock.as_ref(),
        &|| state.jobs.stopping(),
    )
}

/// Runs one queued job. Blocking.
fn run_job(state: &AppState, job: Job) -> anyhow::Result<()> {
    match job {
        Job::DispatchOutbox => {
            run_dispatch(state)?;
        }
        Job::Matching => {
            run_matching(state)?;
            run_packing(state)?;
            run_dispatch(state)?;
        }
        Job::Packing => {
            run_packing(state)?;
            run_dispatch(state)?;
        }
    }
    Ok(())
}
