//! SQL for experiments: the experiments and their arms, and the results snapshot the pages
//! read. The units' facts come from the deciding contexts' published views (`units`).

pub mod invariants;
pub mod units;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::{ArmSpec, DecisionKind, ExperimentStatus, Metric, NewExperiment};
use crate::db::QueryRowCached;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arm {
    pub arm: i64,
    pub spec: ArmSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Experiment {
    pub id: i64,
    pub name: String,
    pub hypothesis: String,
    pub decision: DecisionKind,
    pub status: ExperimentStatus,
    pub primary_metric: Metric,
    pub target_per_arm: i64,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub stopped_at: Option<DateTime<Utc>>,
    pub adopted_arm: Option<i64>,
    pub results_at: Option<DateTime<Utc>>,
    pub sample_noticed: bool,
    pub guardrail_noticed: bool,
    pub arms: Vec<Arm>,
}

pub fn insert(
    conn: &Connection,
    e: &NewExperiment,
    created_by: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO experiments (name, hypothesis, decision, primary_metric, target_per_arm, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![e.name.trim(), e.hypothesis.trim(), e.decision, e.primary_metric, e.target_per_arm, created_by, now],
    )?;
    let id = conn.last_insert_rowid();
    for (i, a) in e.arms.iter().enumerate() {
        conn.execute(
            "INSERT INTO experiment_arms (experiment_id, arm, label, share, strategy, settings_version, policy_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, i as i64, a.label.trim(), a.share, a.strategy, a.settings_version, a.policy_version],
        )?;
    }
    Ok(id)
}

fn arms(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Arm>> {
    let mut stmt = conn.prepare_cached(
        "SELECT arm, label, share, strategy, settings_version, policy_version
         FROM experiment_arms WHERE experiment_id = ?1 ORDER BY arm",
    )?;
    stmt.query_map([id], |r| {
        Ok(Arm {
            arm: r.get("arm")?,
            spec: ArmSpec {
                label: r.get("label")?,
                share: r.get("share")?,
                strategy: r.get("strategy")?,
                settings_version: r.get("settings_version")?,
                policy_version: r.get("policy_version")?,
            },
        })
    })?
    .collect()
}

const SELECT: &str =
    "SELECT id, name, hypothesis, decision, status, primary_metric, target_per_arm,
        created_at, started_at, stopped_at, adopted_arm, results_at,
        sample_noticed_at IS NOT NULL AS sample_noticed,
        guardrail_noticed_at IS NOT NULL AS guardrail_noticed
     FROM experiments";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Experiment> {
    Ok(Experiment {
        id: r.get("id")?,
        name: r.get("name")?,
        hypothesis: r.get("hypothesis")?,
        decision: r.get("decision")?,
        status: r.get("status")?,
        primary_metric: r.get("primary_metric")?,
        target_per_arm: r.get("target_per_arm")?,
        created_at: r.get("created_at")?,
        started_at: r.get("started_at")?,
        stopped_at: r.get("stopped_at")?,
        adopted_arm: r.get("adopted_arm")?,
        results_at: r.get("results_at")?,
        sample_noticed: r.get("sample_noticed")?,
        guardrail_noticed: r.get("guardrail_noticed")?,
        arms: Vec::new(),
    })
}

pub fn experiment(conn: &Connection, id: i64) -> rusqlite::Result<Option<Experiment>> {
    let Some(mut e) = conn
        .query_row_cached(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
    else {
        return Ok(None);
    };
    e.arms = arms(conn, id)?;
    Ok(Some(e))
}

/// Every experiment, running first, then the newest.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Experiment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} ORDER BY status = 'running' DESC, id DESC LIMIT 200"
    ))?;
    let mut all: Vec<Experiment> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for e in &mut all {
        e.arms = arms(conn, e.id)?;
    }
    Ok(all)
}

/// Experiments whose snapshot may be out of date: the running ones, and stopped ones not yet
/// recomputed since they stopped.
pub fn to_refresh(conn: &Connection, stale_before: DateTime<Utc>) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM experiments
         WHERE (status = 'running' AND (results_at IS NULL OR results_at < ?1))
            OR (status = 'stopped' AND (results_at IS NULL OR results_at < stopped_at)) ORDER BY id",
    )?;
    stmt.query_map([stale_before], |r| r.get(0))?.collect()
}

/// The running experiment of a decision, if any.
pub fn running_for(conn: &Connection, decision: DecisionKind) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT id FROM experiments WHERE status = 'running' AND decision = ?1",
        [decision],
        |r| r.get(0),
    )
    .optional()
}

pub fn start(conn: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE experiments SET status = 'running', started_at = ?2 WHERE id = ?1 AND status = 'draft'",
        params![id, now],
    )? == 1)
}

pub fn stop(
    conn: &Connection,
    id: i64,
    adopted: Option<i64>,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE experiments SET status = 'stopped', stopped_at = ?2, adopted_arm = ?3
         WHERE id = ?1 AND status = 'running'",
        params![id, now, adopted],
    )? == 1)
}

/// A draft can be thrown away; nothing has been assigned under it.
pub fn delete_draft(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    let draft: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM experiments WHERE id = ?1 AND status = 'draft')",
        [id],
        |r| r.get(0),
    )?;
    if draft {
        conn.execute("DELETE FROM experiment_arms WHERE experiment_id = ?1", [id])?;
        conn.execute("DELETE FROM experiments WHERE id = ?1", [id])?;
    }
    Ok(draft)
}

pub fn mark_noticed(
    conn: &Connection,
    id: i64,
    guardrail: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let column = if guardrail {
        "guardrail_noticed_at"
    } else {
        "sample_noticed_at"
    };
    conn.execute(
        &format!("UPDATE experiments SET {column} = ?2 WHERE id = ?1 AND {column} IS NULL"),
        params![id, now],
    )?;
    Ok(())
}

/// One row of the results snapshot: a metric's sums in one arm for the units first decided on
/// one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub metric: Metric,
    pub arm: i64,
    pub day: NaiveDate,
    pub n: i64,
    pub total: i64,
    pub total_sq: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArmTotals {
    pub arm: i64,
    pub units: i64,
    pub jobs: i64,
    pub workers: i64,
    pub top_fifth_jobs: i64,
}

/// Replaces the experiment's snapshot in one go.
pub fn replace_results(
    conn: &Connection,
    id: i64,
    rows: &[ResultRow],
    totals: &[ArmTotals],
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM experiment_results WHERE experiment_id = ?1",
        [id],
    )?;
    conn.execute(
        "DELETE FROM experiment_arm_totals WHERE experiment_id = ?1",
        [id],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO experiment_results (experiment_id, metric, arm, day, n, total, total_sq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in rows {
        insert.execute(params![
            id,
            r.metric,
            r.arm,
            r.day.to_string(),
            r.n,
            r.total,
            r.total_sq
        ])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO experiment_arm_totals (experiment_id, arm, units, jobs, workers, top_fifth_jobs)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for s in totals {
        insert.execute(params![
            id,
            s.arm,
            s.units,
            s.jobs,
            s.workers,
            s.top_fifth_jobs
        ])?;
    }
    conn.execute(
        "UPDATE experiments SET results_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

pub fn results(conn: &Connection, id: i64) -> rusqlite::Result<Vec<ResultRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT metric, arm, day, n, total, total_sq FROM experiment_results
         WHERE experiment_id = ?1 ORDER BY metric, day, arm",
    )?;
    stmt.query_map([id], |r| {
        Ok(ResultRow {
            metric: r.get("metric")?,
            arm: r.get("arm")?,
            day: r.get("day")?,
            n: r.get("n")?,
            total: r.get("total")?,
            total_sq: r.get("total_sq")?,
        })
    })?
    .collect()
}

pub fn arm_totals(conn: &Connection, id: i64) -> rusqlite::Result<Vec<ArmTotals>> {
    let mut stmt = conn.prepare_cached(
        "SELECT arm, units, jobs, workers, top_fifth_jobs FROM experiment_arm_totals WHERE experiment_id = ?1 ORDER BY arm",
    )?;
    stmt.query_map([id], |r| {
        Ok(ArmTotals {
            arm: r.get("arm")?,
            units: r.get("units")?,
            jobs: r.get("jobs")?,
            workers: r.get("workers")?,
            top_fifth_jobs: r.get("top_fifth_jobs")?,
        })
    })?
    .collect()
}
