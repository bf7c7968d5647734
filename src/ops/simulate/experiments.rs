//! Experiments in the simulation: on the first day an admin starts a matching experiment
//! (random against score over the live settings) and a manager drafts a second screening
//! policy (a higher floor) and starts a screening experiment against the active one; both run
//! to the end, so the pages, the notices and `check` see real units.

use chrono::DateTime;

use super::World;
use crate::auth::model::Role;
use crate::experiments::model::{ArmSpec, DecisionKind, Metric, NewExperiment};
use crate::experiments::service;
use crate::hiring::model::policy::Rule;

fn arm(label: &str, strategy: Option<&str>, settings: Option<i64>, policy: Option<i64>) -> ArmSpec {
    ArmSpec {
        label: label.into(),
        share: 50,
        strategy: strategy.map(String::from),
        settings_version: settings,
        policy_version: policy,
    }
}

/// The experiments' ids: (matching, screening).
pub fn start(world: &mut World) -> anyhow::Result<(i64, i64)> {
    let admin = super::register(world, Role::Admin, "admin-0")?;
    let now = world.clock.now_utc();
    let mut conn = world.state.pool.get()?;
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
    let matching = service::create(&mut conn, now, (admin, Role::Admin), &matching)?;
    service::start(&mut conn, now, (admin, Role::Admin), matching)?;
    let active = crate::hiring::service::screening::active(&conn)?
        .ok_or_else(|| anyhow::anyhow!("the default screening policy is missing"))?;
    let mut stricter = active.policy.clone();
    stricter.floor_bp = (stricter.floor_bp + 1500).min(10_000);
    if let Rule::TopPercent { percent } = stricter.rule {
        stricter.rule = Rule::TopPercent {
            percent: (percent * 2).min(100),
        };
    }
    let draft = crate::hiring::service::screening::create_draft(
        &mut conn,
        now,
        &stricter,
        active.window_days,
    )?;
    let draft = crate::hiring::service::screening::policy(&conn, draft)?
        .ok_or_else(|| anyhow::anyhow!("the drafted policy is missing"))?;
    let screening = NewExperiment {
        name: "Higher floor, wider top".into(),
        hypothesis: "A higher floor with a wider top share hires as many, and better.".into(),
        decision: DecisionKind::Screening,
        primary_metric: Metric::HireRate,
        target_per_arm: 20,
        arms: vec![
            arm("Current policy", None, None, Some(active.version)),
            arm("Higher floor", None, None, Some(draft.version)),
        ],
    };
    let manager = (world.manager_id, Role::Manager);
    let screening = service::create(&mut conn, now, manager, &screening)?;
    service::start(&mut conn, now, manager, screening)?;
    Ok((matching, screening))
}

/// Each experiment's units per arm, for the simulation's log.
pub fn summary(
    world: &World,
    ids: (i64, i64),
    at: DateTime<chrono::Utc>,
    log: &mut String,
) -> anyhow::Result<()> {
    use std::fmt::Write;
    let mut conn = world.state.pool.get()?;
    for id in [ids.0, ids.1] {
        crate::experiments::service::results::refresh(&mut conn, &world.state.settings, at, id)?;
        let totals = crate::experiments::store::arm_totals(&conn, id)?;
        let units: Vec<String> = totals
            .iter()
            .map(|t| format!("arm {} {} units", t.arm, t.units))
            .collect();
        writeln!(log, "experiment {id}: {}", units.join(", "))?;
    }
    Ok(())
}
