//! Experiments as use cases: drafting, starting, stopping with an adoption (audited and
//! versioned in the deciding context), the results job, and the report a page shows.

pub mod report;
pub mod results;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use super::model::{DecisionKind, ExperimentStatus, NewExperiment};
use super::store::{self, Experiment};
use crate::audit;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::hiring::model::PolicyStatus;
use crate::hiring::service::screening;
use crate::identity::Role;
use crate::matching::store as matching;

pub use store::{experiment, list};

/// Matching's settings and decision records are the admins' trade secret: only they set up,
/// start and stop matching experiments (managers read the outcomes).
pub fn may_run(role: Role, decision: DecisionKind) -> bool {
    match decision {
        DecisionKind::Matching => role == Role::Admin,
        DecisionKind::Screening => matches!(role, Role::Manager | Role::Admin),
    }
}

/// What arms can be built from: the kept matching settings versions and the policy versions
/// an arm may use (the active one and drafts).
pub struct Choices {
    pub settings_versions: Vec<i64>,
    pub live_settings_version: i64,
    pub policies: Vec<(i64, PolicyStatus)>,
}

pub fn choices(conn: &Connection) -> Result<Choices, AppError> {
    Ok(Choices {
        settings_versions: matching::experiments::versions(conn)?
            .into_iter()
            .map(|s| s.version)
            .collect(),
        live_settings_version: matching::settings(conn)?.version,
        policies: screening::policies(conn)?
            .into_iter()
            .filter(|p| p.status != PolicyStatus::Retired)
            .map(|p| (p.version, p.status))
            .collect(),
    })
}

/// Saves a valid draft whose arms point at versions that exist; returns its id.
pub fn create(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: (i64, Role),
    new: &NewExperiment,
) -> Result<i64, AppError> {
    if !may_run(actor.1, new.decision) {
        return Err(AppError::Forbidden);
    }
    new.validate().map_err(|p| AppError::Refused(p.key()))?;
    let known = choices(conn)?;
    let arms_exist = new.arms.iter().all(|a| {
        a.settings_version
            .is_none_or(|v| known.settings_versions.contains(&v))
            && a.policy_version
                .is_none_or(|v| known.policies.iter().any(|(p, _)| *p == v))
    });
    if !arms_exist {
        return Err(AppError::Refused("experiment-problem-version"));
    }
    write_tx(conn, |tx| -> Result<i64, AppError> {
        let id = store::insert(tx, new, actor.0, now)?;
        audit::record(
            tx,
            now,
            Some(actor.0),
            "experiment.create",
            &format!("experiment:{id}"),
            json!({ "name": new.name, "decision": new.decision.as_str() }),
        )?;
        Ok(id)
    })
}

fn loaded(tx: &Connection, id: i64, role: Role) -> Result<Experiment, AppError> {
    let e = store::experiment(tx, id)?.ok_or(AppError::NotFound)?;
    if !may_run(role, e.decision) {
        return Err(AppError::Forbidden);
    }
    Ok(e)
}

/// Starts a draft: from now on its decision's units are drawn into its arms.
pub fn start(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: (i64, Role),
    id: i64,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<(), AppError> {
        let e = loaded(tx, id, actor.1)?;
        if e.status != ExperimentStatus::Draft {
            return Err(AppError::Refused("flash-experiment-not-draft"));
        }
        if store::running_for(tx, e.decision)?.is_some() {
            return Err(AppError::Refused("flash-experiment-one-running"));
        }
        store::start(tx, id, now)?;
        audit::record(
            tx,
            now,
            Some(actor.0),
            "experiment.start",
            &format!("experiment:{id}"),
            json!({}),
        )?;
        Ok(())
    })
}

/// Stops a running experiment; `adopt` makes one arm the live settings or policy.
pub fn stop(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: (i64, Role),
    id: i64,
    adopt: Option<i64>,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<(), AppError> {
        let e = loaded(tx, id, actor.1)?;
        if e.status != ExperimentStatus::Running {
            return Err(AppError::Refused("flash-experiment-not-running"));
        }
        let arm = match adopt {
            Some(a) => Some(
                e.arms
                    .iter()
                    .find(|x| x.arm == a)
                    .ok_or(AppError::BadRequest)?,
            ),
            None => None,
        };
        store::stop(tx, id, adopt, now)?;
        if let Some(arm) = arm {
            adopt_arm(tx, now, actor.0, &e, arm)?;
        }
        audit::record(
            tx,
            now,
            Some(actor.0),
            "experiment.stop",
            &format!("experiment:{id}"),
            json!({ "adopted_arm": adopt }),
        )?;
        Ok(())
    })
}

fn adopt_arm(
    tx: &WriteTx,
    now: DateTime<Utc>,
    actor: i64,
    e: &Experiment,
    arm: &store::Arm,
) -> Result<(), AppError> {
    let from = format!("experiment:{}/arm:{}", e.id, arm.arm);
    if let (Some(strategy), Some(version)) = (&arm.spec.strategy, arm.spec.settings_version) {
        let live = matching::settings(tx)?;
        let mut new = matching::experiments::version(tx, version)?.ok_or(AppError::NotFound)?;
        new.strategy = strategy.clone();
        new.enabled = live.enabled;
        // The live settings already are this arm: nothing to version.
        let same = new.strategy == live.strategy
            && new.weights == live.weights
            && new.max_attempts == live.max_attempts
            && new.daily_limit == live.daily_limit
            && new.travel_buffer_minutes == live.travel_buffer_minutes;
        if !same {
            crate::matching::service::save_settings_in(tx, now, actor, &live, &new, Some(&from))?;
        }
    }
    if let Some(version) = arm.spec.policy_version {
        let id =
            crate::hiring::store::experiments::policy_id(tx, version)?.ok_or(AppError::NotFound)?;
        let p = screening::policy(tx, id)?.ok_or(AppError::NotFound)?;
        match p.status {
            PolicyStatus::Active => {}
            PolicyStatus::Draft => {
                screening::activate_in(tx, now, actor, id, Some(&from))?;
            }
            PolicyStatus::Retired => {
                return Err(AppError::Refused("flash-experiment-retired-policy"));
            }
        }
    }
    Ok(())
}

/// Throws a draft away.
pub fn delete(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: (i64, Role),
    id: i64,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<(), AppError> {
        loaded(tx, id, actor.1)?;
        if !store::delete_draft(tx, id)? {
            return Err(AppError::Refused("flash-experiment-not-draft"));
        }
        audit::record(
            tx,
            now,
            Some(actor.0),
            "experiment.delete",
            &format!("experiment:{id}"),
            json!({}),
        )?;
        Ok(())
    })
}
