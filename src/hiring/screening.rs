//! Screening policies in the database: drafts, the one active policy, the cohort's scores,
//! the what-if simulation (reads only), activation (audited) and decisions with enrolment.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::model::{AttemptStatus, CandidateStatus, PolicyStatus};
use super::policy::{Policy, Ranked, Rule, decide};
use crate::audit;
use crate::db::write_tx;
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct StoredPolicy {
    pub id: i64,
    pub version: i64,
    pub status: PolicyStatus,
    pub window_days: i64,
    pub policy: Policy,
}

pub fn policies(conn: &Connection) -> rusqlite::Result<Vec<StoredPolicy>> {
    let ids: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM screening_policies ORDER BY version DESC")?;
        stmt.query_map([], |r| r.get("id"))?
            .collect::<rusqlite::Result<_>>()?
    };
    ids.into_iter()
        .filter_map(|id| policy(conn, id).transpose())
        .collect()
}

pub fn policy(conn: &Connection, id: i64) -> rusqlite::Result<Option<StoredPolicy>> {
    let row = conn
        .query_row(
            "SELECT version, status, rule, percent, threshold_bp, floor_bp, window_days FROM screening_policies WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>("version")?,
                    r.get::<_, PolicyStatus>("status")?,
                    r.get::<_, String>("rule")?,
                    r.get::<_, i64>("percent")?,
                    r.get::<_, i64>("threshold_bp")?,
                    r.get::<_, i64>("floor_bp")?,
                    r.get::<_, i64>("window_days")?,
                ))
            },
        )
        .optional()?;
    let Some((version, status, rule, percent, threshold_bp, floor_bp, window_days)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT test_id, weight FROM screening_policy_tests WHERE policy_id = ?1 ORDER BY test_id",
    )?;
    let tests = stmt
        .query_map([id], |r| Ok((r.get("test_id")?, r.get("weight")?)))?
        .collect::<rusqlite::Result<_>>()?;
    let rule = if rule == "min_score" {
        Rule::MinScore { threshold_bp }
    } else {
        Rule::TopPercent { percent }
    };
    Ok(Some(StoredPolicy {
        id,
        version,
        status,
        window_days,
        policy: Policy {
            tests,
            rule,
            floor_bp,
        },
    }))
}

pub fn active(conn: &Connection) -> rusqlite::Result<Option<StoredPolicy>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM screening_policies WHERE status = ?1",
            [PolicyStatus::Active],
            |r| r.get("id"),
        )
        .optional()?;
    id.map(|id| policy(conn, id))
        .transpose()
        .map(Option::flatten)
}

/// Saves a validated policy as a new draft version.
pub fn create_draft(
    conn: &mut Connection,
    now: DateTime<Utc>,
    p: &Policy,
    window_days: i64,
) -> Result<i64, AppError> {
    write_tx(conn, |tx| -> Result<i64, AppError> {
        let version: i64 = tx.query_row(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM screening_policies",
            [],
            |r| r.get(0),
        )?;
        let (rule, percent, threshold) = match p.rule {
            Rule::TopPercent { percent } => ("top_percent", percent, 0),
            Rule::MinScore { threshold_bp } => ("min_score", 0, threshold_bp),
        };
        tx.execute(
            "INSERT INTO screening_policies (version, status, rule, percent, threshold_bp, floor_bp, window_days, created_at)
             VALUES (?1, ?8, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![version, rule, percent, threshold, p.floor_bp, window_days, now, PolicyStatus::Draft],
        )?;
        let id = tx.last_insert_rowid();
        for (test, weight) in &p.tests {
            tx.execute("INSERT INTO screening_policy_tests (policy_id, test_id, weight) VALUES (?1, ?2, ?3)", params![id, test, weight])?;
        }
        Ok(id)
    })
}

/// Each candidate's latest graded score per test, for attempts graded within the window.
fn scores(
    conn: &Connection,
    since: DateTime<Utc>,
) -> rusqlite::Result<BTreeMap<i64, BTreeMap<i64, i64>>> {
    let mut stmt = conn.prepare(
        "SELECT candidate_id, test_id, score_bp FROM test_assignments
         WHERE status = ?2 AND submitted_at >= ?1 ORDER BY id",
    )?;
    let mut map: BTreeMap<i64, BTreeMap<i64, i64>> = BTreeMap::new();
    for row in stmt.query_map(params![since, AttemptStatus::Graded], |r| {
        Ok((
            r.get::<_, i64>("candidate_id")?,
            r.get::<_, i64>("test_id")?,
            r.get::<_, i64>("score_bp")?,
        ))
    })? {
        let (candidate, test, score) = row?;
        map.entry(candidate).or_default().insert(test, score);
    }
    Ok(map)
}

/// The cohort's decisions under `p`: who would be hired, with ranks. Reads only.
pub fn evaluate(
    conn: &Connection,
    p: &StoredPolicy,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Ranked>> {
    let all = scores(conn, now - Duration::days(p.window_days))?;
    let cohort: Vec<(i64, i64)> = all
        .iter()
        .filter_map(|(c, s)| p.policy.weighted(s).map(|w| (*c, w)))
        .collect();
    Ok(decide(&p.policy, &cohort))
}

/// The latest recorded decision per candidate (hired or not).
pub fn current_decisions(conn: &Connection) -> rusqlite::Result<BTreeMap<i64, bool>> {
    let mut stmt = conn.prepare("SELECT candidate_id, hired FROM hiring_decisions ORDER BY id")?;
    let mut map = BTreeMap::new();
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, i64>("candidate_id")?, r.get::<_, bool>("hired")?))
    })? {
        let (c, h) = row?;
        map.insert(c, h);
    }
    Ok(map)
}

/// Makes a draft the active policy (the previous one retires); audited.
pub fn activate(
    conn: &mut Connection,
    now: DateTime<Utc>,
    actor: i64,
    id: i64,
) -> Result<bool, AppError> {
    write_tx(conn, |tx| -> Result<bool, AppError> {
        let Some(p) = policy(tx, id)?.filter(|p| p.status == PolicyStatus::Draft) else {
            return Ok(false);
        };
        let previous = active(tx)?.map(|a| a.version);
        tx.execute(
            "UPDATE screening_policies SET status = ?1 WHERE status = ?2",
            params![PolicyStatus::Retired, PolicyStatus::Active],
        )?;
        tx.execute(
            "UPDATE screening_policies SET status = ?3, activated_at = ?2 WHERE id = ?1",
            params![id, now, PolicyStatus::Active],
        )?;
        audit::record(
            tx,
            now,
            Some(actor),
            "screening.activate",
            &format!("policy:v{}", p.version),
            json!({ "previous": previous }),
        )?;
        Ok(true)
    })
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DecideReport {
    pub hired: usize,
    pub rejected: usize,
}

/// Decides (or re-evaluates) every scored candidate not yet hired under the active policy;
/// hiring enrols the candidate as a worker with the skills of the services they offered.
pub fn decide_all(
    conn: &mut Connection,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
) -> Result<DecideReport, AppError> {
    decide_for(conn, settings, now, None)
}

/// Decides, or re-evaluates, `only` one candidate (or everyone) under the active policy;
/// the rank is still taken within the whole cohort.
pub fn decide_for(
    conn: &mut Connection,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    only: Option<i64>,
) -> Result<DecideReport, AppError> {
    write_tx(conn, |tx| -> Result<DecideReport, AppError> {
        let Some(p) = active(tx)? else {
            return Ok(DecideReport::default());
        };
        let ranked = evaluate(tx, &p, now)?;
        let cohort = ranked.len() as i64;
        let mut report = DecideReport::default();
        for r in ranked
            .iter()
            .filter(|r| only.is_none_or(|c| c == r.candidate_id))
        {
            let (status, user_id): (CandidateStatus, i64) = tx.query_row(
                "SELECT status, user_id FROM candidates WHERE id = ?1",
                [r.candidate_id],
                |x| Ok((x.get("status")?, x.get("user_id")?)),
            )?;
            if status == CandidateStatus::Hired {
                continue;
            }
            tx.execute(
                "INSERT INTO hiring_decisions (candidate_id, policy_id, score_bp, rank, cohort_size, hired, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![r.candidate_id, p.id, r.score_bp, r.rank as i64, cohort, r.hired, now],
            )?;
            if r.hired {
                enrol(tx, settings, now, r.candidate_id, user_id)?;
                report.hired += 1;
            } else {
                tx.execute(
                    "UPDATE candidates SET status = ?3, decided_at = ?2 WHERE id = ?1",
                    params![r.candidate_id, now, CandidateStatus::Rejected],
                )?;
                report.rejected += 1;
            }
        }
        Ok(report)
    })
}

fn enrol(
    tx: &Connection,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    candidate_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    tx.execute(
        "UPDATE candidates SET status = ?3, decided_at = ?2 WHERE id = ?1",
        params![candidate_id, now, CandidateStatus::Hired],
    )?;
    crate::auth::store::set_role(tx, user_id, crate::auth::model::Role::Worker)?;
    crate::auth::store::delete_user_sessions(tx, user_id, None)?;
    let skills: Vec<String> = {
        let mut stmt = tx.prepare("SELECT DISTINCT s.skill FROM candidate_skills k JOIN service_names s ON s.id = k.service_id WHERE k.candidate_id = ?1")?;
        stmt.query_map([candidate_id], |r| r.get("skill"))?
            .collect::<rusqlite::Result<_>>()?
    };
    crate::matching::availability::set_skills(tx, user_id, &skills)?;
    crate::matching::availability::set_on_duty(tx, user_id, false)?;
    let msg = crate::notify::service::Message::new(crate::notify::model::Kind::Hired)
        .link("/worker/availability");
    crate::notify::service::notify(tx, settings, now, user_id, &msg)?;
    Ok(())
}

/// The hiring funnel: applied → tested → scored, then hired/rejected per policy version.
#[derive(Debug, Clone, Default)]
pub struct Funnel {
    pub applied: i64,
    pub tested: i64,
    pub scored: i64,
    /// (policy version, hired, rejected)
    pub by_policy: Vec<(i64, i64, i64)>,
}

pub fn funnel(conn: &Connection) -> rusqlite::Result<Funnel> {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let mut stmt = conn.prepare(
        "SELECT p.version, SUM(d.hired) AS hired, SUM(1 - d.hired) AS rejected FROM hiring_decisions d
         JOIN screening_policies p ON p.id = d.policy_id GROUP BY p.version ORDER BY p.version DESC",
    )?;
    let by_policy = stmt
        .query_map([], |r| {
            Ok((r.get("version")?, r.get("hired")?, r.get("rejected")?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Funnel {
        applied: count("SELECT COUNT(*) FROM candidates")?,
        tested: count(
            "SELECT COUNT(DISTINCT candidate_id) FROM test_assignments WHERE status IN ('started', 'submitted', 'graded')",
        )?,
        scored: count(
            "SELECT COUNT(DISTINCT candidate_id) FROM test_assignments WHERE status = 'graded'",
        )?,
        by_policy,
    })
}
