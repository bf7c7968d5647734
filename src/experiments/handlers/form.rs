//! Reads a new experiment's form: its fields and up to four arms (`armN_label`, `armN_share`,
//! `armN_strategy`, `armN_settings`, `armN_policy`). Rules are checked by the model.

use crate::experiments::model::{ArmSpec, DecisionKind, MAX_ARMS, Metric, NewExperiment};

/// The experiment, or the Fluent id of what is wrong with the form itself.
pub fn parse(body: &[u8]) -> Result<NewExperiment, &'static str> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| "experiment-problem-form")?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let number = |k: &str| -> Result<Option<i64>, &'static str> {
        match get(k).as_str() {
            "" => Ok(None),
            v => v.parse().map(Some).map_err(|_| "experiment-problem-form"),
        }
    };
    let decision = DecisionKind::parse(&get("decision")).ok_or("experiment-problem-form")?;
    let primary_metric =
        Metric::parse(&get("primary_metric")).ok_or("experiment-problem-metric")?;
    let mut arms = Vec::new();
    for i in 0..MAX_ARMS {
        let label = get(&format!("arm{i}_label"));
        if label.is_empty() {
            continue;
        }
        let strategy = Some(get(&format!("arm{i}_strategy"))).filter(|s| !s.is_empty());
        arms.push(ArmSpec {
            label,
            share: number(&format!("arm{i}_share"))?.unwrap_or(0),
            strategy: strategy.filter(|_| decision == DecisionKind::Matching),
            settings_version: number(&format!("arm{i}_settings"))?
                .filter(|_| decision == DecisionKind::Matching),
            policy_version: number(&format!("arm{i}_policy"))?
                .filter(|_| decision == DecisionKind::Screening),
        });
    }
    Ok(NewExperiment {
        name: get("name"),
        hypothesis: get("hypothesis"),
        decision,
        primary_metric,
        target_per_arm: number("target_per_arm")?.ok_or("experiment-problem-target")?,
        arms,
    })
}
