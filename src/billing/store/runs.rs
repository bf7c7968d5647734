//! Billing runs (`billing_runs`): one row per (kind, period), started once and finished
//! once with its numbers.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::billing::model::RunStatus;
use crate::billing::model::periods::RunKind;

/// Inserts the run unless it exists; returns its id and whether it is done.
pub fn start(
    conn: &Connection,
    kind: RunKind,
    period: &str,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<(i64, bool)> {
    conn.execute(
        "INSERT INTO billing_runs (kind, period, cutoff_at, status, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, period) DO NOTHING",
        params![kind, period, cutoff, RunStatus::Running, now],
    )?;
    conn.query_row_cached(
        "SELECT id, status FROM billing_runs WHERE kind = ?1 AND period = ?2",
        params![kind, period],
        |r| {
            let status: RunStatus = r.get("status")?;
            Ok((r.get("id")?, status == RunStatus::Done))
        },
    )
}

/// Marks a run done with its numbers (documents, amount, succeeded, failed).
pub fn finish(
    conn: &Connection,
    run_id: i64,
    (documents, amount_minor, succeeded, failed): (i64, i64, i64, i64),
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE billing_runs SET status = ?7, finished_at = ?2, documents = ?3, amount_minor = ?4,
             succeeded = ?5, failed = ?6 WHERE id = ?1 AND status = ?8",
        params![
            run_id,
            now,
            documents,
            amount_minor,
            succeeded,
            failed,
            RunStatus::Done,
            RunStatus::Running
        ],
    )?;
    Ok(())
}

/// Periods of `kind` whose run started and did not finish, oldest first.
pub fn unfinished(conn: &Connection, kind: RunKind) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached(
        "SELECT period FROM billing_runs WHERE kind = ?1 AND status = ?2 ORDER BY period",
    )?
    .query_map(params![kind, RunStatus::Running], |r| r.get("period"))?
    .collect()
}

/// The newest period of `kind` that has a run.
pub fn last_period(conn: &Connection, kind: RunKind) -> rusqlite::Result<Option<String>> {
    conn.query_row_cached(
        "SELECT period FROM billing_runs WHERE kind = ?1 ORDER BY period DESC LIMIT 1",
        [kind],
        |r| r.get("period"),
    )
    .optional()
}

/// Takes the billing lock for `owner` until `until` when it is free, expired or already
/// `owner`'s (renewal). Returns the holder's name and expiry when someone else has it.
pub fn take_lock(
    conn: &Connection,
    owner: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> rusqlite::Result<Option<(String, DateTime<Utc>)>> {
    let taken = conn.execute(
        "INSERT INTO billing_lock (id, owner, expires_at) VALUES (1, ?1, ?3)
         ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE billing_lock.expires_at <= ?2 OR billing_lock.owner = excluded.owner",
        params![owner, now, until],
    )?;
    if taken == 1 {
        return Ok(None);
    }
    conn.query_row_cached(
        "SELECT owner, expires_at FROM billing_lock WHERE id = 1",
        [],
        |r| Ok((r.get("owner")?, r.get("expires_at")?)),
    )
    .optional()
}

/// Gives the lock back, if `owner` still holds it.
pub fn release_lock(conn: &Connection, owner: &str) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM billing_lock WHERE id = 1 AND owner = ?1",
        [owner],
    )?;
    Ok(())
}

/// Takes the lock over from `from`, a holder known to be gone; false when it changed hands.
pub fn take_over_lock(
    conn: &Connection,
    owner: &str,
    from: &str,
    until: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE billing_lock SET owner = ?1, expires_at = ?3 WHERE id = 1 AND owner = ?2",
        params![owner, from, until],
    )? == 1)
}

/// How many runs there are of each kind in each status (for `/metrics`).
pub fn outcomes(conn: &Connection) -> rusqlite::Result<Vec<(RunKind, RunStatus, i64)>> {
    conn.prepare_cached(
        "SELECT kind, status, COUNT(*) AS n FROM billing_runs GROUP BY kind, status",
    )?
    .query_map([], |r| Ok((r.get("kind")?, r.get("status")?, r.get("n")?)))?
    .collect()
}
