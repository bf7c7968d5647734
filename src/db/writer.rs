//! The one owner of the database's read-write connection: writes queue for it (a bounded
//! queue) and are committed in groups, one durable `COMMIT` for many writes.
//!
//! There is no writer thread: each caller runs its own closure on its own thread while it
//! holds the connection, so closures may borrow the caller's locals. Callers take turns in
//! the order they came (a ticket each). The first of a group opens `BEGIN IMMEDIATE`; each
//! write runs in its own `SAVEPOINT`, so a write that fails or panics rolls back only itself.
//! A writer that finishes while others wait leaves the transaction open for them and waits;
//! the last one of the group (nobody waiting, or the group full) commits and wakes the rest.
//! Every caller returns only after its group's `COMMIT` (`synchronous=FULL`), and a failed
//! `COMMIT` fails every member. Only then does each caller run its write's after-commit
//! effects (`WriteTx`): live topics published, jobs nudged.
//!
//! A full queue is refused at once (`error::write_queue_full`), so the web layer answers 503
//! with `Retry-After` instead of holding a request until some timeout. A write waits at most
//! `Limits::wait` in all, from its arrival: in the queue, then for SQLite's write lock when
//! another process or the jobs queue holds it. Writes that arrive together are refused
//! together (`error::write_busy`), however many of them wait behind the first.
//!
//! Sharing the file with the jobs queue: apalis-sqlite writes its own tables through its own
//! sqlx pool (pushes, polls, heartbeats), outside this writer; those writes cannot join a
//! rusqlite transaction. SQLite's write lock arbitrates between the two: this writer holds it
//! only from a group's `BEGIN IMMEDIATE` to its `COMMIT` (a few milliseconds), and each side
//! waits for the other (here until the write's deadline; the sqlx pool's `busy_timeout` is
//! 8 s). A job queue write that gives up is harmless: the
//! reconciler finds the same work from the domain state.

use std::collections::VecDeque;
use std::panic::resume_unwind;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::{self, Thread, ThreadId};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ffi};

use super::tx::WriteTx;
use crate::error::{write_busy, write_queue_full};
use crate::live::Hub;
use savepoint::{commit, run_in_savepoint};

/// How many writes may wait at once, and how many one `COMMIT` may carry.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Writes queued or running; one more is refused (`error::write_queue_full`).
    pub queue: usize,
    /// Writes in one group; a full group commits even while others wait.
    pub group: usize,
    /// How long a write may wait, in the queue and for the lock together, before it is
    /// refused as busy.
    pub wait: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        // Room for every connection of a busy site writing at once (32 browsers and the
        // jobs); the pool holds more connections than this (`db::POOL_SIZE`), so a write
        // waits here, where a full queue is answered at once, and never for a connection.
        // A group of 32 small writes runs in a few milliseconds, so its first writer is not
        // held long by those that keep arriving.
        // One wait for every write: long enough to ride out a jobs queue write or a short
        // outside command, short enough that a person is told to retry rather than left
        // staring at a spinner.
        Limits {
            queue: 48,
            group: 32,
            wait: Duration::from_secs(5),
        }
    }
}

/// Committed writes after which the background checkpoint is woken: a small write adds a dozen
/// or so pages to the log, and SQLite itself would copy it back inside a commit at 1,000.
const CHECKPOINT_AFTER_COMMITS: u32 = 32;

/// The database's writer; cheap to clone (every pooled connection carries one).
#[derive(Clone)]
pub struct Writer {
    shared: Arc<Shared>,
}

struct Shared {
    /// Only the writer whose turn it is locks it (the next one may wait a moment for the
    /// last to let go).
    conn: Mutex<Connection>,
    turns: Mutex<Turns>,
    /// Wakes the members of a group when its outcome is known.
    group_ended: Condvar,
    limits: Limits,
    live: Arc<Hub>,
    commits: AtomicU32,
    checkpoint_due: tokio::sync::Notify,
    /// Groups committed so far.
    groups: AtomicU64,
}

#[derive(Default)]
struct Turns {
    /// Writes admitted and not yet run.
    queued: usize,
    next_ticket: u64,
    /// The ticket whose turn it is (`next_ticket` when nobody waits).
    serving: u64,
    /// The writes waiting for their turn, in order; one whose deadline passes leaves.
    waiting: VecDeque<(u64, Thread)>,
    /// The thread whose turn it is (a write inside its own write is a bug, told loudly).
    holder: Option<ThreadId>,
    /// The group whose transaction is open, and how many writes it has run.
    open: Option<Arc<Group>>,
    open_size: usize,
}

/// One transaction shared by several writes; its outcome is set once, at its end.
#[derive(Default)]
struct Group {
    outcome: OnceLock<Result<(), Failure>>,
}

/// Why a whole group failed (a `COMMIT` refused, or SQLite dropping the transaction), kept
/// to give each member an error of its own.
#[derive(Debug, Clone)]
struct Failure {
    code: ffi::Error,
    message: String,
}

impl Failure {
    fn of(e: &rusqlite::Error) -> Failure {
        let code = e
            .sqlite_error()
            .copied()
            .unwrap_or(ffi::Error::new(ffi::SQLITE_ERROR));
        Failure {
            code,
            message: e.to_string(),
        }
    }

    fn to_error(&self) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(self.code, Some(self.message.clone()))
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Writer {
    /// Takes ownership of `conn`, the database's read-write connection (pragmas set).
    pub fn new(conn: Connection, limits: Limits) -> Writer {
        Writer {
            shared: Arc::new(Shared {
                conn: Mutex::new(conn),
                turns: Mutex::default(),
                group_ended: Condvar::new(),
                limits,
                live: Arc::new(Hub::new()),
                commits: AtomicU32::new(0),
                checkpoint_due: tokio::sync::Notify::new(),
                groups: AtomicU64::new(0),
            }),
        }
    }

    /// This database's live-update hub: what commits publish, what event streams hear.
    pub fn live(&self) -> &Arc<Hub> {
        &self.shared.live
    }

    /// Groups committed so far (each one `COMMIT`, however many writes it carried).
    pub fn groups_committed(&self) -> u64 {
        self.shared.groups.load(Ordering::Relaxed)
    }

    /// Waits until enough commits have gone into the log to copy it back (see `checkpoint`).
    pub async fn checkpoint_due(&self) {
        self.shared.checkpoint_due.notified().await;
    }

    /// Runs `f` as one write (see the module doc): `Ok` only once it is durably committed,
    /// after which its effects have run; on `Err` or a panic nothing of it is kept.
    pub fn write<T, E>(&self, f: impl FnOnce(&WriteTx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let deadline = Instant::now() + self.shared.limits.wait;
        self.take_turn(deadline)?;
        let conn = lock(&self.shared.conn);
        let group = match self.open_group(&conn, deadline) {
            Ok(group) => group,
            Err(e) => {
                drop(conn);
                self.done_running(None);
                return Err(e.into());
            }
        };
        let (ran, effects) = run_in_savepoint(&conn, f);
        // An I/O error or a full disk can make SQLite drop the whole transaction.
        let lost = conn.is_autocommit();
        if self.done_running(Some(lost)) {
            let outcome = if lost {
                // Told as the storage failure it almost always is, so every member of the
                // group gets the same answer as the write that met it.
                Err(Failure {
                    code: ffi::Error::new(ffi::SQLITE_IOERR),
                    message: "the write transaction was rolled back by the database".into(),
                })
            } else {
                commit(&conn)
            };
            if outcome.is_ok() {
                self.shared.groups.fetch_add(1, Ordering::Relaxed);
            }
            drop(conn);
            self.end_group(&group, outcome);
        } else {
            drop(conn);
        }
        match (ran, self.outcome_of(&group)) {
            (Err(panic), _) => resume_unwind(panic),
            (Ok(Err(e)), _) => Err(e),
            (Ok(Ok(_)), Err(failure)) => Err(failure.to_error().into()),
            (Ok(Ok(value)), Ok(())) => {
                self.count_commit();
                effects.run(&self.shared.live);
                Ok(value)
            }
        }
    }

    /// Every `CHECKPOINT_AFTER_COMMITS` committed writes the background checkpoint is woken.
    fn count_commit(&self) {
        let commits = &self.shared.commits;
        if commits.fetch_add(1, Ordering::AcqRel) + 1 >= CHECKPOINT_AFTER_COMMITS {
            commits.store(0, Ordering::Release);
            self.shared.checkpoint_due.notify_one();
        }
    }

    /// Writes queued or running now.
    #[cfg(test)]
    fn queued(&self) -> usize {
        lock(&self.shared.turns).queued
    }

    /// Queues for the connection; refused at once when the queue is full, and as busy when
    /// `deadline` passes before its turn comes.
    fn take_turn(&self, deadline: Instant) -> rusqlite::Result<()> {
        let me = thread::current();
        let mut turns = lock(&self.shared.turns);
        assert!(
            turns.holder != Some(me.id()),
            "a write inside a write: pass the outer WriteTx down instead"
        );
        if turns.queued >= self.shared.limits.queue {
            return Err(write_queue_full());
        }
        turns.queued += 1;
        let ticket = turns.next_ticket;
        turns.next_ticket += 1;
        if turns.serving != ticket {
            turns.waiting.push_back((ticket, me.clone()));
        }
        while turns.serving != ticket {
            let now = Instant::now();
            if now >= deadline {
                turns.waiting.retain(|(t, _)| *t != ticket);
                turns.queued -= 1;
                return Err(write_busy());
            }
            drop(turns);
            thread::park_timeout(deadline - now);
            turns = lock(&self.shared.turns);
        }
        turns.holder = Some(me.id());
        Ok(())
    }

    /// The group to join, beginning one when none is open: waiting for SQLite's write lock
    /// no later than `deadline`.
    fn open_group(&self, conn: &Connection, deadline: Instant) -> rusqlite::Result<Arc<Group>> {
        if let Some(open) = &lock(&self.shared.turns).open {
            return Ok(open.clone());
        }
        conn.busy_timeout(deadline.saturating_duration_since(Instant::now()))?;
        let began = conn.prepare_cached("BEGIN IMMEDIATE")?.execute([]);
        conn.busy_handler(Some(super::busy::busy))?;
        began.map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) => write_busy(),
            _ => e,
        })?;
        let group = Arc::new(Group::default());
        let mut turns = lock(&self.shared.turns);
        turns.open = Some(group.clone());
        turns.open_size = 0;
        Ok(group)
    }

    /// This write has run (`Some(lost)`) or never began (`None`); whether it must commit
    /// its group now: nobody waits to join, the group is full, or its transaction is lost.
    /// Otherwise the turn passes at once, under the same lock, so that a waiter whose
    /// deadline passes cannot leave between the choice to keep the group open and the pass.
    fn done_running(&self, ran: Option<bool>) -> bool {
        let mut turns = lock(&self.shared.turns);
        turns.queued -= 1;
        let commit = match ran {
            None => false,
            Some(lost) => {
                turns.open_size += 1;
                lost || turns.waiting.is_empty() || turns.open_size >= self.shared.limits.group
            }
        };
        if !commit {
            pass_turn(&mut turns);
        }
        commit
    }

    /// The group ended: its members learn how, and the next writer begins a new one.
    fn end_group(&self, group: &Group, outcome: Result<(), Failure>) {
        let mut turns = lock(&self.shared.turns);
        turns.open = None;
        let _ = group.outcome.set(outcome);
        self.shared.group_ended.notify_all();
        pass_turn(&mut turns);
    }

    /// Waits for the end of `group` (already known to the writer that ended it).
    fn outcome_of(&self, group: &Group) -> Result<(), Failure> {
        let mut turns = lock(&self.shared.turns);
        loop {
            if let Some(outcome) = group.outcome.get() {
                return outcome.clone();
            }
            turns = self
                .shared
                .group_ended
                .wait(turns)
                .unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// The turn goes to the first write still waiting (or to the next to arrive).
fn pass_turn(turns: &mut Turns) {
    turns.holder = None;
    turns.serving = match turns.waiting.pop_front() {
        Some((ticket, next)) => {
            next.unpark();
            ticket
        }
        None => turns.next_ticket,
    };
}

mod savepoint;
#[cfg(test)]
mod tests;
