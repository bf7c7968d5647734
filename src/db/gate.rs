//! One writer at a time per database file, queued inside the process. SQLite lets one
//! connection write at a time anyway; a writer refused by its lock sleeps in the busy handler
//! and polls, so thirty writers at once wait in steps of milliseconds and some wait far longer
//! than their turn. Queued here instead, each is woken the moment the previous one commits.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a writer queues before going ahead and leaving the wait to SQLite's busy handler
/// (a writer stuck inside its transaction must not stop every other one for good).
const QUEUE_LIMIT: Duration = Duration::from_secs(8);

/// Commits after which the background checkpoint is woken: a small write adds a dozen or so
/// pages to the log, and SQLite itself would copy it back inside a commit at 1,000.
const CHECKPOINT_AFTER_COMMITS: u32 = 32;

#[derive(Default)]
struct Gate {
    taken: Mutex<bool>,
    freed: Condvar,
    /// Commits since the background checkpoint was last woken.
    commits: std::sync::atomic::AtomicU32,
    /// Wakes the background checkpoint (`db::keep_wal_short`).
    checkpoint_due: tokio::sync::Notify,
}

thread_local! {
    /// This thread holds a gate already: a write inside a write (on another connection) goes
    /// straight to SQLite rather than waiting on itself.
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

/// The turn of one writer; the next one goes when it is dropped.
pub struct Turn {
    gate: Option<Arc<Gate>>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(gate) = self.gate.take() {
            *lock(&gate.taken) = false;
            HOLDING.set(false);
            gate.freed.notify_one();
        }
    }
}

impl Turn {
    /// The writer committed: every `CHECKPOINT_AFTER_COMMITS` commits the background
    /// checkpoint is woken.
    pub fn committed(&self) {
        use std::sync::atomic::Ordering;
        if let Some(gate) = &self.gate {
            let n = gate.commits.fetch_add(1, Ordering::AcqRel) + 1;
            if n >= CHECKPOINT_AFTER_COMMITS {
                gate.commits.store(0, Ordering::Release);
                gate.checkpoint_due.notify_one();
            }
        }
    }
}

/// Waits until enough commits have gone into `database`'s log to copy it back.
pub async fn checkpoint_due(database: &str) {
    let gate = gate_of(database);
    gate.checkpoint_due.notified().await;
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn gate_of(database: &str) -> Arc<Gate> {
    static GATES: LazyLock<Mutex<HashMap<String, Arc<Gate>>>> = LazyLock::new(Default::default);
    let mut gates = lock(&GATES);
    // Looked up before it is entered: every write asks, and only the first needs a key made.
    match gates.get(database) {
        Some(gate) => gate.clone(),
        None => gates.entry(database.to_string()).or_default().clone(),
    }
}

/// Waits for this database's turn to write (see the module doc).
pub fn take_turn(database: &str) -> Turn {
    if HOLDING.get() {
        return Turn { gate: None };
    }
    let gate = gate_of(database);
    let deadline = Instant::now() + QUEUE_LIMIT;
    let mut taken = lock(&gate.taken);
    while *taken {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            tracing::warn!(database, "a writer held its turn too long; going ahead");
            return Turn { gate: None };
        }
        taken = gate
            .freed
            .wait_timeout(taken, left)
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    *taken = true;
    drop(taken);
    HOLDING.set(true);
    Turn { gate: Some(gate) }
}

/// The busy handler every connection gets (see `busy_wait`).
pub fn busy(retries: i32) -> bool {
    match busy_wait(retries) {
        Some(wait) => {
            std::thread::sleep(wait);
            true
        }
        None => false,
    }
}

/// How long to sleep before retry `retries`: short sleeps at first (a write takes well under a
/// millisecond), longer ones later, giving up after about 8 seconds like `busy_timeout`.
fn busy_wait(retries: i32) -> Option<Duration> {
    match retries {
        0..=19 => Some(Duration::from_micros(100)),
        20..=99 => Some(Duration::from_millis(1)),
        100..=899 => Some(Duration::from_millis(10)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_take_turns_and_a_nested_write_does_not_wait_on_itself() {
        let first = take_turn("gate-test.db");
        let inner = take_turn("gate-test.db");
        assert!(inner.gate.is_none(), "same thread: no second turn");
        drop(inner);
        let (tx, rx) = std::sync::mpsc::channel();
        let waiting = std::thread::spawn(move || {
            let turn = take_turn("gate-test.db");
            tx.send(turn.gate.is_some()).unwrap();
        });
        assert!(
            rx.recv_timeout(Duration::from_millis(30)).is_err(),
            "the second writer waits while the first holds its turn"
        );
        drop(first);
        assert!(rx.recv().unwrap(), "and writes once it is freed");
        waiting.join().unwrap();
    }

    #[tokio::test]
    async fn the_checkpoint_is_woken_after_enough_commits_and_not_before() {
        let due = checkpoint_due("gate-commits.db");
        tokio::pin!(due);
        for _ in 1..CHECKPOINT_AFTER_COMMITS {
            take_turn("gate-commits.db").committed();
        }
        let early = tokio::time::timeout(Duration::from_millis(20), due.as_mut()).await;
        assert!(early.is_err(), "not woken before");
        take_turn("gate-commits.db").committed();
        due.await;
    }

    #[test]
    fn the_busy_handler_gives_up_after_about_eight_seconds() {
        let total: Duration = (0..).map_while(busy_wait).sum();
        assert!(total > Duration::from_secs(7) && total < Duration::from_secs(9));
        assert_eq!(busy_wait(0), Some(Duration::from_micros(100)));
    }
}
