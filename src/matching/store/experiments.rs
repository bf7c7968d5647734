//! SQL for matching's side of experiments: the kept versions of the settings, the running
//! experiment's arms (through the experiments' published view) and the orders' arms.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::super::model::{MatchingSettings, Weights};
use crate::db::QueryRowCached;

const VERSION_SELECT: &str = "SELECT version, strategy, enabled, max_attempts, daily_limit,
        travel_buffer_minutes, weight_rating, weight_qc, weight_load, weight_favourite
     FROM matching_settings_versions";

/// Settings from a row of `matching_settings` or `matching_settings_versions` (same columns).
pub(super) fn settings_from_row(r: &rusqlite::Row) -> rusqlite::Result<MatchingSettings> {
    Ok(MatchingSettings {
        version: r.get("version")?,
        strategy: r.get("strategy")?,
        enabled: r.get("enabled")?,
        max_attempts: r.get("max_attempts")?,
        daily_limit: r.get("daily_limit")?,
        travel_buffer_minutes: r.get("travel_buffer_minutes")?,
        weights: Weights {
            rating: r.get("weight_rating")?,
            qc: r.get("weight_qc")?,
            load: r.get("weight_load")?,
            favourite: r.get("weight_favourite")?,
        },
    })
}

/// Keeps a saved version of the settings for good.
pub fn keep_version(
    conn: &Connection,
    s: &MatchingSettings,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO matching_settings_versions (version, strategy, enabled, max_attempts,
             daily_limit, travel_buffer_minutes, weight_rating, weight_qc, weight_load,
             weight_favourite, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            s.version,
            s.strategy,
            s.enabled,
            s.max_attempts,
            s.daily_limit,
            s.travel_buffer_minutes,
            s.weights.rating,
            s.weights.qc,
            s.weights.load,
            s.weights.favourite,
            now
        ],
    )?;
    Ok(())
}

pub fn version(conn: &Connection, version: i64) -> rusqlite::Result<Option<MatchingSettings>> {
    conn.query_row_cached(
        &format!("{VERSION_SELECT} WHERE version = ?1"),
        [version],
        settings_from_row,
    )
    .optional()
}

/// Every kept version, newest first.
pub fn versions(conn: &Connection) -> rusqlite::Result<Vec<MatchingSettings>> {
    let mut stmt = conn.prepare_cached(&format!("{VERSION_SELECT} ORDER BY version DESC"))?;
    stmt.query_map([], settings_from_row)?.collect()
}

/// One arm of the running matching experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningArm {
    pub experiment_id: i64,
    pub arm: i64,
    pub share: i64,
    pub strategy: String,
    pub settings_version: i64,
}

/// The running matching experiment's arms, in arm order; empty when none runs.
pub fn running_arms(conn: &Connection) -> rusqlite::Result<Vec<RunningArm>> {
    let mut stmt = conn.prepare_cached(
        "SELECT experiment_id, arm, share, strategy, settings_version FROM running_experiment_arms
         WHERE decision = 'matching' ORDER BY arm",
    )?;
    stmt.query_map([], |r| {
        Ok(RunningArm {
            experiment_id: r.get("experiment_id")?,
            arm: r.get("arm")?,
            share: r.get("share")?,
            strategy: r.get("strategy")?,
            settings_version: r.get("settings_version")?,
        })
    })?
    .collect()
}

pub fn assignment(
    conn: &Connection,
    experiment_id: i64,
    order_id: i64,
) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT arm FROM matching_assignments WHERE experiment_id = ?1 AND order_id = ?2",
        [experiment_id, order_id],
        |r| r.get(0),
    )
    .optional()
}

pub fn insert_assignment(
    conn: &Connection,
    experiment_id: i64,
    order_id: i64,
    arm: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO matching_assignments (experiment_id, order_id, arm, assigned_at) VALUES (?1, ?2, ?3, ?4)",
        params![experiment_id, order_id, arm, now],
    )?;
    Ok(())
}

/// Whether matching ever decided for the order (an order decided before an experiment began
/// is not one of its units).
pub fn was_decided(conn: &Connection, order_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM matching_decisions WHERE order_id = ?1)",
        [order_id],
        |r| r.get(0),
    )
}

/// Every order's arm, for the invariant check: (experiment, order, arm).
pub fn all_assignments(conn: &Connection) -> rusqlite::Result<Vec<(i64, i64, i64)>> {
    let mut stmt = conn.prepare("SELECT experiment_id, order_id, arm FROM matching_assignments")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}
