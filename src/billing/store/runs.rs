//! Billing runs (`billing_runs`): one row per (kind, period), started once and finished
//! once with its numbers.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::billing::model::RunStatus;
use crate::billing::periods::RunKind;

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
    conn.query_row(
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
    conn.prepare("SELECT period FROM billing_runs WHERE kind = ?1 AND status = ?2 ORDER BY period")?
        .query_map(params![kind, RunStatus::Running], |r| r.get("period"))?
        .collect()
}

/// The newest period of `kind` that has a run.
pub fn last_period(conn: &Connection, kind: RunKind) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT period FROM billing_runs WHERE kind = ?1 ORDER BY period DESC LIMIT 1",
        [kind],
        |r| r.get("period"),
    )
    .optional()
}
