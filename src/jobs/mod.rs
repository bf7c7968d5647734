//! Background work on apalis: a SQLite-backed queue in the same database file for work pushed
//! after a commit (latency), and a cron reconciler that re-runs whatever the domain state says
//! is due (durability: missed pushes, restarts, missed ticks). Each job is thin and
//! idempotent; the truth lives in the domain tables.

mod runtime;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, broadcast};

pub use runtime::start;

use crate::notify::dispatcher::{DispatchReport, dispatch_due};
use crate::startup::AppState;

/// A nudge to move one kind of domain state forward now instead of at the next reconcile.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Job {
    DispatchOutbox,
    /// Expire offers that ran out and offer waiting orders (then pack what got assigned).
    Matching,
    /// Pack waiting kits (after a stock receipt).
    Packing,
}

type Storage = apalis_sqlite::SqliteStorage<Job>;

#[derive(Clone, Default)]
pub struct JobsHandle {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    storage: std::sync::OnceLock<Mutex<Storage>>,
    running: AtomicBool,
    last_reconcile: std::sync::Mutex<Option<DateTime<Utc>>>,
    done: std::sync::OnceLock<broadcast::Sender<Job>>,
}

#[derive(Debug, Clone, Copy)]
pub struct JobsStatus {
    pub running: bool,
    pub last_reconcile: Option<DateTime<Utc>>,
}

impl JobsHandle {
    /// Queues a dispatch of the outbox; a no-op when the runtime is off (tests drain instead).
    pub async fn kick_outbox(&self) {
        self.push(Job::DispatchOutbox).await;
    }

    /// Queues a matching pass (a new or declined order waits for its next offer).
    pub async fn kick_matching(&self) {
        self.push(Job::Matching).await;
    }

    /// Queues a packing pass (stock arrived for kits waiting short).
    pub async fn kick_packing(&self) {
        self.push(Job::Packing).await;
    }

    async fn push(&self, job: Job) {
        use apalis::prelude::TaskSink;
        if let Some(storage) = self.inner.storage.get() {
            // A lost push is harmless: the reconciler finds the same work from the state.
            if let Err(error) = storage.lock().await.push(job).await {
                tracing::warn!(?job, %error, "could not queue job; the reconciler will pick it up");
            }
        }
    }

    /// Announces finished jobs (tests wait on this instead of sleeping).
    pub fn subscribe(&self) -> broadcast::Receiver<Job> {
        self.done_sender().subscribe()
    }

    fn done_sender(&self) -> &broadcast::Sender<Job> {
        self.inner.done.get_or_init(|| broadcast::channel(64).0)
    }

    fn finished(&self, job: Job) {
        let _ = self.done_sender().send(job);
    }
}

pub fn status(state: &AppState) -> JobsStatus {
    let inner = &state.jobs.inner;
    JobsStatus {
        running: inner.running.load(Ordering::Relaxed),
        last_reconcile: *inner
            .last_reconcile
            .lock()
            .unwrap_or_else(|e| e.into_inner()),
    }
}

/// What one pass over all due work did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DrainReport {
    pub matching: crate::matching::service::MatchingReport,
    pub packing: crate::supply::packing::PackingReport,
    pub billing: crate::billing::runs::BillingReport,
    pub mail: DispatchReport,
    pub expired_sessions: usize,
}

/// Runs every reconciler once, synchronously: what the cron tick does, and what tests and
/// `simulate` call to drain the work the clock has made due. Blocking.
pub fn drain(state: &AppState) -> anyhow::Result<DrainReport> {
    // Matching first: its offers and notices are mail the dispatcher then sends.
    let matching = run_matching(state)?;
    // Packing next: new assignments get their kits, and the kit-ready notices go out below.
    let packing = run_packing(state)?;
    // Billing runs that are due (and catch-up), dunning retries, unfinished charges/payouts.
    let billing =
        crate::billing::runs::run_due(state).map_err(|e| anyhow::anyhow!("billing: {e:?}"))?;
    let mail = run_dispatch(state)?;
    // Books settle once their order's outcome is known (the bets module's own pass).
    crate::bets::service::settle_due(&mut *state.pool.get()?, state.clock.now())
        .map_err(|e| anyhow::anyhow!("bets: {e:?}"))?;
    crate::hiring::attempts::close_overdue(&mut *state.pool.get()?, state.clock.now())
        .map_err(|e| anyhow::anyhow!("attempts: {e:?}"))?;
    // Last: the rollups then include everything the passes above changed.
    crate::reports::rollup::refresh(&mut *state.pool.get()?, state.settings.time_zone)?;
    forget_finished_jobs(state)?;
    let expired_sessions =
        crate::auth::service::housekeeping(&*state.pool.get()?, state.clock.now())?;
    *state
        .jobs
        .inner
        .last_reconcile
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(state.clock.now());
    Ok(DrainReport {
        matching,
        packing,
        billing,
        mail,
        expired_sessions,
    })
}

/// Finished queue entries are only nudges (the domain tables hold the truth): keep a week of
/// them for the admins' eyes and drop the rest, so the queue table does not grow for years.
fn forget_finished_jobs(state: &AppState) -> anyhow::Result<()> {
    let conn = state.pool.get()?;
    let has_queue: bool = conn.query_row(
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
    crate::matching::service::reconcile(&mut conn, &state.settings, state.clock.now())
        .map_err(|e| anyhow::anyhow!("matching: {e:?}"))
}

fn run_packing(state: &AppState) -> anyhow::Result<crate::supply::packing::PackingReport> {
    crate::supply::packing::run_due(
        &state.pool,
        &state.settings,
        state.bakery.as_ref(),
        state.clock.now(),
    )
    .map_err(|e| anyhow::anyhow!("packing: {e:?}"))
}

fn run_dispatch(state: &AppState) -> anyhow::Result<DispatchReport> {
    dispatch_due(
        &state.pool,
        state.mailer.as_ref(),
        &state.settings,
        state.clock.as_ref(),
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
