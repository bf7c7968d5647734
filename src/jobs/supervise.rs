//! Keeps each job worker running: one that ends while the process is not shutting down (an
//! error such as a full disk, a panic, or an end nobody asked for) starts again after a
//! backoff, is counted in `/metrics` and logged, and reads as down (jobs not running, so
//! `/readyz` says not ready) until its restart has run a while.

use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::work::JobsHandle;

/// The wait before the first restart; it doubles with each failure in a row up to the most.
const FIRST_DELAY: Duration = Duration::from_millis(100);
/// The longest wait is also how late the jobs (and `/readyz`) come back after the cause goes
/// away, such as a disk being freed; a failed start costs one poll, so a few seconds is cheap.
const MOST_DELAY: Duration = Duration::from_secs(5);
/// A run this long counts as healthy: the next failure waits the first delay again.
const HEALTHY_RUN: Duration = Duration::from_secs(60);
/// How long a restarted worker runs before it counts as up again: one that dies at once on a
/// disk still full stays down throughout instead of flickering up between attempts.
const UP_AFTER: Duration = Duration::from_secs(1);

/// The delays between restarts: doubling while the worker keeps failing, back to the first
/// after a healthy run.
#[derive(Debug)]
struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff { next: FIRST_DELAY }
    }
}

impl Backoff {
    /// The wait before restarting a worker that ran for `ran` before it ended.
    fn after(&mut self, ran: Duration) -> Duration {
        if ran >= HEALTHY_RUN {
            self.next = FIRST_DELAY;
        }
        let delay = self.next;
        self.next = (self.next * 2).min(MOST_DELAY);
        delay
    }
}

/// Whether shutdown has begun: the signal fired (or its sender is gone) or the jobs stop.
fn stopping(stop: &watch::Receiver<bool>, jobs: &JobsHandle) -> bool {
    *stop.borrow() || stop.has_changed().is_err() || jobs.stopping()
}

/// Runs `run(n)` for the `n`-th time (from 0) on its own task, again and again, until the
/// stop signal: `run` must itself return soon after `stop` turns true.
pub(super) async fn supervise<F, Fut>(
    name: &'static str,
    jobs: JobsHandle,
    mut stop: watch::Receiver<bool>,
    mut run: F,
) where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
{
    // At zero from the start, so the series exists before the first restart.
    let restarts = metrics::counter!("whiskerworks_job_worker_restarts_total", "worker" => name);
    restarts.increment(0);
    let mut backoff = Backoff::default();
    for incarnation in 0.. {
        let started = Instant::now();
        let mut task = tokio::spawn(run(incarnation));
        let ended = if incarnation == 0 {
            (&mut task).await
        } else {
            tokio::select! {
                ended = &mut task => ended,
                () = tokio::time::sleep(UP_AFTER) => {
                    jobs.worker_recovered(name);
                    tracing::info!(worker = name, "job worker running again");
                    (&mut task).await
                }
            }
        };
        if stopping(&stop, &jobs) {
            return;
        }
        let why = match ended {
            Ok(Ok(())) => "it ended by itself".to_string(),
            Ok(Err(error)) => format!("{error:#}"),
            Err(error) if error.is_panic() => format!("panic: {}", panic_text(error)),
            Err(error) => error.to_string(),
        };
        jobs.worker_died(name);
        let delay = backoff.after(started.elapsed());
        tracing::error!(
            worker = name,
            error = %why,
            restart_in_ms = delay.as_millis() as u64,
            "job worker stopped; restarting it"
        );
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        if stopping(&stop, &jobs) {
            return;
        }
        restarts.increment(1);
        jobs.worker_restarted();
    }
}

fn panic_text(error: tokio::task::JoinError) -> String {
    let payload = error.into_panic();
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restarts_wait_longer_while_failing_and_start_over_after_a_healthy_run() {
        let mut backoff = Backoff::default();
        let quick = Duration::from_millis(5);
        let waits: Vec<u128> = (0..12).map(|_| backoff.after(quick).as_millis()).collect();
        assert_eq!(
            &waits[..6],
            &[100, 200, 400, 800, 1600, 3200],
            "doubling from 100 ms"
        );
        assert_eq!(waits[11], 5_000, "at most 5 s");
        assert_eq!(backoff.after(HEALTHY_RUN).as_millis(), 100);
        assert_eq!(backoff.after(quick).as_millis(), 200);
    }

    #[tokio::test]
    async fn a_dying_worker_is_restarted_and_down_until_it_runs_again() {
        let jobs = JobsHandle::default();
        jobs.set_running(true);
        let (stop_tx, stop) = watch::channel(false);
        let mut seen = jobs.supervision();
        let supervisor = tokio::spawn(supervise("test", jobs.clone(), stop, |n| async move {
            match n {
                0 => anyhow::bail!("disk full"),
                1 => panic!("again"),
                _ => std::future::pending().await,
            }
        }));

        seen.wait_for(|s| s.restarts == 2).await.unwrap();
        assert!(!jobs.status().running, "down until it has run a while");
        seen.wait_for(|s| s.down.is_empty()).await.unwrap();
        assert!(jobs.status().running);
        stop_tx.send(true).unwrap();
        // The third run never returns: the supervisor is stuck on it only until aborted.
        supervisor.abort();
    }
}
