//! Background work on apalis: a SQLite-backed queue in the same database file for work pushed
//! after a commit (latency), and a cron reconciler that re-runs whatever the domain state says
//! is due (durability: missed pushes, restarts, missed ticks). Each job is thin and
//! idempotent; the truth lives in the domain tables.

mod alone;
pub mod backups;
mod queue_pool;
pub mod retention;
mod runtime;
mod supervise;

pub use crate::work::{CatchUp, Job, JobsHandle, JobsStatus, PassGuard, Supervision};
pub use runtime::start;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use crate::db::QueryRowCached;
use crate::notify::service::dispatcher::{DispatchReport, Outside, dispatch_due};
use crate::orders::service::Hooks;
use crate::state::AppState;
use crate::wiring::Ports;

/// What the background work runs with: the shared state, the outside systems it calls and
/// the order lifecycle's hooks. Built by `startup` (or by `simulate` with simulators).
#[derive(Clone)]
pub struct Runner {
    pub state: AppState,
    pub ports: Ports,
    pub hooks: Hooks,
    /// Which kinds of queued job are running (one run of each at a time).
    alone: alone::Alone,
    /// When the last scheduled backup failed (so admins hear of it once, not every tick).
    backup_failed_at: Arc<Mutex<Option<DateTime<Utc>>>>,
}

impl Runner {
    pub fn new(state: AppState, ports: Ports) -> Runner {
        Runner {
            state,
            ports,
            hooks: crate::wiring::order_hooks(),
            alone: alone::Alone::default(),
            backup_failed_at: Arc::default(),
        }
    }

    /// What billing works with, through this runner's gateway.
    pub fn billing(&self) -> crate::billing::Deps {
        crate::wiring::billing_deps(&self.state, &self.ports.gateway)
    }

    fn backup_failed_at(&self) -> Option<DateTime<Utc>> {
        *self
            .backup_failed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn set_backup_failed_at(&self, at: Option<DateTime<Utc>>) {
        *self
            .backup_failed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = at;
    }
}

/// What one pass over all due work did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DrainReport {
    pub matching: crate::matching::service::MatchingReport,
    pub packing: crate::supply::service::packing::PackingReport,
    pub billing: crate::billing::runs::BillingReport,
    pub mail: DispatchReport,
    pub expired_sessions: usize,
    pub backup: backups::Scheduled,
    pub retention: retention::RetentionReport,
    pub reminders: crate::schedule::service::reminders::ReminderReport,
    /// Series visits placed as orders.
    pub series_placed: usize,
}

/// Runs every reconciler once, synchronously: what the cron tick does, and what tests and
/// `simulate` call to drain the work the clock has made due. Blocking. Once shutdown has
/// begun it stops after the step under way (each step leaves its state consistent), and the
/// next start picks up the rest.
pub fn drain(runner: &Runner) -> anyhow::Result<DrainReport> {
    let state = &runner.state;
    let mut report = DrainReport::default();
    let stop = || state.jobs.stopping();
    // Series visits coming within the window become orders first, so matching sees them.
    report.series_placed = crate::schedule::service::series::run_due(
        &mut *state.pool.get()?,
        &state.settings(),
        &runner.hooks,
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("series: {e:?}"))?;
    // Matching first: its offers and notices are mail the dispatcher then sends.
    report.matching = run_matching(runner)?;
    // Packing next: new assignments get their kits, and the kit-ready notices go out below.
    report.packing = run_packing(runner)?;
    if stop() {
        return Ok(report);
    }
    // Billing runs that are due (and catch-up), dunning retries, unfinished charges/payouts.
    report.billing = crate::billing::runs::run_due(&runner.billing())
        .map_err(|e| anyhow::anyhow!("billing: {e:?}"))?;
    // Reminders before the mail, so they go out in this pass.
    report.reminders = crate::schedule::service::reminders::run_due(
        &mut *state.pool.get()?,
        &state.settings(),
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("reminders: {e:?}"))?;
    report.mail = run_dispatch(runner)?;
    if stop() {
        return Ok(report);
    }
    // Books settle once their order's outcome is known (the bets module's own pass); with
    // bets off the books wait untouched, and settle when bets are on again.
    if state.settings().business.bets {
        crate::bets::service::settle_due(&mut *state.pool.get()?, state.clock.now())
            .map_err(|e| anyhow::anyhow!("bets: {e:?}"))?;
    }
    crate::hiring::service::attempts::close_overdue(
        &mut *state.pool.get()?,
        &state.settings(),
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("attempts: {e:?}"))?;
    // Hiring's own pass: re-certifications falling due, and the daily screening decisions.
    crate::hiring::service::recert::run_due(
        &mut *state.pool.get()?,
        &state.settings(),
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("hiring: {e:?}"))?;
    // Experiments' figures, from everything the passes above changed.
    crate::experiments::service::results::refresh_due(
        &mut *state.pool.get()?,
        &state.settings(),
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("experiments: {e:?}"))?;
    if stop() {
        return Ok(report);
    }
    // Last: the rollups then include everything the passes above changed.
    crate::reports::store::rollup::refresh(&mut *state.pool.get()?, state.settings().time_zone)?;
    forget_finished_jobs(state)?;
    if stop() {
        return Ok(report);
    }
    report.backup = backups::run_due(runner)?;
    report.expired_sessions =
        crate::auth::service::housekeeping(&mut *state.pool.get()?, state.clock.now())?;
    // Before the janitor, which then also takes any bytes an interrupted pass left behind.
    report.retention = retention::run_due(state)?;
    crate::orders::service::janitor::sweep_if_due(&*state.pool.get()?, &state.settings().data_dir)?;
    state.jobs.reconciled(state.clock.now());
    Ok(report)
}

/// Finished queue entries are only nudges (the domain tables hold the truth): keep a week of
/// them for the admins' eyes and drop the rest, so the queue table does not grow for years.
fn forget_finished_jobs(state: &AppState) -> anyhow::Result<()> {
    let mut conn = state.pool.get()?;
    let has_queue: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'Jobs')",
        [],
        |r| r.get(0),
    )?;
    if has_queue {
        // apalis stamps its rows with the wall clock, so this one compares against it too.
        let week_ago = (chrono::Utc::now() - chrono::Duration::days(7)).timestamp();
        crate::db::write_tx(&mut conn, |tx| {
            tx.execute(
                "DELETE FROM Jobs WHERE status = 'Done' AND done_at < ?1",
                [week_ago],
            )
        })?;
    }
    Ok(())
}

fn run_matching(runner: &Runner) -> anyhow::Result<crate::matching::service::MatchingReport> {
    let state = &runner.state;
    let mut conn = state.pool.get()?;
    crate::matching::service::reconcile(
        &mut conn,
        &state.settings(),
        &runner.hooks,
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("matching: {e:?}"))
}

fn run_packing(runner: &Runner) -> anyhow::Result<crate::supply::service::packing::PackingReport> {
    let state = &runner.state;
    let outside = crate::supply::service::packing::Outside {
        bakery: runner.ports.bakery.as_ref(),
        limit: &state.outside,
        stop: &|| state.jobs.stopping(),
    };
    crate::supply::service::packing::run_due(
        &state.pool,
        &state.settings(),
        &outside,
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("packing: {e:?}"))
}

fn run_dispatch(runner: &Runner) -> anyhow::Result<DispatchReport> {
    let state = &runner.state;
    // Reset links asked for since the last pass become mails first (see `auth::recovery`).
    crate::auth::service::recovery::mail_owed(&mut *state.pool.get()?, state.clock.now())
        .map_err(|e| anyhow::anyhow!("reset mails: {e:?}"))?;
    let settings = state.settings();
    let outside = Outside {
        mailer: runner.ports.mailer.as_ref(),
        attachments: &crate::wiring::MailAttachments {
            base_url: &settings.base_url,
            company: &settings.business.company_name,
            pickup_point: &settings.supply.pickup_points[0],
        },
        limit: &state.outside,
        stop: &|| state.jobs.stopping(),
    };
    dispatch_due(&state.pool, &settings, state.clock.as_ref(), &outside)
}

/// Runs one queued job. Blocking.
pub(crate) fn run_job(runner: &Runner, job: Job) -> anyhow::Result<()> {
    match job {
        Job::DispatchOutbox => {
            run_dispatch(runner)?;
        }
        Job::Matching => {
            run_matching(runner)?;
            run_packing(runner)?;
            run_dispatch(runner)?;
        }
        Job::Packing => {
            run_packing(runner)?;
            run_dispatch(runner)?;
        }
    }
    Ok(())
}
