//! How the app asks the background jobs for work: the kinds of nudge, pushing them onto the
//! queue, and the runtime's status. A foundation: it knows nothing of the contexts, so the
//! state can hold it and any context can nudge, while the runtime (`jobs`) sits above them all.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, broadcast, watch};

/// A nudge to move one kind of domain state forward now instead of at the next reconcile.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Job {
    DispatchOutbox,
    /// Expire offers that ran out and offer waiting orders (then pack what got assigned).
    Matching,
    /// Pack waiting kits (after a stock receipt).
    Packing,
}

pub type Storage = apalis_sqlite::SqliteStorage<Job>;

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
    catch_up: std::sync::Mutex<CatchUp>,
    /// A reconcile pass is under way: the next tick skips instead of piling a second one on.
    pass_running: AtomicBool,
    /// Shutdown began: passes stop at their next safe point (between two items of work).
    stopping: AtomicBool,
    /// Told when a pass ends, for shutdown to wait on.
    pass_ended: tokio::sync::Notify,
    /// Kinds of job asked for since the queue feeder last looked, one bit each.
    wanted: AtomicU8,
    /// Wakes the queue feeder.
    wake: tokio::sync::Notify,
    /// The workers' restarts and which are down (see `jobs::supervise`).
    supervision: watch::Sender<Supervision>,
}

/// How the supervised job workers fare: restarts since the runtime started, and the workers
/// down now (dead, or restarted and not yet running long enough to count as up).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Supervision {
    pub restarts: u64,
    pub down: Vec<&'static str>,
}

/// The start-up catch-up pass, which runs in the background while the site already answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CatchUp {
    /// The jobs runtime is off (or not started yet).
    #[default]
    Off,
    Running,
    Done,
    Failed,
}

impl CatchUp {
    pub fn as_str(self) -> &'static str {
        match self {
            CatchUp::Off => "off",
            CatchUp::Running => "running",
            CatchUp::Done => "done",
            CatchUp::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct JobsStatus {
    pub running: bool,
    pub last_reconcile: Option<DateTime<Utc>>,
    pub catch_up: CatchUp,
}

/// Held while a reconcile pass runs; dropping it lets the next tick run one.
pub struct PassGuard {
    handle: JobsHandle,
}

impl Drop for PassGuard {
    fn drop(&mut self) {
        self.handle
            .inner
            .pass_running
            .store(false, Ordering::Release);
    }
}

impl Job {
    const ALL: [Job; 3] = [Job::DispatchOutbox, Job::Matching, Job::Packing];

    fn bit(self) -> u8 {
        match self {
            Job::DispatchOutbox => 1,
            Job::Matching => 2,
            Job::Packing => 4,
        }
    }
}

/// Asking for a job writes nothing: the work itself is already recorded by the request's own
/// transaction (an outbox row, an order waiting for a worker, a kit waiting for stock), so
/// the request only wakes the queue feeder, which puts one job of each kind asked for on
/// apalis' queue however many requests asked meanwhile. A request never waits on a second
/// writer, and a lost wake is harmless: the reconciler finds the same work from the state.
impl JobsHandle {
    /// Asks for a dispatch of the outbox; a no-op when the runtime is off (tests drain instead).
    pub fn kick_outbox(&self) {
        self.want(Job::DispatchOutbox);
    }

    /// Asks for a matching pass (a new or declined order waits for its next offer).
    pub fn kick_matching(&self) {
        self.want(Job::Matching);
    }

    /// Asks for a packing pass (stock arrived for kits waiting short).
    pub fn kick_packing(&self) {
        self.want(Job::Packing);
    }

    fn want(&self, job: Job) {
        if self.inner.storage.get().is_some() {
            self.inner.wanted.fetch_or(job.bit(), Ordering::AcqRel);
            self.inner.wake.notify_one();
        }
    }

    /// The queue feeder (run by the runtime): waits to be woken, then queues each kind of job
    /// asked for since, once.
    pub async fn feed_queue(&self) {
        use apalis::prelude::TaskSink;
        let Some(storage) = self.inner.storage.get() else {
            return;
        };
        loop {
            self.inner.wake.notified().await;
            let wanted = self.inner.wanted.swap(0, Ordering::AcqRel);
            for job in Job::ALL.into_iter().filter(|j| wanted & j.bit() != 0) {
                if let Err(error) = storage.lock().await.push(job).await {
                    tracing::warn!(?job, %error, "could not queue job; the reconciler will pick it up");
                }
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

    /// Whether the runtime is up with every worker running, and when the last reconcile
    /// finished (health, readiness and admin pages).
    pub fn status(&self) -> JobsStatus {
        JobsStatus {
            running: self.inner.running.load(Ordering::Relaxed)
                && self.inner.supervision.borrow().down.is_empty(),
            last_reconcile: *self
                .inner
                .last_reconcile
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
            catch_up: *self
                .inner
                .catch_up
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Claims the right to run a reconcile pass; `None` while another one is still running.
    pub fn try_pass(&self) -> Option<PassGuard> {
        self.inner
            .pass_running
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .ok()
            .map(|_| PassGuard {
                handle: self.clone(),
            })
    }

    /// Whether shutdown has begun: long passes check this between items and stop early.
    pub fn stopping(&self) -> bool {
        self.inner.stopping.load(Ordering::Acquire)
    }

    /// Waits until no reconcile pass is running (shutdown: a pass stopping at its safe point).
    pub async fn idle(&self) {
        loop {
            let ended = self.inner.pass_ended.notified();
            tokio::pin!(ended);
            ended.as_mut().enable();
            if !self.inner.pass_running.load(Ordering::Acquire) {
                return;
            }
            ended.await;
        }
    }

    /// Tells running passes to stop at their next safe point.
    pub fn begin_stop(&self) {
        self.inner.stopping.store(true, Ordering::Release);
    }

    pub fn set_catch_up(&self, catch_up: CatchUp) {
        *self
            .inner
            .catch_up
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = catch_up;
    }

    /// Gives the handle the queue to push onto, once the runtime has set it up.
    pub fn attach(&self, storage: Storage) {
        let _ = self.inner.storage.set(Mutex::new(storage));
    }

    pub fn set_running(&self, running: bool) {
        self.inner.running.store(running, Ordering::Relaxed);
    }

    /// Notes the end of a reconcile pass.
    pub fn reconciled(&self, at: DateTime<Utc>) {
        *self
            .inner
            .last_reconcile
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(at);
    }

    /// A worker died: down until its restart has run a while.
    pub fn worker_died(&self, name: &'static str) {
        self.inner.supervision.send_modify(|s| {
            if !s.down.contains(&name) {
                s.down.push(name);
            }
        });
    }

    /// A dead worker was started again.
    pub fn worker_restarted(&self) {
        self.inner.supervision.send_modify(|s| s.restarts += 1);
    }

    /// A restarted worker has run long enough to count as up.
    pub fn worker_recovered(&self, name: &'static str) {
        self.inner
            .supervision
            .send_modify(|s| s.down.retain(|d| *d != name));
    }

    /// Follows the workers' restarts and which are down (tests wait on this).
    pub fn supervision(&self) -> watch::Receiver<Supervision> {
        self.inner.supervision.subscribe()
    }

    pub fn finished(&self, job: Job) {
        let _ = self.done_sender().send(job);
    }
}

/// Queue entries by apalis status (for `/metrics`); none before the runtime first started.
pub fn queue_depth(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let has_queue: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'Jobs')",
        [],
        |r| r.get(0),
    )?;
    if !has_queue {
        return Ok(Vec::new());
    }
    conn.prepare_cached("SELECT status, COUNT(*) AS n FROM Jobs GROUP BY status")?
        .query_map([], |r| Ok((r.get("status")?, r.get("n")?)))?
        .collect()
}
