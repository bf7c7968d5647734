//! Screening under an experiment: an applicant's arm is drawn by `split` at their first
//! decision, recorded, and from then on they are decided under that arm's policy version,
//! ranked within the same cohort. Everyone outside the running experiment is decided under
//! the active policy.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::error::AppError;
use crate::hiring::model::policy::Ranked;
use crate::hiring::service::screening::{StoredPolicy, evaluate, policy};
use crate::hiring::store::experiments as store;

/// The running experiment's arms, each with its policy and that policy's ranking of the cohort.
pub struct ArmPolicies {
    arms: Vec<(store::RunningArm, StoredPolicy, Vec<Ranked>)>,
}

/// Under which policy a candidate is decided, and their rank there.
pub struct Placement<'a> {
    pub policy_id: i64,
    pub ranked: &'a Ranked,
    pub cohort: i64,
}

impl ArmPolicies {
    pub fn load(tx: &Connection, now: DateTime<Utc>) -> Result<ArmPolicies, AppError> {
        let mut arms = Vec::new();
        for arm in store::running_arms(tx)? {
            let Some(id) = store::policy_id(tx, arm.policy_version)? else {
                continue;
            };
            let Some(p) = policy(tx, id)? else { continue };
            let ranked = evaluate(tx, &p, now)?;
            arms.push((arm, p, ranked));
        }
        Ok(ArmPolicies { arms })
    }

    /// The candidate's arm placement: `Ok(None)` when they are not in the experiment (none runs,
    /// or they were decided before it began), `Ok(Some(None))` when their arm's policy cannot
    /// score them yet (they wait), else where they stand. Draws and records the arm once.
    pub fn place(
        &self,
        tx: &Connection,
        candidate_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Option<Placement<'_>>>, AppError> {
        let Some((first, _, _)) = self.arms.first() else {
            return Ok(None);
        };
        let experiment_id = first.experiment_id;
        let arm = match store::assignment(tx, experiment_id, candidate_id)? {
            Some(arm) => arm,
            None if store::was_decided(tx, candidate_id)? => return Ok(None),
            None => {
                let shares: Vec<i64> = self.arms.iter().map(|(a, _, _)| a.share).collect();
                let Some(index) = crate::split::arm_for(experiment_id, candidate_id, &shares)
                else {
                    return Ok(None);
                };
                let arm = self.arms[index].0.arm;
                store::insert_assignment(tx, experiment_id, candidate_id, arm, now)?;
                arm
            }
        };
        let Some((_, p, ranked)) = self.arms.iter().find(|(a, _, _)| a.arm == arm) else {
            return Ok(None);
        };
        Ok(Some(
            ranked
                .iter()
                .find(|r| r.candidate_id == candidate_id)
                .map(|r| Placement {
                    policy_id: p.id,
                    ranked: r,
                    cohort: ranked.len() as i64,
                }),
        ))
    }
}
