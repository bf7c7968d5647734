//! SQL for hiring's side of experiments: the running screening experiment's arms (through the
//! experiments' published view) and the applicants' arms.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::db::QueryRowCached;

/// One arm of the running screening experiment: its share and its policy's version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningArm {
    pub experiment_id: i64,
    pub arm: i64,
    pub share: i64,
    pub policy_version: i64,
}

pub fn running_arms(conn: &Connection) -> rusqlite::Result<Vec<RunningArm>> {
    let mut stmt = conn.prepare_cached(
        "SELECT experiment_id, arm, share, policy_version FROM running_experiment_arms
         WHERE decision = 'screening' ORDER BY arm",
    )?;
    stmt.query_map([], |r| {
        Ok(RunningArm {
            experiment_id: r.get("experiment_id")?,
            arm: r.get("arm")?,
            share: r.get("share")?,
            policy_version: r.get("policy_version")?,
        })
    })?
    .collect()
}

pub fn assignment(
    conn: &Connection,
    experiment_id: i64,
    candidate_id: i64,
) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT arm FROM screening_assignments WHERE experiment_id = ?1 AND candidate_id = ?2",
        [experiment_id, candidate_id],
        |r| r.get(0),
    )
    .optional()
}

pub fn insert_assignment(
    conn: &Connection,
    experiment_id: i64,
    candidate_id: i64,
    arm: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO screening_assignments (experiment_id, candidate_id, arm, assigned_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![experiment_id, candidate_id, arm, now],
    )?;
    Ok(())
}

/// Whether the candidate was ever decided (someone decided before an experiment began is not
/// one of its units).
pub fn was_decided(conn: &Connection, candidate_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM hiring_decisions WHERE candidate_id = ?1)",
        [candidate_id],
        |r| r.get(0),
    )
}

/// The policy's id by its version.
pub fn policy_id(conn: &Connection, version: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT id FROM screening_policies WHERE version = ?1",
        [version],
        |r| r.get(0),
    )
    .optional()
}

/// Every applicant's arm, for the invariant check: (experiment, candidate, arm).
pub fn all_assignments(conn: &Connection) -> rusqlite::Result<Vec<(i64, i64, i64)>> {
    let mut stmt =
        conn.prepare("SELECT experiment_id, candidate_id, arm FROM screening_assignments")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}
