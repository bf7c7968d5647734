//! The follow-up of every screening-policy version: whom it decided on and hired, and how each
//! hire did since (in an experiment or not). Reads only; the experiments context calls
//! `hire_outcomes` for a screening experiment's hires.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::error::AppError;
use crate::hiring::model::PolicyStatus;
pub use crate::hiring::model::followup::{HireOutcome, mean_centi};
use crate::hiring::model::followup::{STAYED_DAYS, VersionTotals, active_after, summarise};
use crate::hiring::store::followup as store;
use crate::hiring::store::policies;

/// Each hire (all, or the candidates among `candidate_ids`) with how they did up to `now`.
pub fn hire_outcomes(
    conn: &Connection,
    now: DateTime<Utc>,
    candidate_ids: Option<&[i64]>,
) -> Result<Vec<HireOutcome>, AppError> {
    let mut hires = store::hires(conn, candidate_ids)?;
    for h in &mut hires {
        store::read_record(conn, h)?;
        let changes = store::account_changes(conn, h.worker_id)?;
        let [d30, d90] = STAYED_DAYS;
        h.active_30 = active_after(h.hired_at, d30, now, &changes);
        h.active_90 = active_after(h.hired_at, d90, now, &changes);
    }
    Ok(hires)
}

/// One policy version: how many candidates it decided on and hired, its hires and their
/// totals.
#[derive(Debug, Clone)]
pub struct VersionFollowUp {
    pub policy_id: i64,
    pub version: i64,
    pub status: PolicyStatus,
    pub decided: i64,
    pub hires: Vec<HireOutcome>,
    pub totals: VersionTotals,
}

/// Every version that is or was in force (drafts decide nothing), newest first.
pub fn by_version(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<VersionFollowUp>, AppError> {
    let funnel = policies::funnel(conn)?;
    let decided: BTreeMap<i64, i64> = funnel
        .by_policy
        .iter()
        .map(|(v, hired, rejected)| (*v, hired + rejected))
        .collect();
    let outcomes = hire_outcomes(conn, now, None)?;
    let mut totals = summarise(&outcomes);
    let mut hires: BTreeMap<i64, Vec<HireOutcome>> = BTreeMap::new();
    for o in outcomes {
        hires.entry(o.policy_version).or_default().push(o);
    }
    Ok(policies::policies(conn)?
        .into_iter()
        .filter(|p| p.status != PolicyStatus::Draft)
        .map(|p| VersionFollowUp {
            policy_id: p.id,
            version: p.version,
            status: p.status,
            decided: decided.get(&p.version).copied().unwrap_or(0),
            hires: hires.remove(&p.version).unwrap_or_default(),
            totals: totals.remove(&p.version).unwrap_or_default(),
        })
        .collect())
}
