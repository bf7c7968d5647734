//! Experiments in the simulation: from the first day the admin runs a matching experiment
//! (random against score over the live settings) to the end of the run; when the second
//! screening policy is drafted, a manager tests it against the active one on new applicants,
//! and later stops the test adopting it (then everyone is decided again under it).

use std::fmt::Write;

use anyhow::anyhow;

use super::World;
use crate::auth::model::Role;
use crate::experiments::model::{ArmSpec, DecisionKind, Metric, NewExperiment};
use crate::experiments::service;
use crate::experiments::store;

fn arm(label: &str, strategy: Option<&str>, settings: Option<i64>, policy: Option<i64>) -> ArmSpec {
    ArmSpec {
        label: label.into(),
        share: 50,
        strategy: strategy.map(String::from),
        settings_version: settings,
        policy_version: policy,
    }
}

fn refused(e: crate::error::AppError) -> anyhow::Error {
    anyhow!("simulated experiment step refused: {e:?}")
}

/// The admin starts the matching experiment over the live settings.
pub fn start_matching(w: &mut World) -> anyhow::Result<()> {
    let now = w.clock.now_utc();
    let mut conn = w.state.pool.get()?;
    let live = crate::matching::store::settings(&conn)?.version;
    let matching = NewExperiment {
        name: "Score against random".into(),
        hypothesis: "Offering orders to the best-rated free worker gives better-rated work.".into(),
        decision: DecisionKind::Matching,
        primary_metric: Metric::ClientRating,
        target_per_arm: 300,
        arms: vec![
            arm("Random", Some("random"), Some(live), None),
            arm("Score", Some("score"), Some(live), None),
        ],
    };
    let admin = (w.admin_id, Role::Admin);
    let id = service::create(&mut conn, now, admin, &matching).map_err(refused)?;
    service::start(&mut conn, now, admin, id).map_err(refused)?;
    writeln!(
        w.log,
        "day 1: the admin started matching experiment {id} (random against score)"
    )?;
    Ok(())
}

/// A manager tests the drafted policy `version` against the active one on new applicants.
pub fn start_screening(w: &mut World, version: i64) -> anyhow::Result<i64> {
    let now = w.clock.now_utc();
    let mut conn = w.state.pool.get()?;
    let active = crate::hiring::service::screening::active(&conn)?
        .ok_or_else(|| anyhow!("no active screening policy"))?;
    let screening = NewExperiment {
        name: format!("Policy v{version} against v{}", active.version),
        hypothesis: "Asking for a written answer finds applicants who work better.".into(),
        decision: DecisionKind::Screening,
        primary_metric: Metric::HireRate,
        target_per_arm: 20,
        arms: vec![
            arm(
                &format!("Policy v{}", active.version),
                None,
                None,
                Some(active.version),
            ),
            arm(&format!("Policy v{version}"), None, None, Some(version)),
        ],
    };
    let manager = (w.manager_id, Role::Manager);
    let id = service::create(&mut conn, now, manager, &screening).map_err(refused)?;
    service::start(&mut conn, now, manager, id).map_err(refused)?;
    Ok(id)
}

/// The manager stops the screening experiment adopting its second arm, and decides everyone
/// again under the policy now active.
pub fn adopt_screening(w: &mut World) -> anyhow::Result<String> {
    let now = w.clock.now_utc();
    let mut conn = w.state.pool.get()?;
    let Some(id) = store::running_for(&conn, DecisionKind::Screening)? else {
        return Ok("no screening experiment to stop".into());
    };
    service::stop(&mut conn, now, (w.manager_id, Role::Manager), id, Some(1)).map_err(refused)?;
    let decided =
        crate::hiring::service::screening::decide_all(&mut conn, &w.state.settings(), now)
            .map_err(refused)?;
    Ok(format!(
        "screening experiment {id} stopped, its second policy adopted, and candidates decided again \
         ({} hired, {} rejected)",
        decided.hired, decided.rejected
    ))
}

/// Each experiment's units per arm, recomputed at the end, for the run's log.
pub fn summary(w: &World, log: &mut String) -> anyhow::Result<()> {
    let mut conn = w.state.pool.get()?;
    for e in service::list(&conn)? {
        crate::experiments::service::results::refresh(
            &mut conn,
            &w.state.settings(),
            w.clock.now_utc(),
            e.id,
        )?;
        let totals = store::arm_totals(&conn, e.id)?;
        let units: Vec<String> = totals
            .iter()
            .map(|t| format!("arm {} {} units", t.arm, t.units))
            .collect();
        writeln!(
            log,
            "experiment {} ({}): {}",
            e.id,
            e.status.as_str(),
            units.join(", ")
        )?;
    }
    Ok(())
}
