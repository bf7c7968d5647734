//! The experiments' invariants for `check`: every unit's recorded arm is one of its
//! experiment's arms and the very arm a fresh draw gives (so it never moved), drawn while the
//! experiment ran, and every strategy's decision on a unit (not a volunteer's or a manager's pick) used its arm's
//! strategy.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{Experiment, experiment};

fn experiments(conn: &Connection) -> rusqlite::Result<HashMap<i64, Experiment>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM experiments")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut all = HashMap::new();
    for id in ids {
        if let Some(e) = experiment(conn, id)? {
            all.insert(id, e);
        }
    }
    Ok(all)
}

pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let all = experiments(conn)?;
    let mut problems = Vec::new();
    for (view, unit) in [
        ("matching_assignment_facts", "order_id"),
        ("screening_assignment_facts", "candidate_id"),
    ] {
        let mut stmt = conn.prepare(&format!(
            "SELECT experiment_id, {unit}, arm, assigned_at FROM {view}"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, chrono::DateTime<chrono::Utc>>(3)?,
            ))
        })?;
        for row in rows {
            let (id, unit_id, arm, at) = row?;
            let name = format!("experiments: {unit} {unit_id} in experiment {id}");
            let Some(e) = all.get(&id) else {
                problems.push(format!("{name}: no such experiment"));
                continue;
            };
            let shares: Vec<i64> = e.arms.iter().map(|a| a.spec.share).collect();
            let drawn = crate::split::arm_for(id, unit_id, &shares).map(|i| e.arms[i].arm);
            if drawn != Some(arm) {
                problems.push(format!(
                    "{name}: recorded in arm {arm}, but its draw is arm {drawn:?}"
                ));
            }
            let ran = e.started_at.is_some_and(|s| s <= at) && e.stopped_at.is_none_or(|s| at <= s);
            if !ran {
                problems.push(format!(
                    "{name}: assigned at {at}, outside the experiment's run"
                ));
            }
        }
    }
    let mut stmt = conn.prepare(
        "SELECT d.id, d.order_id, d.strategy, a.experiment_id, a.arm, d.at FROM matching_decision_facts d
         JOIN matching_assignment_facts a ON a.order_id = d.order_id AND d.at >= a.assigned_at
         WHERE d.strategy IN ('random', 'score')",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, chrono::DateTime<chrono::Utc>>(5)?,
        ))
    })?;
    for row in rows {
        let (decision, order, strategy, id, arm, decided_at) = row?;
        let Some(e) = all.get(&id) else { continue };
        if e.stopped_at.is_some_and(|s| decided_at > s) {
            continue;
        }
        let expected = e
            .arms
            .iter()
            .find(|a| a.arm == arm)
            .and_then(|a| a.spec.strategy.clone());
        if expected.as_deref() != Some(strategy.as_str()) {
            problems.push(format!(
                "experiments: order {order}'s decision {decision} used {strategy}, not its arm's {expected:?}"
            ));
        }
    }
    Ok(problems)
}
