//! The janitor of stored files: removes content no report or signature refers to (left by a
//! request whose transaction failed or a crash) and stale temporary uploads. It walks the
//! files folder, so it runs at most once a day, from the reconciler. It also removes the bytes
//! the retention pass released.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use crate::orders::{service::files, store::records};

/// A file younger than this may belong to a request still in flight.
const GRACE: Duration = Duration::from_secs(60 * 60);
const EVERY_SECONDS: i64 = 24 * 60 * 60;

/// When this process last swept (wall-clock seconds; file times are wall clock too).
static LAST_SWEEP: AtomicI64 = AtomicI64::new(i64::MIN);

/// Sweeps when the last sweep of this process is a day old; returns the files removed.
/// Blocking: the reconciler runs it on its own thread.
pub fn sweep_if_due(
    conn: &rusqlite::Connection,
    data_dir: &std::path::Path,
) -> anyhow::Result<usize> {
    let now = chrono::Utc::now().timestamp();
    let last = LAST_SWEEP.load(Ordering::SeqCst);
    if now.saturating_sub(last) < EVERY_SECONDS
        || LAST_SWEEP
            .compare_exchange(last, now, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
    {
        return Ok(0);
    }
    let removed = files::sweep(
        data_dir,
        |sha| Ok(records::file_referenced(conn, sha)?),
        SystemTime::now() - GRACE,
    )?;
    if removed > 0 {
        tracing::info!(removed, "removed unreferenced uploaded files");
    }
    Ok(removed)
}

/// Removes the stored content of files and signatures just marked removed (the retention
/// pass, after its commit), where nothing else refers to the same bytes; returns how many.
/// Content touched within the grace period is left for the daily sweep.
pub fn remove_released(
    conn: &rusqlite::Connection,
    data_dir: &std::path::Path,
    hashes: &[String],
) -> anyhow::Result<usize> {
    let cutoff = SystemTime::now() - GRACE;
    let mut removed = 0;
    for sha in hashes {
        let referenced = |sha: &str| Ok(records::file_referenced(conn, sha)?);
        if files::remove_unreferenced(data_dir, sha, referenced, cutoff)? {
            removed += 1;
        }
    }
    Ok(removed)
}
