//! Matching under an experiment: an order's arm is drawn by `split` at its first decision,
//! recorded, and from then on its decisions use that arm's strategy and settings version.
//! Everything outside the running experiment decides with the live settings.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::error::AppError;
use crate::matching::model::MatchingSettings;
use crate::matching::store::experiments as store;

/// The settings the order's next decision uses. `live` are the admin's live settings; the
/// switch to turn matching off stays with them whatever the arm.
pub fn settings_for_order(
    tx: &Connection,
    live: MatchingSettings,
    order_id: i64,
    now: DateTime<Utc>,
) -> Result<MatchingSettings, AppError> {
    let arms = store::running_arms(tx)?;
    let Some(first) = arms.first() else {
        return Ok(live);
    };
    let experiment_id = first.experiment_id;
    let arm = match store::assignment(tx, experiment_id, order_id)? {
        Some(arm) => arm,
        None if store::was_decided(tx, order_id)? => return Ok(live),
        None => {
            let shares: Vec<i64> = arms.iter().map(|a| a.share).collect();
            let index =
                crate::split::arm_for(experiment_id, order_id, &shares).ok_or_else(|| {
                    AppError::Internal(anyhow::anyhow!(
                        "experiment {experiment_id} has no arm with a share"
                    ))
                })?;
            let arm = arms[index].arm;
            store::insert_assignment(tx, experiment_id, order_id, arm, now)?;
            arm
        }
    };
    let Some(spec) = arms.iter().find(|a| a.arm == arm) else {
        return Ok(live);
    };
    let Some(mut settings) = store::version(tx, spec.settings_version)? else {
        return Ok(live);
    };
    settings.strategy = spec.strategy.clone();
    settings.enabled = live.enabled;
    Ok(settings)
}
