//! The results job: recomputes each running experiment's outcome sums from the deciding
//! contexts' published views into the snapshot the pages read, and tells the managers once
//! when the planned sample is reached and once when a guardrail trips.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::report;
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::experiments::model::outcomes::{self, HireFacts};
use crate::experiments::model::stats::Sums;
use crate::experiments::model::{DecisionKind, ExperimentStatus, Metric};
use crate::experiments::store::{self, ArmTotals, Experiment, ResultRow, units};
use crate::identity::Role;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify_role};

type Cells = BTreeMap<(Metric, i64, NaiveDate), Sums>;

fn rows_of(cells: Cells) -> Vec<ResultRow> {
    cells
        .into_iter()
        .map(|((metric, arm, day), s)| ResultRow {
            metric,
            arm,
            day,
            n: s.n,
            total: s.sum,
            total_sq: s.sum_sq,
        })
        .collect()
}

fn matching_results(
    conn: &Conn,
    e: &Experiment,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(Vec<ResultRow>, Vec<ArmTotals>), AppError> {
    let mut cells = Cells::new();
    let mut jobs: HashMap<i64, HashMap<i64, i64>> = HashMap::new();
    let mut units_per_arm: HashMap<i64, i64> = HashMap::new();
    for u in units::orders(conn, e.id)? {
        let day = u.first_decision_at.with_timezone(&tz).date_naive();
        *units_per_arm.entry(u.arm).or_default() += 1;
        for (metric, value) in outcomes::matching_values(&u.facts, now) {
            cells.entry((metric, u.arm, day)).or_default().add(value);
        }
        if let (Some(worker), true) = (u.worker_id, u.facts.assigned_at.is_some()) {
            *jobs.entry(u.arm).or_default().entry(worker).or_default() += 1;
        }
    }
    let totals = e
        .arms
        .iter()
        .map(|a| {
            let per_worker: Vec<i64> = jobs
                .get(&a.arm)
                .map(|m| m.values().copied().collect())
                .unwrap_or_default();
            ArmTotals {
                arm: a.arm,
                units: units_per_arm.get(&a.arm).copied().unwrap_or(0),
                jobs: per_worker.iter().sum(),
                workers: per_worker.len() as i64,
                top_fifth_jobs: outcomes::top_fifth_jobs(&per_worker),
            }
        })
        .collect();
    Ok((rows_of(cells), totals))
}

fn screening_results(
    conn: &Conn,
    e: &Experiment,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(Vec<ResultRow>, Vec<ArmTotals>), AppError> {
    let applicants = units::applicants(conn, e.id)?;
    let hired: Vec<i64> = applicants
        .iter()
        .filter(|a| a.hired)
        .map(|a| a.candidate_id)
        .collect();
    let follow: HashMap<i64, HireFacts> = hire_facts(conn, now, &hired)?;
    let mut cells = Cells::new();
    let mut units_per_arm: HashMap<i64, i64> = HashMap::new();
    let mut hires_per_arm: HashMap<i64, i64> = HashMap::new();
    for a in &applicants {
        let day = a.first_decision_at.with_timezone(&tz).date_naive();
        *units_per_arm.entry(a.arm).or_default() += 1;
        if a.hired {
            *hires_per_arm.entry(a.arm).or_default() += 1;
        }
        for (metric, value) in outcomes::screening_values(a.hired, follow.get(&a.candidate_id)) {
            cells.entry((metric, a.arm, day)).or_default().add(value);
        }
    }
    let totals = e
        .arms
        .iter()
        .map(|a| ArmTotals {
            arm: a.arm,
            units: units_per_arm.get(&a.arm).copied().unwrap_or(0),
            jobs: hires_per_arm.get(&a.arm).copied().unwrap_or(0),
            workers: 0,
            top_fifth_jobs: 0,
        })
        .collect();
    Ok((rows_of(cells), totals))
}

/// How each hire did, from hiring's follow-up (the same figures every policy version shows).
fn hire_facts(
    conn: &Conn,
    now: DateTime<Utc>,
    hired: &[i64],
) -> Result<HashMap<i64, HireFacts>, AppError> {
    if hired.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(
        crate::hiring::service::followup::hire_outcomes(conn, now, Some(hired))?
            .into_iter()
            .map(|h| (h.candidate_id, h))
            .collect(),
    )
}

/// Recomputes one experiment's snapshot and sends its notices.
pub fn refresh(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    id: i64,
) -> Result<(), AppError> {
    let e = store::experiment(conn, id)?.ok_or(AppError::NotFound)?;
    let tz = settings.time_zone;
    let (rows, totals) = match e.decision {
        DecisionKind::Matching => matching_results(conn, &e, tz, now)?,
        DecisionKind::Screening => screening_results(conn, &e, tz, now)?,
    };
    write_tx(conn, |tx| -> Result<(), AppError> {
        store::replace_results(tx, id, &rows, &totals, now)?;
        if e.status == ExperimentStatus::Running {
            notices(
                tx,
                settings,
                now,
                &e,
                report::build(&e, &rows, totals.clone()),
            )?;
        }
        Ok(())
    })
}

fn notices(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    e: &Experiment,
    r: report::Report,
) -> Result<(), AppError> {
    let link = format!("/manage/experiments/{}", e.id);
    if !e.sample_noticed && r.sample_reached(e) {
        store::mark_noticed(tx, e.id, false, now)?;
        let msg = Message::new(Kind::ExperimentSampleReached)
            .arg("name", e.name.clone())
            .link(link.clone());
        tell_staff(tx, settings, now, &msg)?;
    }
    let tripped = r.tripped();
    if !e.guardrail_noticed && !tripped.is_empty() {
        store::mark_noticed(tx, e.id, true, now)?;
        let msg = Message::new(Kind::ExperimentGuardrail)
            .arg("name", e.name.clone())
            .arg("metric", crate::i18n::Arg::message(tripped[0].label_key()))
            .link(link);
        tell_staff(tx, settings, now, &msg)?;
    }
    Ok(())
}

/// How old a running experiment's figures may grow before the job recomputes them: a manager
/// reads them daily, and a pass over months of units is not free.
pub const REFRESH_MINUTES: i64 = 10;

/// Managers read every experiment and admins run the matching ones: both hear of it.
fn tell_staff(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    msg: &Message,
) -> Result<(), AppError> {
    for role in [Role::Manager, Role::Admin] {
        notify_role(tx, settings, now, role, msg)?;
    }
    Ok(())
}

/// The job's pass: every running experiment whose figures are older than `REFRESH_MINUTES`,
/// and each stopped one once more so its final figures include everything up to its stop.
pub fn refresh_due(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let ids = store::to_refresh(conn, now - chrono::Duration::minutes(REFRESH_MINUTES))?;
    for id in &ids {
        refresh(conn, settings, now, *id)?;
    }
    Ok(ids.len())
}
