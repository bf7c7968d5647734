//! The limit on calls to outside systems (the bakery, Golden Hat, SMTP) in flight at once.
//! Callers hold no pooled connection during a call (read, release, call, write); the limit
//! also keeps a slow outside system from tying up every worker thread, so the web keeps its
//! threads and its connections.

use std::sync::{Condvar, Mutex};

/// Outside calls allowed in flight together: half the database pool (8), so even if every
/// caller briefly took a connection around its call, the web would keep the other half.
pub const DEFAULT_LIMIT: usize = 4;

pub struct OutsideCalls {
    limit: usize,
    in_flight: Mutex<usize>,
    freed: Condvar,
}

impl OutsideCalls {
    pub fn new(limit: usize) -> Self {
        Self {
            limit: limit.max(1),
            in_flight: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Runs `call` once fewer than `limit` calls are in flight. Blocking: call it from a
    /// blocking thread, never holding a pooled connection.
    pub fn run<T>(&self, call: impl FnOnce() -> T) -> T {
        {
            let mut n = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
            while *n >= self.limit {
                n = self.freed.wait(n).unwrap_or_else(|e| e.into_inner());
            }
            *n += 1;
        }
        let _slot = Slot(self);
        call()
    }

    /// Calls in flight now (for metrics and tests).
    pub fn in_flight(&self) -> usize {
        *self.in_flight.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for OutsideCalls {
    fn default() -> Self {
        Self::new(DEFAULT_LIMIT)
    }
}

/// Frees the slot when the call ends, also when it panics.
struct Slot<'a>(&'a OutsideCalls);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut n = self.0.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        *n -= 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn no_more_than_the_limit_run_at_once() {
        let calls = Arc::new(OutsideCalls::new(2));
        let (now, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (calls, now, peak) = (calls.clone(), now.clone(), peak.clone());
                std::thread::spawn(move || {
                    calls.run(|| {
                        let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(n, Ordering::SeqCst);
                        std::thread::yield_now();
                        now.fetch_sub(1, Ordering::SeqCst);
                    })
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(peak.load(Ordering::SeqCst) <= 2);
        assert_eq!(calls.in_flight(), 0);
    }
}
